"""Targets: every committed form on short texts, the non-targets, and recall on the answer key's measures."""

from __future__ import annotations

import json
import time

import pytest

from ingest.extractors.targets import extract_targets
from ingest.records import TargetRecord
from kg.eval.measures import _overlaps
from tests.support.gold_measure_texts import GoldMeasure
from tests.support.paths import ROOT

LABELS = json.loads((ROOT / "tests" / "data" / "target_labels.json").read_text(encoding="utf-8"))["targets"]


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
            "支持外贸企业数",
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
            "工作汇报",
            1,
            "次",
            ">=",
            "主要负责同志每年至少专题听取1次工作汇报",
        ),
        ("应当在10个工作日内向管理人申报。", None, 10, "个工作日", "<=", "应当在10个工作日内向管理人申报"),
        ("巩固“一日办结”。", None, 1, "日", "<=", "巩固“一日办结”"),
        ("优化为最多2个环节。", "环节", 2, "个", "<=", "优化为最多2个环节"),
        ("打造15分钟服务圈。", "服务圈", 15, "分钟", "<=", "打造15分钟服务圈"),
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
def test_target_forms(
    text: str, metric: str | None, value: float, unit: str, comparator: str, printed: str
) -> None:
    found = extract_targets(text)
    assert len(found) == 1
    t = found[0]
    assert (t.metric, t.value, t.unit, t.comparator, t.text) == (metric, value, unit, comparator, printed)
    assert text[t.offset :].startswith(t.text)


def test_several_targets_in_one_clause_are_split() -> None:
    found = extract_targets("开展线上帮办，实现1分钟响应、90%解决率。")
    assert [(t.text, t.value, t.unit, t.metric) for t in found] == [
        ("实现1分钟响应", 1, "分钟", None),  # a time limit of an action: no noun phrase names it
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
        "实施15分钟社区生活圈提升计划。",  # a name
        "在供电公司具有独立户号，满足计量采集要求；响应持续时间不少于30分钟。",  # a list of requirements
        "合同金额达到100万元以上的项目，项目单位可以公开招标。",  # a threshold qualifying 项目
        "代建管理费在项目竣工前支付不超过80%。",  # a payment schedule
        "单户担保金额1000万元以下且年化担保费率不超过1%，财政给予担保费补贴。",  # joined conditions
    ],
)
def test_not_targets(text: str) -> None:
    assert extract_targets(text) == []


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("推进“10分钟政务服务圈”建设。", "推进“10分钟政务服务圈”建设"),  # a service radius, not a name
        ("1个月内建立工作计划。", "1个月内建立工作计划"),  # a time limit, then its action
        (
            "将预留份额阶段性提高至40%以上的政策延续至2023年底。",
            "将预留份额阶段性提高至40%以上的政策延续至2023年底",
        ),
        (
            "符合条件的在1个工作日内完成审核。",
            "符合条件的在1个工作日内完成审核",
        ),  # a condition on who, not on the limit
    ],
)
def test_near_names_and_conditions_stay_targets(text: str, printed: str) -> None:
    assert [t.text for t in extract_targets(text)] == [printed]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("培育不少于300家中小数商企业。", "中小数商企业"),  # the counted things after a count
        ("“一网通办”高频政务事项网上办结率达88%。", "“一网通办”高频政务事项网上办结率"),
        ("推进“10分钟政务服务圈”建设。", "政务服务圈"),
        ("拓展实施领域至26个以上。", "实施领域"),
        ("小微企业无还本续贷累放金额同比增长20%。", "小微企业无还本续贷累放金额"),
        ("异常名录信用修复的办理时限由法定的5个工作日缩短至2个工作日。", "异常名录信用修复的办理时限"),
        ("出口退税平均办理时间保持3个工作日以内。", "出口退税平均办理时间"),
        ("简案快办提速至3个工作日内。", "简案快办"),
        ("复杂事项不超过30分钟。", "复杂事项"),
        ("实现50%以上服务事项即时办结。", "服务事项即时办结"),
        ("建立1个以上境外农业科技示范中心（园区）。", "境外农业科技示范中心（园区）"),
        ("办公室在3个工作日内将问题分解到各科室办理。", None),  # an agent's time limit
        ("采购人应当自收到发票后7个工作日内支付资金。", None),  # counted from an event
        ("在部门预算批复后15日内公开采购意向。", None),
        ("实现“线上人工帮办”1分钟响应。", "线上人工帮办"),
    ],
)
def test_metric_is_the_measured_quantity_or_none(text: str, metric: str | None) -> None:
    [target] = extract_targets(text)
    assert target.metric == metric


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


def _found(label: dict) -> TargetRecord | None:
    """The target the extractor finds around a labelled number in its measure's text, if any."""
    at, end = label["at"], label["at"] + len(label["number"])
    return next(
        (t for t in extract_targets(label["text"]) if t.offset <= at and end <= t.offset + len(t.text)), None
    )


def _metric_right(metric: str | None, label: dict) -> bool:
    """Whether `metric` is the labelled one or an accepted reading of it (quotation marks aside)."""
    if label["metric"] is None:
        return metric is None

    def plain(phrase: str) -> str:
        return phrase.replace("“", "").replace("”", "")

    return metric is not None and plain(metric) in {plain(m) for m in [label["metric"], *label["accept"]]}


def test_the_label_file_is_a_sample_across_provinces() -> None:
    """60 targets labelled before tuning (10 per province) and 30 drawn after it (5 per province), each
    number where its label says."""
    for part, size in (("tuning", 60), ("check", 30)):
        labels = [label for label in LABELS if label["set"] == part]
        assert len(labels) == size and len({label["province"] for label in labels}) == 6
    assert all(
        label["text"][label["at"] :].startswith(label["number"]) and label["reason"] for label in LABELS
    )


@pytest.mark.parametrize(
    ("part", "floors"),
    [
        ("tuning", (1.0, 1.0, 1.0)),  # before issue 12's rules: 0.933, 1.000, 0.571
        ("check", (0.93, 1.0, 1.0)),  # first look: 0.900, 1.000, 0.852; before issue 12's rules: metric 0.519
    ],
)
def test_labelled_targets_precision_recall_and_metric_accuracy(part: str, floors: tuple[float, ...]) -> None:
    """Precision, recall and metric accuracy on tests/data/target_labels.json (docs/target-labels.md), at
    least the figures the rules reach."""
    labels = [label for label in LABELS if label["set"] == part]
    kept = [(label, t) for label, t in ((label, _found(label)) for label in labels) if t is not None]
    right = [(label, t) for label, t in kept if label["target"]]
    precision = len(right) / len(kept)
    recall = len(right) / sum(label["target"] for label in labels)
    metric = sum(_metric_right(t.metric, label) for label, t in right) / len(right)
    assert all(got >= floor for got, floor in zip((precision, recall, metric), floors, strict=True)), (
        precision,
        recall,
        metric,
    )


def _timed(text: str, calls: int) -> float:
    began = time.perf_counter()
    for _ in range(calls):
        extract_targets(text)
    return time.perf_counter() - began


def _growth(unit: str, runs: int = 5) -> float:
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
