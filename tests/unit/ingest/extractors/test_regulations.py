"""Regulations and rules on short texts written for the tests: genre, header (cover, history, issuer, dates,
number, approval), chapters and articles, the bodies articles charge with a duty, versions."""

from __future__ import annotations

import pytest

from ingest.extractors.regulation import approvals, enacting_body, read_events
from ingest.lexicon.bodies import bodies
from ingest.pipeline import extract_document, is_document
from ingest.records import DocumentRecord
from tests.support import regulation_texts as texts
from tests.support.measure_texts import notice, units_of


def regulation(text: str, heading_lines: int = 0) -> DocumentRecord:
    return extract_document(notice(text, heading_lines=heading_lines))


def test_a_regulation_promulgated_by_an_announcement() -> None:
    record = regulation(texts.PROMULGATED_BY_ANNOUNCEMENT)
    header = record.header
    assert record.genre == "regulation" and is_document(record)
    assert header.title == "浙江省促进民营经济发展条例" and header.doc_type == "条例"
    assert header.doc_number and header.doc_number.text == "浙江省人民代表大会常务委员会公告第十二号"
    assert [i.name for i in header.issuers] == ["浙江省人民代表大会常务委员会"]
    assert bodies().kind_of(header.issuers[0].name) == "legislature"
    assert (header.issue_date, header.adopted_date, header.published_date, header.effective_date) == (
        "2023-09-28",
        "2023-09-28",
        "2023-09-28",
        "2024-01-01",
    )
    assert (record.jurisdiction.level, record.jurisdiction.province) == ("province", "浙江省")


def test_the_cover_is_not_the_title_and_the_regulation_does_not_cite_itself() -> None:
    record = regulation(texts.PROMULGATED_BY_ANNOUNCEMENT)
    assert "公告" not in record.header.title
    assert [c.title for c in record.citations] == ["中华人民共和国中小企业促进法"]


def test_a_city_regulation_is_made_by_its_congress_and_approved_by_its_province() -> None:
    record = regulation(texts.CITY_REGULATION)
    header = record.header
    assert [i.name for i in header.issuers] == ["济宁市人民代表大会常务委员会"]
    assert (record.jurisdiction.level, record.jurisdiction.province, record.jurisdiction.city) == (
        "city",
        "山东省",
        "济宁市",
    )
    assert header.adopted_date == "2022-12-13" and header.effective_date == "2023-03-01"
    [approval] = approvals(header)
    assert (approval.body, approval.date) == ("山东省人民代表大会常务委员会", "2023-01-10")
    assert approval.as_printed.endswith("第四十一次会议批准")


def test_a_state_council_order() -> None:
    record = regulation(texts.STATE_COUNCIL_ORDER)
    header = record.header
    assert header.title == "优化营商环境条例"
    assert header.doc_number and header.doc_number.text == "中华人民共和国国务院令第722号"
    assert [(i.name, i.as_printed) for i in header.issuers] == [("国务院", "中华人民共和国国务院")]
    assert record.jurisdiction.level == "national"
    assert (header.adopted_date, header.published_date, header.effective_date) == (
        "2019-10-08",
        "2019-10-22",
        "2020-01-01",
    )


def test_a_rule_promulgated_by_a_government_order() -> None:
    record = regulation(texts.GOVERNMENT_RULE)
    header = record.header
    assert header.title == "浙江省行政规范性文件管理办法" and header.doc_type == "办法"
    assert header.doc_number and header.doc_number.text == "浙江省人民政府令第384号"
    assert [i.name for i in header.issuers] == ["浙江省人民政府"]
    assert header.adopted_date is None  # the meeting's date is not printed
    assert header.published_date == header.issue_date == "2020-09-29"
    assert header.effective_date == "2020-11-01"


def test_chapters_are_structure_and_articles_are_measures() -> None:
    measures = regulation(texts.CHAPTERS_AND_ARTICLES).measures
    assert [m.path for m in measures] == [
        "第一章/1",
        "第一章/2",
        "第二章/第一节/3",
        "第二章/第一节/3之1",
        "第二章/第一节/4",
        "第三章/5",
    ]
    assert [m.chapter for m in measures] == ["总则", "总则", "数据权益", "数据权益", "数据权益", "附则"]
    assert [m.provisions for m in measures] == ["general", "general", None, None, None, "supplementary"]
    assert measures[0].heading == "立法目的"
    assert all(m.leaf and m.parent_path is None for m in measures)


def test_a_chapter_title_is_not_text_of_the_article_before_it() -> None:
    measures = regulation(texts.PROMULGATED_BY_ANNOUNCEMENT).measures
    assert [m.number for m in measures] == ["1", "2", "3", "4"]
    assert measures[2].text.endswith("报道应当真实、客观。")
    assert not any("章" in m.text for m in measures)


def test_an_article_number_inside_a_sentence_starts_no_article() -> None:
    [_, second, *_] = regulation(texts.CHAPTERS_AND_ARTICLES).measures
    assert second.text.endswith("第十二条规定的程序处理。")


def test_the_subject_of_a_duty_is_assigned_the_work() -> None:
    measures = regulation(texts.PROMULGATED_BY_ANNOUNCEMENT).measures
    assert units_of(measures[1]) == [("县级以上人民政府发展改革部门", "lead")]
    assert units_of(measures[2]) == [("市场监督管理部门", "responsible")]
    [_, competent, _] = regulation(texts.STATE_COUNCIL_ORDER).measures
    assert units_of(competent) == [("国务院市场监督管理部门", "lead")]


