"""Indicators: the taxonomy file, one written measure per indicator, heading cues, and the rules that read a measure
as an analyst does (main clauses, heading path, senses, formal clauses), each with a counter-example."""

from __future__ import annotations

import pytest

from ingest.extractors.indicators import (
    _heading_names,
    _keyword_scores,
    is_formal,
    is_organisational,
    main_clauses,
    match_indicators,
)
from ingest.lexicon.indicator_rules import Purpose, SenseRow, taxonomy
from ingest.lexicon.tables import Patterned
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


def test_nearest_section_heading_gives_the_indicator_via_section() -> None:
    sections = ["一、优化跨境贸易营商环境", "（二）提升纳税便利度"]
    hits = match_indicators("推进无纸化", "推进无纸化。全面推行电子化。", sections)
    assert [(h.name, h.via, h.evidence) for h in hits] == [("纳税", "section", "纳税")]
    own = match_indicators("推进办税无纸化", "推进办税无纸化。全面推行电子化。", sections)
    assert [(h.name, h.via) for h in own] == [("纳税", "heading")]


def test_a_word_in_passing_does_not_tag_the_measure() -> None:
    text = "优化纳税服务。拓展非接触式办税，优化电子税务局，新开办企业可同步办理发票申领和税费申报。"
    assert [h.name for h in match_indicators("优化纳税服务", text, [])] == ["纳税"]
    single_weak = match_indicators("推进相关工作", "推进相关工作，强化工作监管。", [])
    assert single_weak == []


def test_agency_names_and_unit_lists_are_not_cues() -> None:
    text = "建立协调机制，定期会商。（责任单位：市市场监管局、市知识产权局、市税务局）由区市场监管局负责。"
    assert match_indicators("建立协调机制", text, []) == []


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


def _names(heading: str, text: str, sections: list[str] | None = None) -> list[str]:
    return [h.name for h in match_indicators(heading, text, sections or [])]


def test_a_list_of_examples_counts_as_one_weak_cue() -> None:
    """教育、医疗、养老等 in an item about opening government information is not 包容普惠创新."""
    listed = "完善公开目录。指导教育、医疗、养老、交通等主管部门完善本领域公开目录，确保栏目清晰。"
    assert "包容普惠创新" not in _names("完善公开目录", listed)
    said = "扩大优质教育资源供给，提升基层医疗服务能力，发展普惠养老服务。"
    assert _names("补齐民生短板", said) == ["包容普惠创新"]


def test_purpose_clauses_are_not_evidence() -> None:
    """The goal a measure serves (为…, 营造…活力的营商环境) is not what it does."""
    purpose = "为激发创新创业活力，推行证明事项告知承诺制，营造激发创新创业创造活力的营商环境。"
    assert _names("简化办事材料", purpose) == ["政务服务"]
    action = "举办创新创业大赛，建设科技企业孵化器，支持创新创业团队落地。"
    assert _names("推进大众创业", action) == ["包容普惠创新"]


def test_the_beneficiary_in_wei_x_tigong_is_not_evidence() -> None:
    text = "建设专利信息服务平台，为农业科技创新和科技型企业提供专利检索、专利分析服务。"
    assert _names("建设专利信息服务平台", text) == ["知识产权创造保护和运用"]
    assert "包容普惠创新" in _names("支持科技创新", "支持科技型企业开展科技创新，建设孵化器。")


def _evidence(heading: str, text: str, name: str) -> list[str]:
    return next((h.evidence.split("、") for h in match_indicators(heading, text, []) if h.name == name), [])


@pytest.mark.parametrize(
    ("name", "cue", "other_sense", "own_sense"),
    [
        (
            "办理破产",
            "清算",
            "按月完成代建管理费用清算，清算后拨付。",
            "清算组依法接管企业财产，开展清算工作。",
        ),
        (
            "登记财产",
            "土地",
            "保障工业项目土地供应，盘活存量土地。推进不动产登记。",
            "完成土地确权登记，推进不动产登记。",
        ),
        (
            "获得电力",
            "高压",
            "保持打击欺诈的高压态势，办理供电服务投诉。",
            "压减高压用户接电时间，优化供电服务。",
        ),
        ("执行合同", "调解", "开展知识产权纠纷调解，推进诉讼服务。", "推进商事纠纷调解，推进诉讼服务。"),
        ("保护中小投资者", "证券", "推进知识产权证券化，保护股东权益。", "规范证券发行，保护股东权益。"),
    ],
)
def test_a_word_with_two_meanings_counts_only_in_its_sense(
    name: str, cue: str, other_sense: str, own_sense: str
) -> None:
    """Sense cues in the table: 清算 of fees is not 办理破产, 土地 supply is not 登记财产."""
    assert cue not in _evidence("推进相关工作", other_sense, name)
    assert cue in _evidence("推进相关工作", own_sense, name)


