"""Indicators: the taxonomy file, one written measure per indicator, heading cues, and precision rules."""

from __future__ import annotations

import pytest

from ingest.extractors.indicators import match_indicators, taxonomy
from tests.support.gold_measure_texts import GoldMeasure

NAMES = [
    "开办企业", "劳动力市场监管", "办理建筑许可", "政府采购", "招标投标", "获得电力", "获得用水用气", "登记财产",
    "获得信贷", "保护中小投资者", "知识产权创造保护和运用", "跨境贸易", "纳税", "执行合同", "办理破产", "市场监管",
    "政务服务", "包容普惠创新",
]  # fmt: skip

# One measure written for each indicator, in the genre's wording (no heading cue in the heading).
MEASURES = {
    "开办企业": "推行企业设立登记、公章刻制、银行开户一日办结，全面推广电子营业执照。",
    "劳动力市场监管": "健全劳动关系协调机制，加强劳动保障监察，依法查处拖欠农民工工资行为。",
    "办理建筑许可": "推行施工图联合审图和分阶段施工许可，工程建设项目竣工后实行联合验收。",
    "政府采购": "全面公开政府采购意向，采购人应当及时向供应商支付预付款。",
    "招标投标": "推行远程异地评标，全面推广电子招标投标，降低投标保证金。",
    "获得电力": "推行低压小微企业用电报装“三零”服务，提升供电可靠性，减少停电时间。",
    "获得用水用气": "优化供水、供气报装流程，燃气接入实行一站式服务。",
    "登记财产": "推行不动产登记“带押过户”，转移登记与抵押登记合并办理。",
    "获得信贷": "扩大首贷、续贷规模，推动金融机构增加信用贷款，降低融资担保费率。",
    "保护中小投资者": "完善上市公司治理，规范关联交易，畅通中小投资者维权渠道。",
    "知识产权创造保护和运用": "加强专利、商标快速审查，严厉打击侵权假冒行为。",
    "跨境贸易": "深化口岸通关改革，推广“两步申报”，压缩进出口货物查验时间。",
    "纳税": "拓展非接触式办税，优化电子税务局功能，加快出口退税办理。",
    "执行合同": "推进民商事案件繁简分流，推广小额诉讼程序和电子送达，健全诉调对接。",
    "办理破产": "健全破产案件府院联动机制，支持管理人依法履职，推行预重整。",
    "市场监管": "全面推行“双随机、一公开”监管和信用监管，落实包容审慎监管和轻微违法免罚清单。",
    "政务服务": "深化“一网通办”，推行政务服务“好差评”，扩大跨省通办和免申即享事项。",
    "包容普惠创新": "支持专精特新企业研发，建设科技企业孵化器，完善人才引进政策。",
}


def test_taxonomy_has_the_18_national_indicators_with_their_bready_topics() -> None:
    tax = taxonomy()
    assert [i.name for i in tax.indicators] == NAMES
    topics = {i.name: i.bready for i in tax.indicators}
    assert topics["开办企业"] == "Business Entry"
    assert topics["登记财产"] == topics["办理建筑许可"] == "Business Location"
    assert topics["获得电力"] == topics["获得用水用气"] == "Utility Services"
    assert topics["纳税"] == "Taxation" and topics["办理破产"] == "Business Insolvency"
    assert topics["政务服务"] is None and topics["包容普惠创新"] is None
    assert {i.group for i in tax.indicators} == {"firm life cycle", "city"}
    assert all(i.strong_cues and i.heading_cues for i in tax.indicators)


@pytest.mark.parametrize("name", NAMES)
def test_each_indicator_from_its_keywords(name: str) -> None:
    hits = match_indicators("优化相关服务", MEASURES[name], [])
    assert [(h.name, h.via) for h in hits][:1] == [(name, "keyword")]
    assert hits[0].system == taxonomy().system
    assert all(cue in MEASURES[name] for cue in hits[0].evidence.split("、"))


@pytest.mark.parametrize(
    ("heading", "name", "cue"),
    [
        ("提升开办企业服务水平", "开办企业", "开办企业"),
        ("规范劳动力市场监督", "劳动力市场监管", "劳动力市场监督"),
        ("优化获得用水服务", "获得用水用气", "获得用水"),
        ("加强知识产权创造、保护和运用", "知识产权创造保护和运用", "知识产权创造、保护和运用"),
        ("营造包容惠普创新环境", "包容普惠创新", "包容惠普创新"),
        ("优化办税缴费体验", "纳税", "办税"),
        ("提高办理破产便利度", "办理破产", "办理破产"),
    ],
)
def test_heading_cues_and_accepted_variants(heading: str, name: str, cue: str) -> None:
    hits = match_indicators(heading, heading + "。持续优化相关工作。", [])
    assert [(h.name, h.via, h.evidence) for h in hits] == [(name, "heading", cue)]


def test_nearest_section_heading_is_used_when_the_measure_heading_names_none() -> None:
    sections = ["一、优化跨境贸易营商环境", "（二）提升纳税便利度"]
    hits = match_indicators("推进无纸化", "推进无纸化。全面推行电子化。", sections)
    assert [(h.name, h.via) for h in hits] == [("纳税", "heading")]


def test_a_word_in_passing_does_not_tag_the_measure() -> None:
    text = "优化纳税服务。拓展非接触式办税，优化电子税务局，新开办企业可同步办理发票申领和税费申报。"
    assert [h.name for h in match_indicators("优化纳税服务", text, [])] == ["纳税"]
    single_weak = match_indicators("加强组织领导", "加强组织领导，强化工作监管。", [])
    assert single_weak == []


def test_agency_names_and_unit_lists_are_not_cues() -> None:
    text = (
        "加强组织领导，建立工作专班。（责任单位：市市场监管局、市知识产权局、市税务局）由区市场监管局负责。"
    )
    assert match_indicators("加强组织领导", text, []) == []


def test_keywords_beside_a_heading_hit_need_strong_evidence() -> None:
    text = "优化税费服务。推行出口退税无纸化，企业可在线申请贷款。"
    assert [h.name for h in match_indicators("优化税费服务", text, [])] == ["纳税"]


def test_sample_measures_whose_heading_names_an_indicator(gold_measures: tuple[GoldMeasure, ...]) -> None:
    """Key measures of the sample whose heading names an indicator get it by heading."""
    expected = {
        "提升开办企业服务水平": "开办企业",
        "创新不动产登记服务": "登记财产",
        "优化跨境贸易监管服务": "跨境贸易",
        "提高办理破产便利度": "办理破产",
        "优化企业纳税缴费服务": "纳税",
        "强化知识产权保护运用": "知识产权创造保护和运用",
        "规范政府采购和招标投标": "政府采购",
    }
    seen = 0
    for m in gold_measures:
        name = expected.get(m.entry["heading"])
        if name:
            seen += 1
            hits = match_indicators(m.entry["heading"], m.text, [])
            assert (name, "heading") in [(h.name, h.via) for h in hits]
    assert seen == len(expected)


def test_sample_measures_mostly_get_few_indicators(gold_measures: tuple[GoldMeasure, ...]) -> None:
    """Precision on the sample: most key measures get one or two indicators, none gets more than four."""
    counts = [len(match_indicators(m.entry["heading"], m.text, [])) for m in gold_measures]
    assert max(counts) <= 4
    assert sum(1 for c in counts if 1 <= c <= 2) >= 0.75 * len(counts)