def test_bodies_listed_with_one_level_and_ending_are_each_assigned() -> None:
    [_, governments, _] = regulation(texts.CITY_REGULATION).measures
    assert units_of(governments) == [("市人民政府", "responsible"), ("县（市、区）人民政府", "responsible")]
    listed = regulation(
        "某市数据条例\n第一条 市农业农村、发展改革、财政等部门应当支持数据开放。\n"
        "第二条 省和设区的市人民政府发展改革部门应当统筹建设公共信用信息平台。"
    ).measures
    assert [u.as_printed for u in listed[0].units] == ["市农业农村部门", "市发展改革部门", "市财政部门"]
    assert [u.as_printed for u in listed[1].units] == ["省人民政府发展改革部门", "市人民政府发展改革部门"]
    its, _ = regulation(
        "某省数据条例\n第一条 县级以上人民政府及其有关部门应当保护数据安全。\n第二条 本条例自公布之日起施行。"
    ).measures
    assert [u.as_printed for u in its.units] == ["县级以上人民政府", "县级以上人民政府有关部门"]


def test_a_revised_version_prints_its_history() -> None:
    header = regulation(texts.REVISED_VERSION).header
    assert [(s.kind, s.date) for s in header.history] == [
        ("adopted", "2016-07-28"),
        ("revised", "2021-09-29"),
    ]
    assert header.adopted_date == header.issue_date == "2021-09-29"
    amended = regulation(texts.AMENDED_VERSION).header
    assert [s.kind for s in amended.history] == ["adopted", "revised", "amended"]
    assert amended.history[-1].decision == "关于修改〈广东省市场监管条例〉的决定"
    assert amended.adopted_date == "2023-11-23"


def test_a_history_printed_on_the_title_line() -> None:
    record = regulation(
        "上海市优化营商环境条例（2020年4月10日上海市第十五届人民代表大会常务委员会第二十次会议通过　"
        "根据2021年10月28日上海市第十五届人民代表大会常务委员会第三十六次会议"
        "《关于修改〈上海市优化营商环境条例〉的决定》第一次修正）\n目　　录\n第一章　总　　则\n第二章　附　　则\n"
        "第一章　总　　则\n第一条　为了持续优化营商环境，制定本条例。\n第二章　附　　则\n第二条　本条例自2020年4月10日起施行。"
    )
    header = record.header
    assert header.title == "上海市优化营商环境条例"
    assert [(s.kind, s.date) for s in header.history] == [
        ("adopted", "2020-04-10"),
        ("amended", "2021-10-28"),
    ]
    assert [i.name for i in header.issuers] == ["上海市人民代表大会常务委员会"]
    assert [m.path for m in record.measures] == ["第一章/1", "第二章/2"] and record.citations == []


def test_the_revising_decision_is_not_a_citation() -> None:
    record = regulation(texts.AMENDED_VERSION)
    assert record.citations == []


def test_a_national_regulation_that_prints_no_history_is_the_state_councils() -> None:
    record = regulation(
        "促进个体工商户发展条例\n第一条 为了鼓励个体经济发展，制定本条例。\n第二条 本条例自2022年11月1日起施行。"
    )
    assert [i.name for i in record.header.issuers] == ["国务院"]
    assert record.header.effective_date == "2022-11-01"
    local = regulation(
        "潍坊市优化营商环境条例\n第一条 为了优化营商环境，制定本条例。\n第二条 本条例自公布之日起施行。"
    )
    assert local.header.issuers == []


def test_a_compilation_entry_keeps_its_heading_title_and_date() -> None:
    record = regulation(
        "3.某市优化营商环境条例（2023年1月10日）\n" + texts.CITY_REGULATION.replace("济宁市", "某市"),
        heading_lines=1,
    )
    assert record.genre == "regulation"
    assert (record.header.title, record.header.issue_date) == ("某市优化营商环境条例", "2023-01-10")


def test_a_notice_that_prints_a_regulation_is_a_notice() -> None:
    record = regulation(
        "关于印发《某市数据管理办法》的通知\n各区政府：\n现将《某市数据管理办法》印发给你们。\n"
        "某市数据管理办法\n第一条 为了规范数据管理，制定本办法。\n第二条 本办法自2023年1月1日起施行。"
    )
    assert record.genre == "notice"


@pytest.mark.parametrize(
    ("printed", "body"),
    [
        ("上海市第十五届人民代表大会常务委员会第三十七次会议", "上海市人民代表大会常务委员会"),
        ("浙江省第十四届人民代表大会第一次会议", "浙江省人民代表大会"),
        ("国务院第57次常务会议", "国务院"),
        ("中华人民共和国国务院", "国务院"),
        ("国家市场监督管理总局", "国家市场监督管理总局"),
        ("现予", None),
    ],
)
def test_the_body_of_a_step_drops_its_session_and_meeting(printed: str, body: str | None) -> None:
    assert enacting_body(printed) == body


def test_the_steps_of_a_cover_sentence() -> None:
    steps = read_events(
        "《某市条例》已于2022年12月13日经某市第二十届人民代表大会常务委员会第七次会议通过，并于2023年1月10日"
        "经山东省第十三届人民代表大会常务委员会第四十一次会议批准，现予公布，自2023年3月1日起施行。",
        1,
        "2023-01-10",
    )
    assert [(s.kind, s.date, s.body) for s in steps] == [
        ("adopted", "2022-12-13", "某市人民代表大会常务委员会"),
        ("approved", "2023-01-10", "山东省人民代表大会常务委员会"),
        ("published", "2023-01-10", None),
        ("effective", "2023-03-01", None),
    ]