def test_a_cue_inside_another_word_is_not_a_cue() -> None:
    """应用电子证照 has 用电 inside; 创业担保贷款 is one word, not 创业 and 贷款."""
    assert _names("推广应用电子证照", "推广应用电子证照，提升应用水平。") == []
    assert _names("优化用电报装", "优化用电报装，压缩接电时间。") == ["获得电力"]
    assert _names("完善创业担保贷款政策", "完善创业担保贷款政策。") == ["获得信贷"]
    assert _names("持续优化投资和建设项目审批服务", "持续优化投资和建设项目审批服务。") == ["办理建筑许可"]


def test_weak_cues_only_support_a_strong_one() -> None:
    weak_only = "推动产业基础再造工程和重大技术装备攻关工程，发展航运保险、航运金融。"
    assert _names("促进重点产业提质增效", weak_only) == []
    assert _names("推进相关改革", "推进工程建设项目审批改革，工程竣工后联合验收。") == ["办理建筑许可"]


def test_commencement_and_liability_articles_give_no_indicator() -> None:
    sections = ["第三章供水供气接入"]
    assert (
        match_indicators("本细则自2023年5月1日起施行", "第二十条本细则自2023年5月1日起施行。", sections) == []
    )
    liability = "第二十一条违反本办法规定，供水企业擅自收费的，由有关部门责令改正；情节严重的，依法给予处分。"
    assert match_indicators("违反本办法规定", liability, sections) == []
    basis = "第一条为优化供水供气接入服务，根据有关规定，结合本市实际，制定本细则。"
    assert match_indicators("为优化供水供气接入服务", basis, []) == []
    article = "第五条供水企业应当推行用水报装线上办理。本细则自印发之日起施行。"
    assert [(h.name, h.via) for h in match_indicators("供水企业应当推行", article, sections)] == [
        ("获得用水用气", "heading")
    ]


def test_organisational_clauses_give_no_indicator() -> None:
    assert (
        match_indicators("加强组织领导", "加强组织领导。成立优化营商环境领导小组，统筹推进纳税服务改革。", [])
        == []
    )
    assert match_indicators("强化资金保障", "强化资金保障。落实办税服务厅运行经费。", ["五、保障措施"]) == []
    not_organisational = "全面落实减负降税费工作要求。落实增值税留抵退税政策，确保应退尽退。"
    assert _names("全面落实减负降税费工作要求", not_organisational) == ["纳税"]
    two = "13.健全组织领导和工作保障。发挥政务公开议事协调机制作用，配齐配强工作人员。"
    assert _names("健全组织领导和工作保障", two) == []  # two organisational phrases make the clause
    publicity = "70、强化舆论宣传。加大对外宣传推介，擦亮政务服务品牌。"
    assert _names("强化舆论宣传", publicity) == []
    training = "（十八）强化指导培训。配齐配强专业队伍，建立政务公开联络员工作机制。"
    assert _names("强化指导培训", training) == []  # the plan's own staff, not the indicator it serves


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("以能力建设为主线，开展“执法规范提升年”活动", "市场监管"),
        ("全面提升线上线下服务能力", "政务服务"),
        ("深化“双随机、一公开”", "市场监管"),
        ("优化窗口服务", "政务服务"),
        ("保障高质量充分就业", "劳动力市场监管"),
        ("大中小企业融通创新“携手行动”", "包容普惠创新"),
        ("推动营商服务能级提升", "政务服务"),
        ("进一步优化涉企服务，推动降低市场主体办事成本", "政务服务"),
        ("加强市场主体合规经营指导", "市场监管"),
        ("司法裁决执行", "执行合同"),
        ("持续提高政策解读质量", "政务服务"),
        ("继续完善政策发布和推送机制", "政务服务"),
        ("深入构建全方位服务体系，加快建设人民满意的服务型政府", "政务服务"),
        ("征纳关系“亲清联”，解决市场主体急难愁盼", "纳税"),
        ("完善信用制度和标准体系，构建诚信建设长效机制", "市场监管"),
        ("事前信用培育", "市场监管"),
        ("深化信用信息归集，提升平台基础支撑能力", "市场监管"),
        ("规范政府网站和政务新媒体建设", "政务服务"),
        ("“质量月”系列活动", "市场监管"),
    ],
)
def test_headings_that_name_the_subject_without_the_indicator_words(heading: str, name: str) -> None:
    assert [(h.name, h.via) for h in match_indicators(heading, heading + "。持续推进相关工作。", [])] == [
        (name, "heading")
    ]


