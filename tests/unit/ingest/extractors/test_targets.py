"""Targets: every committed form on short texts, the non-targets, and recall on the answer key's measures."""

from __future__ import annotations

import time

import pytest

from ingest.extractors.targets import extract_targets
from kg.eval.measures import _overlaps
from tests.support.gold_measure_texts import GoldMeasure


@pytest.mark.parametrize(
    ("text", "metric", "value", "unit", "comparator", "printed"),
    [
        (
            "正常出口退税平均办理时间压缩至3个工作日内。",
            "正常出口退税平均办理时间",
            3,
            "个工作日",
            "<=",
            "正常出口退税平均办理时间压缩至3个工作日内",
        ),
        (
            "推动口岸查验无陪同比例达到70%以上。",
            "口岸查验无陪同比例",
            70,
            "%",
            ">=",
            "推动口岸查验无陪同比例达到70%以上",
        ),
        (
            "全年支持外贸企业数不低于1万家。",
            "全年支持外贸企业数",
            10000,
            "家",
            ">=",
            "全年支持外贸企业数不低于1万家",
        ),
        ("承保规模不低于500亿美元。", "承保规模", 5e10, "美元", ">=", "承保规模不低于500亿美元"),
        ("不动产登记90分钟办结。", "不动产登记", 90, "分钟", "<=", "不动产登记90分钟办结"),
        (
            "年户均停电时间压减至20分钟以内。",
            "年户均停电时间",
            20,
            "分钟",
            "<=",
            "年户均停电时间压减至20分钟以内",
        ),
        ("担保费率不高于0.8%。", "担保费率", 0.8, "%", "<=", "担保费率不高于0.8%"),
        ("固定资产投资总额增长10%。", "固定资产投资总额", 10, "%", ">=", "固定资产投资总额增长10%"),
        (
            "各部门年内邀请公众代表列席决策会议不少于4次。",
            "各部门年内邀请公众代表列席决策会议",
            4,
            "次",
            ">=",
            "各部门年内邀请公众代表列席决策会议不少于4次",
        ),
        (
            "主要负责同志每年至少专题听取1次工作汇报。",
            "主要负责同志每年",
            1,
            "次",
            ">=",
            "主要负责同志每年至少专题听取1次工作汇报",
        ),
        ("应当在10个工作日内向管理人申报。", "", 10, "个工作日", "<=", "应当在10个工作日内向管理人申报"),
        ("巩固“一日办结”。", "办结", 1, "日", "<=", "巩固“一日办结”"),
        ("优化为最多2个环节。", "环节", 2, "个", "<=", "优化为最多2个环节"),
        ("打造15分钟服务圈。", "", 15, "分钟", "<=", "打造15分钟服务圈"),
        (
            "全市跨境电商交易额超过80亿元。",
            "全市跨境电商交易额",
            8e9,
            "元",
            ">",
            "全市跨境电商交易额超过80亿元",
        ),
        (
            "民商事案件审理时间压缩至65天。",
            "民商事案件审理时间",
            65,
            "天",
            "<=",
            "民商事案件审理时间压缩至65天",
        ),
        (
            "简单破产案件审限控制在3个月内。",
            "简单破产案件审限",
            3,
            "个月",
            "<=",
            "简单破产案件审限控制在3个月内",
        ),
        ("融资担保放大倍数达到4倍。", "融资担保放大倍数", 4, "倍", ">=", "融资担保放大倍数达到4倍"),
    ],
)
def test_target_forms(text: str, metric: str, value: float, unit: str, comparator: str, printed: str) -> None:
    found = extract_targets(text)
    assert len(found) == 1
    t = found[0]
    assert (t.value, t.unit, t.comparator, t.text) == (value, unit, comparator, printed)
    assert metric in t.metric or (metric == "" and t.metric)
    assert text[t.offset :].startswith(t.text)


def test_several_targets_in_one_clause_are_split() -> None:
    found = extract_targets("开展线上帮办，实现1分钟响应、90%解决率。")
    assert [(t.text, t.value, t.unit, t.metric) for t in found] == [
        ("实现1分钟响应", 1, "分钟", "响应"),
        ("90%解决率", 90, "%", "解决率"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2023年6月15日前报送方案。",
        "依据第12条规定办理。",
        "根据沪府办规〔2023〕12号文件。",
        "最高不超过1000万元。",
        "按投资额70%抵扣。",
        "按实际投资30%给予补助。",
        "给予最高50%的展位费补贴。",
        "研发投入5%的一次性奖励。",
        "给予中小企业不低于采购合同金额50%的预付款。",
        "预算金额1000万元以上的项目全部公开。",
        "工业建筑面积占比不得低于50%。",
        "在审批压缩至52个工作日基础上，进一步优化。",
        "鼓励提供7×24小时服务。",
        "补贴标准为0.05-0.3元/千瓦时。",
        "给予30%—50%的补助。",
        "资金达到总投资的25%。",
        "自企业破产程序终结之日起3年内不得担任。",
        "意向公开时间无法达到30日的，说明原因。",
        "对年海外销售额达200万美元以上的企业。",
        "持续推进“一网通办”改革。",
        "全市取消10（20）千伏计划停电。",
        "于本工作要点发布后20个工作日内做好任务分解。",
    ],
)
def test_not_targets(text: str) -> None:
    assert extract_targets(text) == []


def test_recall_on_answer_key_measures(gold_measures: tuple[GoldMeasure, ...]) -> None:
    """Key targets found in the located key measures (the `kg eval` overlap rule); one scope rollout is missed."""
    expected = found = 0
    for m in gold_measures:
        got = extract_targets(m.text)
        for phrase in m.entry["targets"]:
            expected += 1
            found += any(_overlaps(phrase, t.text) for t in got)
    assert expected >= 30
    assert found / expected >= 0.95


def test_item_numbers_and_leading_dates_are_not_part_of_the_phrase_or_metric() -> None:
    [numbered] = extract_targets("8.将全省出口退税平均办理时间压缩至4个工作日以内。")
    assert numbered.text == "将全省出口退税平均办理时间压缩至4个工作日以内"
    assert numbered.metric == "全省出口退税平均办理时间"
    [dated] = extract_targets("至2025年底市级企业技术中心突破1000家。")
    assert (dated.metric, dated.value, dated.comparator) == ("市级企业技术中心", 1000, ">")


def _timed(text: str, calls: int) -> float:
    began = time.perf_counter()
    for _ in range(calls):
        extract_targets(text)
    return time.perf_counter() - began


def _growth(unit: str, runs: int = 9) -> float:
    """How many times longer extract_targets takes on 100 KB of `unit` repeated than on 10 KB: the shortest
    of `runs` timings of one call on 100 KB and of ten calls on 10 KB, taken in turns, so that both time the
    same amount of text and a burst of other work on the machine is left out of the ratio."""
    small, large = (
        f"各项指标如下：{(unit * (size // len(unit) + 1))[:size]}。" for size in (10_000, 100_000)
    )
    timings = [(_timed(large, 1), _timed(small, 10) / 10) for _ in range(runs)]
    return min(t for t, _ in timings) / min(t for _, t in timings)


@pytest.mark.parametrize(
    "unit",
    [
        "1234567890",  # a table of figures: the normaliser fuses its integers into one run of digits
        "3天",  # a scanned page that OCR turns into one repeated time limit
        "压缩至3个工作日",  # a repeated commitment: every number is a target
    ],
)
def test_time_grows_linearly_with_the_text(unit: str) -> None:
    """Ten times the text takes at most 15 times as long (backtracking patterns took 100 times and more)."""
    assert _growth(unit) <= 15
