"""Repeal and effective-date clauses as notices print them, on short texts written for the tests."""

from __future__ import annotations

from ingest.extractors.header import extract_header
from ingest.extractors.repeals import EVIDENCE_CHARS, extract_repeals
from ingest.segment import segment_pages
from ingest.sources.text import parse_text_dump
from tests.support.measure_texts import notice


def repealed(*lines: str) -> list[tuple[str | None, str | None]]:
    return [(r.title, r.doc_number) for r in extract_repeals(notice("\n".join(lines)))]


def closing(clause: str):
    """The header of a one-notice compilation whose closing sentence is `clause`."""
    text = (
        "# Page 5:\n三、华中\n（一）湖北\n1. 黄石市人民政府关于印发《黄石市优化营商环境办法》的通知（2023 年5 月8 日）\n"
        "黄政规〔2023〕2 号\n各县（市、区）人民政府：\n现将《黄石市优化营商环境办法》印发给你们，请认真贯彻执行。\n"
        f"黄石市人民政府\n2023 年5 月8 日\n黄石市优化营商环境办法\n第一条 为了优化营商环境，制定本办法。\n{clause}\n"
    )
    doc = next(iter(segment_pages(parse_text_dump(text), "t.txt")))
    return extract_header(doc), extract_repeals(doc)


def test_former_title_and_number_repealed_in_the_effective_sentence() -> None:
    assert repealed(
        "本办法自2023 年6 月1 日起施行，原《黄石市促进投资办法》（黄政规〔2020〕5 号）同时废止。"
    ) == [("黄石市促进投资办法", "黄政规〔2020〕5号")]


def test_former_title_printed_without_title_marks() -> None:
    assert repealed("本办法自2023年6月1日起施行，原黄石市促进投资办法（黄政规〔2020〕5号）同时废止。") == [
        ("黄石市促进投资办法", "黄政规〔2020〕5号")
    ]
    assert repealed("本办法自2023年6月1日起施行，原市政府印发的黄石市促进投资办法同时废止。") == [
        ("黄石市促进投资办法", None)
    ]


def test_the_document_named_in_the_effective_clause_is_not_repealed() -> None:
    assert repealed("《黄石市优化营商环境办法》自2023年6月1日起施行，原《黄石市促进投资办法》同时废止。") == [
        ("黄石市促进投资办法", None)
    ]


def test_words_starting_with_yuan_are_no_former_title() -> None:
    assert repealed("各地原则上不再执行此类收费规定。") == []
    assert repealed("本办法施行后，原有的相关规定同时废止。") == []
    assert repealed("本方案中“一、规范收费”段落废止。") == []


def test_effective_date_and_repeal_read_from_one_closing_sentence_with_spaced_dates() -> None:
    header, repeals = closing(
        "第二条 本办法自2023 年6 月1 日起施行，原《黄石市促进投资办法》（黄政规〔2020〕5 号）同时废止。"
    )
    assert header.effective_date == "2023-06-01"
    assert [(r.title, r.doc_number, r.as_printed) for r in repeals] == [
        (
            "黄石市促进投资办法",
            "黄政规〔2020〕5号",
            "《黄石市促进投资办法》（黄政规〔2020〕5号）同时废止",
        )
    ]


def test_effective_clause_with_zhengshi_and_with_the_document_named_by_its_title() -> None:
    assert closing("第二条 本办法自2023 年6 月1 日起正式实施。")[0].effective_date == "2023-06-01"
    header, repeals = closing(
        "《黄石市优化营商环境办法》自2023年7月1日起施行，原《黄石市促进投资办法》同时废止。"
    )
    assert header.effective_date == "2023-07-01"
    assert [r.title for r in repeals] == ["黄石市促进投资办法"]


def test_a_cited_law_with_its_own_effective_date_is_not_the_document_s() -> None:
    header, _ = closing("第二条 《中华人民共和国外商投资法》自2020年1月1日起施行以来，投资环境持续改善。")
    assert header.effective_date is None


def test_each_cue_closes_the_titles_named_since_the_cue_before_it() -> None:
    assert repealed("《甲市促进投资办法》同时废止，《甲市招商引资办法》不再执行。") == [
        ("甲市促进投资办法", None),
        ("甲市招商引资办法", None),
    ]


def test_the_evidence_of_a_title_in_a_long_list_is_cut_to_its_start_and_the_cue() -> None:
    titles = "、".join(f"《甲市第{n}号办法》" for n in range(1, 80))
    records = extract_repeals(notice(f"{titles}同时废止。"))
    assert len(records) == 79
    first = records[0].as_printed
    assert (
        len(first) == EVIDENCE_CHARS
        and first.startswith("《甲市第1号办法》、")
        and first.endswith("…同时废止")
    )
    assert records[-1].as_printed == "《甲市第79号办法》同时废止"