def test_subject_words_in_the_text_are_not_heading_cues() -> None:
    """线上线下 names government services in a heading; in the text of an item about trade fairs it does not."""
    text = "组织线上线下推介洽谈会、供需对接会，促进中小企业进入大企业供应链。"
    assert _names("促进大中小企业融通发展", text) == []


def test_an_umbrella_section_gives_way_to_the_measure_own_indicator() -> None:
    sections = ["二、打造公平竞争的市场环境"]
    text = "推进工程建设项目审批全流程网上办理，实行联合验收。"
    assert _names("优化项目审批服务", text, sections) == ["办理建筑许可"]
    generic = "持续推进相关改革，总结推广经验。"
    assert [(h.name, h.via) for h in match_indicators("深化改革", generic, sections)] == [
        ("市场监管", "section")
    ]


def test_a_section_naming_several_indicators_gives_those_the_measure_shows() -> None:
    sections = ["（四）规范政府采购和招标投标"]
    procurement = "采购人应当在采购活动开始前公开采购意向，及时向供应商支付预付款。"
    assert _names("公开采购意向", procurement, sections) == ["政府采购"]
    generic = "持续规范相关交易行为。"
    assert _names("规范交易行为", generic, sections) == ["政府采购", "招标投标"]


def test_an_article_title_in_brackets_is_the_heading() -> None:
    heading = "【不动产登记】不动产登记机构应当优化服务窗口"
    hits = match_indicators(heading, "第十条" + heading + "，实行一窗受理、集成办理。", [])
    assert [(h.name, h.via) for h in hits] == [("登记财产", "heading")]
    plain = "不动产登记机构应当优化服务窗口"
    assert "政务服务" in [h.name for h in match_indicators(plain, plain + "，实行一窗受理。", [])]


def test_a_list_cut_open_at_the_end_of_a_heading_is_a_list_of_examples() -> None:
    heading = "鼓励金融机构为中小企业提供以应收账款、知识产权、"
    text = "鼓励金融机构为中小企业提供以应收账款、知识产权、存货等为担保品的融资，扩大信用贷款。"
    assert _names(heading, text) == ["获得信贷"]
    assert _names("加强知识产权、商标保护", "加强知识产权、商标保护。") == ["知识产权创造保护和运用"]


def test_an_agency_name_with_a_heading_cue_inside_is_not_a_cue() -> None:
    heading = "人力资源社会保障、财政部门应当完善创业担保贷款政策"
    assert _names(heading, heading + "。符合条件的小微企业可以申请创业担保贷款。") == ["获得信贷"]
    assert _names("加强人力资源服务", "加强人力资源服务，发展人力资源市场。") == ["劳动力市场监管"]


def _counted(text: str, name: str, title: str = "") -> set[str]:
    """The cues of `text` that count for indicator `name`, as keywords of a measure text or as a heading (in a
    document of that `title`)."""
    tax = taxonomy()
    heading = _heading_names(tax, text, title).get(name)
    return set(_keyword_scores(tax, text, title).cues[name]) | ({heading} if heading else set())


@pytest.mark.parametrize("row", taxonomy().sense_rows, ids=lambda r: f"{r.indicator}:{'/'.join(r.cues)}")
def test_every_sense_row_counts_its_cue_in_its_own_sense_only(row: SenseRow) -> None:
    """indicator_senses.toml: each row's cue counts in its `own` example and not in its `other` one (each read
    in a document of its title, for the rows that read the title)."""
    assert all(cue in row.own and cue in row.other for cue in row.cues)
    assert set(row.cues) <= _counted(row.own, row.indicator, row.own_title)
    assert not set(row.cues) & _counted(row.other, row.indicator, row.other_title)


