"""ingest/data/regulations.toml and the regulation genre of genres.toml: every row's example and every word,
read by the stages that use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extractors.articles import extract_articles
from ingest.extractors.duties import duty_units
from ingest.extractors.regulation import enacting_body, read_events, regulation_genre
from ingest.lexicon.docnumber import parse_doc_number
from ingest.lexicon.regulations import load, regulations
from ingest.lexicon.tables import TableError
from tests.support.measure_texts import notice

TABLE = regulations()
GENRE = regulation_genre()


@pytest.mark.parametrize("row", TABLE.events, ids=lambda r: r.kind)
def test_every_step_example_is_read_as_its_kind(row) -> None:
    [step] = read_events(row.example, 1)
    assert step.kind == row.kind and step.date
    for verb in row.verbs:
        assert TABLE.kind_of(verb) == row.kind


def test_the_ordinal_number_and_decision_examples() -> None:
    assert enacting_body(TABLE.ordinal_example) == "上海市人民代表大会常务委员会"
    number = TABLE.number.search(TABLE.number_example)
    assert number and number.group("seq") == "第18号"
    assert TABLE.decision.search(TABLE.decision_example)
    parsed = parse_doc_number("临沂市人民代表大会常务委员会公告第18号")
    assert parsed and parsed.agency_code == "临沂市人民代表大会常务委员会公告"


@pytest.mark.parametrize("row", TABLE.unplaced_issuers, ids=lambda r: r.issuer)
def test_every_unplaced_issuer_example(row) -> None:
    assert TABLE.unplaced_issuer(row.example) == row.issuer


def test_the_provisions_chapters() -> None:
    for title in TABLE.general:
        assert TABLE.provisions(title) == "general"
    for title in TABLE.supplementary:
        assert TABLE.provisions(title) == "supplementary"
    assert TABLE.provisions("市场环境") is None


def _subjects(clause: str) -> list[tuple[str, str]]:
    return [(u.as_printed, u.role) for u in duty_units(clause, 0, len(clause), lambda _: 1)]


def test_every_duty_cue_makes_a_subject_and_every_lead_word_a_lead() -> None:
    for cue in ("应当", "负责", "依法", "按照"):
        assert TABLE.duty_cue.match(cue)
        assert _subjects(f"市场监督管理部门{cue}做好监督工作。") == [("市场监督管理部门", "responsible")]
    for word in ("牵头", "主管", "负责牵头"):
        assert _subjects(f"发展改革部门{word}本行政区域的相关工作。") == [("发展改革部门", "lead")]


@pytest.mark.parametrize("word", TABLE.not_subjects)
def test_every_not_subject_names_no_body(word: str) -> None:
    assert _subjects(f"{word}有关单位应当依法办理。") == []


@pytest.mark.parametrize("row", GENRE.numbering, ids=lambda r: r.style)
def test_every_regulation_numbering_example(row) -> None:
    match = row.pattern.match(row.example)
    assert match and next(n for n in GENRE.numbering if n.pattern.match(row.example)).style == row.style


def test_the_regulation_subject_body_end_and_promulgation_examples() -> None:
    [subject] = GENRE.subjects
    assert subject.pattern.match(subject.example)
    for rule in GENRE.body_end:
        assert GENRE.ends_body(rule.example)
        articles = extract_articles(notice(f"第一条 本条例适用于本省。\n{rule.example}\n第二条 不是条文。"))
        assert [a.number for a in articles] == ["1"]
    for rule in GENRE.promulgation:
        assert GENRE.promulgates(rule.example)


def test_a_step_kind_the_table_does_not_know_is_refused(tmp_path: Path) -> None:
    table = Path(__file__).parents[4] / "ingest" / "data" / "regulations.toml"
    broken = tmp_path / "regulations.toml"
    broken.write_text(
        table.read_text(encoding="utf-8").replace('kind = "approved"', 'kind = "ratified"'), "utf-8"
    )
    with pytest.raises(TableError, match="ratified"):
        load(broken)
