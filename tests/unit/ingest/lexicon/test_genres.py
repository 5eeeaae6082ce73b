"""ingest/data/genres.toml: every genre word and every row's example, read by the stages that use them."""

from __future__ import annotations

import pytest

from ingest.extractors.citations import is_document_title, purpose
from ingest.extractors.header import doc_type, extract_header, read_validity, subject_title
from ingest.extractors.jurisdiction import jurisdiction_of_cited_title
from ingest.lexicon.genres import genres
from tests.support.measure_texts import measures_of, notice

TABLE = genres()
NOTICE = TABLE.default


def test_the_notice_is_the_default_genre() -> None:
    assert NOTICE.name == "notice" and TABLE.genres[0] is NOTICE


@pytest.mark.parametrize("word", TABLE.title_words)
def test_every_title_word_is_a_doc_type(word: str) -> None:
    assert doc_type(f"上海市人民政府关于推进改革的{word}") == word
    assert doc_type(f"《推进改革的{word}（试行）》") == word


@pytest.mark.parametrize("mark", TABLE.draft_marks)
def test_every_draft_mark_makes_a_draft(mark: str) -> None:
    header = extract_header(notice(f"关于优化营商环境的若干措施（{mark}）", heading_lines=1))
    assert header.draft


@pytest.mark.parametrize("row", NOTICE.subjects, ids=lambda r: r.example)
def test_every_cover_notice_example_names_its_subject(row) -> None:
    subject = subject_title(row.example)
    assert subject and subject in row.example and not subject.startswith(row.drop_prefix or "《")


@pytest.mark.parametrize("row", NOTICE.numbering, ids=lambda r: r.style)
def test_every_numbering_example_is_read_as_its_style(row) -> None:
    first = next(n for n in NOTICE.numbering if n.pattern.match(row.example))
    assert first.style == row.style
    number = first.pattern.match(row.example).group(1)
    assert first.label.format(n=number) in row.example or first.label == "{n}"


@pytest.mark.parametrize("row", NOTICE.body_end, ids=lambda r: r.example)
def test_every_body_end_example_ends_the_body(row) -> None:
    assert NOTICE.ends_body(row.example)
    measures = measures_of(notice(f"1.推进改革。\n2.优化服务。\n{row.example}\n3.不是措施。"))
    assert [m.number for m in measures] == ["1", "2"]


@pytest.mark.parametrize("heading", NOTICE.non_action_headings)
def test_every_non_action_heading_drops_its_items(heading: str) -> None:
    assert NOTICE.non_action.match(heading + "和要求")
    measures = measures_of(notice(f"一、{heading}\n（一）坚持问题导向。\n二、主要任务\n（一）推进改革。"))
    assert [m.path for m in measures] == ["二", "二/（一）"]


@pytest.mark.parametrize("row", NOTICE.promulgation, ids=lambda r: r.example)
def test_every_promulgation_example_scopes_the_document(row) -> None:
    assert NOTICE.promulgates(row.example)
    assert read_validity(f"第一条为了…。{row.example}").effective == "2023-07-01"


@pytest.mark.parametrize("event", ["2023年7月1日", *TABLE.effective_events])
def test_every_effective_event_and_verb_is_read(event: str) -> None:
    for verb in TABLE.effective_verbs:
        assert TABLE.effective.search(f"本通知自{event}起{verb}").group(1) == event


@pytest.mark.parametrize("phrase", TABLE.expiry_phrases)
def test_every_expiry_phrase_is_read(phrase: str) -> None:
    assert read_validity(f"本措施自2023年7月1日起施行，{phrase}2025年12月31日。").expiry == "2025-12-31"


def test_citation_words() -> None:
    words = TABLE.citations
    for word in words.legal_title_words:
        assert is_document_title("数据" + word) and not is_document_title(word)
    assert not is_document_title(words.not_document_example)
    for cue in words.basis_cues:
        assert purpose(f"{cue}《优化营商环境条例》", len(cue)) == "basis"
    for cue in words.implement_cues:
        assert purpose(f"为{cue}《优化营商环境条例》", len(cue) + 1) == "implements"
    for word in words.national_title_words:
        assert jurisdiction_of_cited_title("优化营商环境" + word).level == "national"