def test_a_sense_that_reads_the_title_changes_with_the_title_only() -> None:
    """An in_title row: the same text counts in a document of another title (调解 of a court-reform plan is
    执行合同; of a patent-dispute plan, the patent's dispute)."""
    rows = [r for r in taxonomy().sense_rows if r.sense.in_title]
    assert rows and any(r.own == r.other for r in rows)
    for row in rows:
        assert set(row.cues) <= _counted(row.own, row.indicator, row.own_title)
        if row.own == row.other:
            assert set(row.cues) <= _counted(row.other, row.indicator, row.own_title)


@pytest.mark.parametrize("row", taxonomy().clauses.formal_rows, ids=lambda r: r.example)
def test_every_formal_row_makes_its_example_a_formal_clause(row: Patterned) -> None:
    assert row.pattern.search(row.example) and is_formal(row.example)
    assert not is_formal(row.example + "推行用水报装线上办理。")


@pytest.mark.parametrize("row", taxonomy().clauses.purpose_rows, ids=lambda r: r.rule.example)
def test_every_purpose_row_is_blanked_in_its_example(row: Purpose) -> None:
    found = row.rule.pattern.search(row.rule.example)
    assert found and found.group()
    blanked = main_clauses(row.rule.example)
    assert blanked[found.start() : found.end()].strip("\u3000") == ""
    assert blanked.strip("\u3000")  # the rest of the example stays


def test_the_clause_table_examples() -> None:
    clauses = taxonomy().clauses
    org = clauses.organisational
    assert is_organisational([org.example]) and not is_organisational([org.counter])
    for rule in (
        clauses.example_list,
        clauses.open_list,
        clauses.article_title,
        clauses.umbrella,
        clauses.field_section,
    ):
        assert rule.pattern.search(rule.example), rule.example


def test_a_short_insertion_inside_a_word_is_read_without_it() -> None:
    """竣（交）工验收 is 竣工验收 (the insertion row's example), 出口退（免）税 is 出口退税."""
    example = taxonomy().clauses.insertion.example
    hits = match_indicators("组织验收", example, [])
    assert [(h.name, h.via) for h in hits] == [("办理建筑许可", "keyword")] and "竣工验收" in hits[0].evidence
    refund = "压减出口退（免）税办理时长，一、二类出口企业正常出口退（免）税平均办理时间保持在3个工作日以内。"
    assert _names("压减办理时长", refund) == ["纳税"]


def test_the_chapter_of_a_rule_is_not_an_organisational_clause() -> None:
    """A chapter 职责与分工 holds the rule's duties (the article row's example); a plan's section so headed is
    the plan's own organisation."""
    example = taxonomy().clauses.article.example
    assert _names("统一政务服务标准", example, ["职责与分工"]) == ["政务服务"]
    item = "（三）统一政务服务标准，推进同一事项无差别受理。"
    assert _names("统一政务服务标准", item, ["职责与分工"]) == []


def test_a_government_service_section_gives_way_to_the_item_own_procedure() -> None:
    """政务服务 is a way of working: a section naming it files an item on property registration or tax under
    that indicator only, unless the item names government service itself."""
    sections = ["三、提供高效便捷的政务服务"]
    property_ = "不动产登记机构与税务部门加强协作，实现不动产转移登记和缴税同步办理。"
    assert _names("优化不动产登记", property_, sections) == ["登记财产"]
    named = "推进不动产登记“一网通办”，在政务服务中心设立综合窗口，提供帮办代办服务。"
    assert _names("优化不动产登记", named, sections) == ["登记财产", "政务服务"]
    generic = "推行首问负责、一次告知制度。"
    assert [(h.name, h.via) for h in match_indicators("推行服务制度", generic, sections)] == [
        ("政务服务", "section")
    ]


def test_the_beneficiary_in_a_heading_is_not_evidence() -> None:
    heading = "建设知识产权数字化服务平台，为农业科技创新提供知识产权检索服务"
    assert _names(heading, heading + "。") == ["知识产权创造保护和运用"]


def test_export_credit_insurance_is_cross_border_trade() -> None:
    text = "扩大短期出口信用保险覆盖面，推进“单一窗口+出口信保”统保服务。"
    assert _names("加大出口信保支持力度", text) == ["跨境贸易"]


