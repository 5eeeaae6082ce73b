"""Deadlines: every printed form on short texts, the non-deadlines, and recall on the answer key's measures."""

from __future__ import annotations

import pytest

from ingest.extractors.deadlines import extract_deadlines
from tests.support.gold_measure_texts import GoldMeasure


@pytest.mark.parametrize(
    ("text", "date", "granularity", "printed"),
    [
        ("2024年底前完成平台建设。", "2024-12-31", "year", "2024年底前"),
        ("6月底前完成清单梳理。", "2024-06-30", "month", "6月底前"),
        ("力争到2025年，全市绿色建筑占比达到65%。", "2025-12-31", "year", "到2025年"),
        ("2024年6月15日前报送方案。", "2024-06-15", "day", "2024年6月15日前"),
        ("上半年完成系统上线。", "2024-06-30", "quarter", "上半年"),
        ("第三季度完成试点评估。", "2024-09-30", "quarter", "第三季度"),
        ("2024年第一季度末前完成。", "2024-03-31", "quarter", "2024年第一季度末前"),
        ("于3月31日前向社会公开。", "2024-03-31", "day", "3月31日前"),
        ("（时限要求：10月底）", "2024-10-31", "month", "10月底"),
        ("时限要求：年底前", "2024-12-31", "year", "年底前"),
        ("至2025年底普惠贷款余额达1万亿元。", "2025-12-31", "year", "至2025年底"),
        ("到2027年年底，专利转化率明显提高。", "2027-12-31", "year", "到2027年年底"),
        ("2024年9月底完成数据对接。", "2024-09-30", "month", "2024年9月底"),
        ("二〇二四年十二月底前完成。", "2024-12-31", "month", "二〇二四年十二月底前"),
        ("今年底前出台细则。", "2024-12-31", "year", "今年底前"),
        ("2月29日前报送。", "2024-02-29", "day", "2月29日前"),
    ],
)
def test_deadline_forms(text: str, date: str, granularity: str, printed: str) -> None:
    found = extract_deadlines(text, default_year=2024)
    assert [(d.date, d.granularity, d.as_printed, d.kind) for d in found] == [
        (date, granularity, printed, "complete_by")
    ]
    assert text[found[0].offset :].startswith(printed)


@pytest.mark.parametrize(
    "text",
    [
        "持续推进“一网通办”改革。",
        "每季度报送工作进展。",
        "于每月5日前报送数据。",
        "每年8月集中组织开放月活动。",
        "年内邀请公众代表列席决策会议不少于4次。",
        "将预留份额提高至40%以上的政策延续至2024年底。",
        "自2024年1月1日至2025年12月31日，减半征收。",
        "贴息政策执行期限至2027年底。",
        "还本付息最长可延至2024年6月30日。",
        "可在2024年12月31日前采取分期缴纳。",
        "2024年3月31日前继续按照100%比例暂退保证金。",
        "截至2023年底，全市已建成服务站100个。",
        "征求意见时间为2024年6月25日至7月24日。",
        "一季度开好局、二季度稳增长。",
        "2024年力争实现固定资产投资增长10%。",
        "实行“一次委托、一单到底”服务。",
        "德州市人民政府办公室2024年1月20日印发",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert extract_deadlines(text, default_year=2024) == []


def test_month_without_year_needs_default_year() -> None:
    assert extract_deadlines("6月底前完成。", default_year=None) == []
    assert [d.date for d in extract_deadlines("2025年6月底前完成。", default_year=None)] == ["2025-06-30"]


def test_dates_before_default_year_are_statistics() -> None:
    assert extract_deadlines("2022年底前已完成改造。", default_year=2023) == []


def test_relative_to_publication_needs_issue_date() -> None:
    text = "各区于本工作要点发布后20个工作日内做好任务分解。"
    assert extract_deadlines(text, default_year=2023) == []
    found = extract_deadlines(text, default_year=2023, issue_date="2023-04-20")
    # 2023-04-20 is a Thursday: 20 working days later (weekends skipped) is Thursday 2023-05-18.
    assert [(d.date, d.granularity, d.as_printed) for d in found] == [
        ("2023-05-18", "day", "本工作要点发布后20个工作日内")
    ]
    month = extract_deadlines(
        "自本方案印发之日起1个月内制定细则。", default_year=2023, issue_date="2023-01-31"
    )
    assert [d.date for d in month] == ["2023-02-28"]


def test_several_deadlines_in_printed_order() -> None:
    text = "2024年3月底前形成清单，2024年底前全面推开。"
    assert [d.date for d in extract_deadlines(text, default_year=2024)] == ["2024-03-31", "2024-12-31"]


def test_recall_on_answer_key_measures(gold_measures: tuple[GoldMeasure, ...]) -> None:
    """Every key deadline of a located key measure is found (printed phrases overlap)."""
    expected = found = 0
    for m in gold_measures:
        got = extract_deadlines(m.text, default_year=int(m.doc_date[:4]), issue_date=m.doc_date)
        for phrase in m.entry["deadlines"]:
            expected += 1
            found += any(phrase in d.as_printed or d.as_printed in phrase for d in got)
    assert expected >= 4
    assert found == expected


def test_key_measures_without_deadlines_mostly_get_none(gold_measures: tuple[GoldMeasure, ...]) -> None:
    """Precision on the key: measures the key gives no deadline rarely get one."""
    empty = [m for m in gold_measures if not m.entry["deadlines"]]
    flagged = [m for m in empty if extract_deadlines(m.text, default_year=int(m.doc_date[:4]))]
    assert len(empty) > 200
    assert len(flagged) <= 3


def test_listed_dates_share_the_anchor() -> None:
    found = extract_deadlines("请于6月15日、12月15日前分别报送工作情况。", default_year=2024)
    assert [(d.date, d.as_printed) for d in found] == [
        ("2024-06-15", "6月15日"),
        ("2024-12-15", "12月15日前"),
    ]