@pytest.mark.parametrize("row", taxonomy().clauses.unit_rows, ids=lambda r: r.example)
def test_every_unit_list_row_is_no_evidence(row: Patterned) -> None:
    """〔…牵头，…负责〕 names units (供电公司, 水务集团 in it are no cues), as a labelled list does."""
    assert row.pattern.search(row.example)
    assert _names("推进改革试点", row.example) == []
    labelled = "推进改革试点。牵头单位：市发改委责任单位：国网供电公司、市水务集团、市燃气公司"
    assert _names("推进改革试点", labelled) == []


def test_a_list_item_may_hold_a_parenthesis() -> None:
    text = "简化申请材料，共享包括用地规划许可、工程规划许可、不动产登记（含查封、抵押登记）等数据信息。"
    assert _names("简化申请材料", text) == []


def test_price_and_fee_supervision_is_market_supervision() -> None:
    text = "加强市政公用服务价格监管，依法查处不按规定明码标价等违法行为。"
    assert _names("规范收费行为", text) == ["市场监管"]


def test_government_service_tools_applied_to_another_procedure_give_that_procedure() -> None:
    """一件事 and 一次办 applied to company registration are 开办企业; 帮办代办 names government service itself."""
    tools = "推进企业开办、注销“一件事一次办”，设立登记与公章刻制一日办结，全面推广电子营业执照。"
    assert _names("优化开办服务", tools) == ["开办企业"]
    named = tools + "在政务服务中心设立开办专区，提供帮办代办服务。"
    assert sorted(_names("优化开办服务", named)) == ["开办企业", "政务服务"]
    assert _names("深化一件事改革", "推进“一件事一次办”，扩大全程网办事项。") == ["政务服务"]


def test_an_article_of_the_supplementary_or_liability_chapter_gives_none() -> None:
    chapters = taxonomy().clauses.formal_chapter
    heading = "建设工程招投标活动，依照市、县（区）有关规定执行"
    assert match_indicators(heading, chapters.example, [chapters.chapter]) == []
    assert _names(heading, chapters.example, ["招标投标"]) == ["招标投标"]


def test_a_city_level_section_gives_way_to_the_item_own_step() -> None:
    """A section of a city-level indicator (市场监管一体化, 制度型开放) over an item on a step of the firm's life
    cycle files it under that step only, unless the item's words show the section's indicator; a section that
    is an indicator's field in a plan arranged by indicators (市场监管领域) files every item under it."""
    item = "持续推进政府采购管理改革试点，完善政府采购电子交易管理制度。"
    assert _names("推进政府采购改革试点", item, ["持续推进市场监管一体化"]) == ["政府采购"]
    supervised = item + "开展政府采购领域双随机抽查，查处违法违规行为。"
    assert sorted(_names("推进政府采购改革试点", supervised, ["持续推进市场监管一体化"])) == [
        "市场监管",
        "政府采购",
    ]
    utilities = "提升对供水、供电、供气等公用企事业单位的监管水平，推动公用企事业单位公开资费标准。"
    assert sorted(_names("规范公用企业收费", utilities, ["市场监管领域（省市场监管局牵头）"])) == [
        "市场监管",
        "获得用水用气",
        "获得电力",
    ]
    generic = "开展信用风险分类，推行柔性执法。"
    assert _names("优化监管方式", generic, ["持续推进市场监管一体化"]) == ["市场监管"]


def test_a_heading_naming_only_a_tool_of_government_service_gives_the_procedure() -> None:
    """一件事 in the heading of an item on change registration is the registration's; 一窗 of a deregistration too."""
    text = "稳步推开企业变更“一件事”改革，市场主体变更登记信息同步推送至相关部门。"
    assert _names("稳步推开企业变更“一件事”改革", text, ["开办企业"]) == ["开办企业"]
    closing = "推行企业注销一窗受理，营业执照和许可证注销一网申请。"
    assert _names("推行注销便利化改革", closing, ["市场准入和退出"]) == ["开办企业"]
    assert _names("深化“一件事”改革", "推进“一件事一次办”，扩大全程网办事项。") == ["政务服务"]


def test_closing_requirements_of_a_notice_are_organisational() -> None:
    text = "三、有关要求各市要按照通知要求，简化办电流程，降低办电成本，确保各项政策措施落实到位。"
    assert _names("有关要求", text) == []


def test_a_credit_building_heading_is_market_supervision() -> None:
    heading = "四、加强信用建设协同联动，提升区域信用建设水平"
    assert _names("加强信用建设协同联动", heading) == ["市场监管"]


def test_barriers_relocation_and_financial_empowerment_cues() -> None:
    """隐性门槛 is a market-access barrier (市场监管); 跨省迁移 a relocation of a market entity (开办企业);
    金融赋能 in a heading is financing (获得信贷)."""
    assert _names("持续清查隐性门槛", "持续清查市场准入隐性门槛和壁垒。") == ["市场监管"]
    relocation = "优化纳税人跨省迁移流程，跨省迁移的，办理变更登记后即时办结。"
    assert "开办企业" in _names("优化纳税人跨省迁移流程", relocation)
    assert _names("强化中小企业金融赋能服务", "四、强化中小企业金融赋能服务") == ["获得信贷"]


def test_approval_and_supervision_linked_is_both_city_indicators() -> None:
    """审批监管 / 审管联动 in a heading: who approves and who supervises, 政务服务 and 市场监管."""
    heading = "创新审批监管工作机制"
    text = heading + "。进一步厘清审批部门和监管部门的职责边界。"
    assert sorted(_names(heading, text)) == ["市场监管", "政务服务"]


def test_a_life_cycle_step_as_a_clause_object_is_a_second_indicator() -> None:
    """The [predicate] row: a heading cue of a life-cycle step right after a clause-initial verb (深化“一业一证”)
    gives that step beside the measure's own indicator; the same words further inside a clause, or in a list
    of examples, do not."""
    predicate = taxonomy().clauses.predicate
    assert predicate.rule.pattern.search(predicate.rule.example) and predicate.reach >= 1
    text = "提升纳税服务水平。" + predicate.rule.example
    assert _names("提升纳税服务水平", text) == ["纳税", "开办企业"]
    inside = "提升纳税服务水平。推行网上办税，组织行业协会宣传“一业一证”改革。"
    assert _names("提升纳税服务水平", inside) == ["纳税"]
    listed = "提升纳税服务水平。推行网上办税，深化一业一证、一网通办等改革。"
    assert _names("提升纳税服务水平", listed) == ["纳税"]
    city = "提升纳税服务水平。推行网上办税，推行证明事项告知承诺制。"
    assert "政务服务" not in _names("提升纳税服务水平", city)  # city-level indicators keep the keyword rule


def test_duty_allocation_is_organisational_and_commercial_registration_a_subject() -> None:
    """落实工作责任 allocates the plan's own work (no indicator); 商事登记 names business entry in a heading and,
    as a clause's object, beside another step."""
    duties = "（一）落实工作责任。各级政务服务管理机构是本级政务服务改革工作的牵头部门。"
    assert _names("落实工作责任", duties) == []
    assert _names("深化商事登记确认制改革", "深化商事登记确认制改革。") == ["开办企业"]
    text = "自贸试验区打造开放创新高地。深入推进商事登记确认制改革。持续深化国际贸易“单一窗口”建设。"
    assert set(_names("自贸试验区打造开放创新高地", text)) >= {"开办企业", "跨境贸易"}


def test_the_document_title_names_the_step_of_a_measure_whose_words_name_nothing() -> None:
    """A procedure step of a patent-dispute plan is that plan's step (via title), and so is a heading alone that
    names a procedure (案件移交); not a bare section heading, not a measure with an indicator of its own, not a
    title naming only city-level indicators."""
    title = "2023年马鞍山市专利侵权纠纷行政裁决办案提速增效工作方案"
    step = (
        "2.组成合议组。主要工作：行政机关作出立案决定后，应指定3名或3名以上单数具有执法资格人员组成合议组。"
    )
    hits = match_indicators("组成合议组", step, ["主要任务", "立案提速增效"], title=title)
    assert [(h.name, h.via, h.evidence) for h in hits] == [("知识产权创造保护和运用", "title", "专利")]
    assert match_indicators("组成合议组", step, ["主要任务"]) == []
    heading_only = match_indicators("案件移交提速增效", "（三）案件移交提速增效", [], title=title)
    assert [(h.name, h.via) for h in heading_only] == [("知识产权创造保护和运用", "title")]
    assert match_indicators("主要任务", "（一）主要任务", [], title=title) == []  # a bare section heading
    own = "3.提升办电效率。推行低压小微企业用电报装“三零”服务，减少停电时间。"
    assert _names("提升办电效率", own) == [
        h.name for h in match_indicators("提升办电效率", own, [], title=title)
    ]
    city = "2023年市场监管业务工作要点"
    assert match_indicators("组成合议组", step, [], title=city) == []
    duties = "1.健全完善考核奖惩机制。对营商环境执行情况进行月度绩效考核，确保措施落地。"
    assert (
        match_indicators("健全完善考核奖惩机制", duties, [], title="芜湖市优化用水用气营商环境提升举措") == []
    )


def test_dispute_steps_of_a_patent_dispute_plan_are_not_commercial_cases() -> None:
    """调解, 仲裁确认, 强制执行 in a patent-dispute ruling plan (the title names the patent) are the patent
    dispute's steps; the same words in a court-reform plan are 执行合同."""
    text = "3.调解协议仲裁确认。当事人达成调解后，可申请仲裁确认；一方违反协议的，另一方可申请强制执行。"
    patent = "关于开展专利侵权纠纷行政裁决办案提速增效工作的方案"
    assert "执行合同" not in [h.name for h in match_indicators("调解协议仲裁确认", text, [], title=patent)]
    court = "关于深化商事审判改革优化法治化营商环境的实施意见"
    assert "执行合同" in [h.name for h in match_indicators("调解协议仲裁确认", text, [], title=court)]


def test_municipal_utilities_name_both_utility_indicators() -> None:
    """市政公用 (water, power and gas together) gives both utility indicators, from one word."""
    assert sorted(_names("推动规范市政公用服务价外收费", "（七）推动规范市政公用服务价外收费。")) == [
        "获得用水用气",
        "获得电力",
    ]


def test_high_level_talent_programmes_are_inclusive_innovation() -> None:
    """高层次人才 and 人才工程 name talent policy (包容普惠创新) where 人才 alone is a weak cue."""
    text = "第五十二条省有关部门在实施高层次人才特殊支持计划等省级重点人才工程时，对山区县引进人才给予倾斜。"
    assert _names("省有关部门", text) == ["包容普惠创新"]


def test_fees_of_trade_associations_are_fee_supervision() -> None:
    """行业协会商会收费 (the fees trade associations charge firms) is fee supervision (市场监管), as a heading alone
    and as the section of its items."""
    assert _names("清理规范行业协会商会收费", "（九）清理规范行业协会商会收费。") == ["市场监管"]
    item = "25.研究制定支持行业协会商会健康规范发展的政策措施。"
    assert _names("研究制定支持行业协会商会健康规范发展的政策措施", item, ["清理规范行业协会商会收费"]) == [
        "市场监管"
    ]


def test_the_evaluation_rules_of_a_plan_are_its_items_not_organisational() -> None:
    """An item under 效果评估 > 评估标准 of a power demand-response plan is the plan's (获得电力: the power load it
    measures); the heading alone names nothing."""
    title = "厦门市电力需求响应实施方案（2023-2025年）"
    item = "3.参与响应主体在响应时段内实际负荷与基线负荷差值的算数平均值为实际响应负荷。"
    hits = match_indicators("参与响应主体", item, ["效果评估", "评估标准"], title=title)
    assert [(h.name, h.via) for h in hits] == [("获得电力", "keyword")]
    assert match_indicators("评估标准", "（二）评估标准", ["效果评估"], title=title) == []


def test_a_bare_section_heading_alone_gets_none_but_its_items_do() -> None:
    """(一)主要任务 under a water-connection section says nothing of its own: no indicator, not even the
    section's; the items under it keep theirs."""
    section = ["获得用水营商环境提升举措"]
    assert match_indicators("主要任务", "(一)主要任务", section) == []
    item = "1.优化服务流程，实行用水报装“101”与“201”并行。"
    assert _names("优化服务流程", item, [*section, "主要任务"]) == ["获得用水用气"]


def _titled(heading: str, text: str, title: str) -> list[str]:
    return [h.name for h in match_indicators(heading, text, [], title=title)]


def test_a_demand_response_plan_steps_are_power_supply() -> None:
    """In a power demand-response plan, a heading alone naming a response step (日前、日内响应) or the load
    (负荷聚合商) is 获得电力; 响应 elsewhere (a quick reply to firms' requests) is not."""
    title = "厦门市电力需求响应实施方案（2023-2025年）"
    assert _titled("日前、日内响应", "（一）日前、日内响应", title) == ["获得电力"]
    assert _titled("负荷聚合商", "（二）负荷聚合商", title) == ["获得电力"]
    other = "关于印发优化营商环境工作要点的通知"
    assert _titled("快速响应", "3.快速响应。对企业诉求快速响应。", other) == []
