"""Responsible-unit conventions, each on a short text written for the test."""

from __future__ import annotations

from ingest.extractors.units import looks_like_unit, unit_kind
from tests.support.measure_texts import measures_of, notice, units_of


def leaves(*pages: str) -> dict[str, object]:
    return {m.no: m for m in measures_of(notice(*pages)) if m.leaf}


def test_trailing_parenthetical_list_is_responsible_in_printed_order() -> None:
    m = leaves(
        "一、通关\n1.压缩通关时间。推进无纸化放货。（市商\n务委、上海海关、上港集团、东航物流）\n2.优化监管。（上海海关）"
    )
    assert units_of(m["1"]) == [
        ("市商务委", "responsible"),
        ("上海海关", "responsible"),
        ("上港集团", "responsible"),
        ("东航物流", "responsible"),
    ]
    assert [u.order for u in m["1"].units] == [1, 2, 3, 4]
    assert units_of(m["2"]) == [("上海海关", "responsible")]


def test_parenthesis_that_is_not_a_unit_list_is_ignored() -> None:
    m = leaves("1.推进平台（集运MaaS）建设，对小微企业（含个体工商户）给予支持。（市交通委）")
    assert units_of(m["1"]) == [("市交通委", "responsible")]


def test_labelled_lines_lead_responsible_support() -> None:
    text = "1.建设政务平台。统一入口。\n牵头单位：市政务办\n责任单位：市大数据局、市财政局\n配合单位：各区政府\n2.优化服务。\n牵头单位：市商务局"
    m = leaves(text)
    assert units_of(m["1"]) == [
        ("市政务办", "lead"),
        ("市大数据局", "responsible"),
        ("市财政局", "responsible"),
        ("各区政府", "support"),
    ]
    assert units_of(m["2"]) == [("市商务局", "lead")]


def test_lead_and_support_in_one_parenthesis() -> None:
    m = leaves(
        "1.清理隐性壁垒。（市市场监管局牵头，市行政审批服务局等部门配合）\n2.规范许可。（市政府办公室牵头，市政府有关部门按职责分工负责）"
    )
    assert units_of(m["1"]) == [("市市场监管局", "lead"), ("市行政审批服务局", "support")]
    assert units_of(m["2"]) == [("市政府办公室", "lead"), ("市政府有关部门", "responsible")]


def test_several_leads_then_a_time_clause_in_square_brackets() -> None:
    m = leaves(
        "1.优化开办。〔市市场监管局、市数据资源局牵头，市公安局、市税务局按职责分工负责，2023年9月底前完成〕"
    )
    assert units_of(m["1"]) == [
        ("市市场监管局", "lead"),
        ("市数据资源局", "lead"),
        ("市公安局", "responsible"),
        ("市税务局", "responsible"),
    ]


def test_responsible_department_division_and_ascii_colon_labels() -> None:
    m = leaves(
        "1.减税。（责任部门：市财政局、市税务局）\n2.换证。（责任处室：危化处、基础处）\n3.执法。（责任单位:区市场监管局,区司法局）"
    )
    assert units_of(m["1"]) == [("市财政局", "responsible"), ("市税务局", "responsible")]
    assert units_of(m["2"]) == [("危化处", "responsible"), ("基础处", "responsible")]
    assert units_of(m["3"]) == [("区市场监管局", "responsible"), ("区司法局", "responsible")]


def test_two_labels_in_one_parenthesis_and_a_non_unit_label() -> None:
    m = leaves(
        "1.接入电力。（责任单位：各市人民政府，配合单位：省发展改革委、省电力公司）\n2.落实减税。（牵头部门：市税务局；目标位置：全省前5）"
    )
    assert units_of(m["1"]) == [
        ("各市人民政府", "responsible"),
        ("省发展改革委", "support"),
        ("省电力公司", "support"),
    ]
    assert units_of(m["2"]) == [("市税务局", "lead")]


def test_first_listed_leads_when_the_notice_says_so() -> None:
    text = "1.完善承诺制。（责任单位：审批处、科技处，排名第一位的为牵头责任单位，下同）\n2.深化审查。（责任单位：科技处）"
    m = leaves(text)
    assert units_of(m["1"]) == [("审批处", "lead"), ("科技处", "responsible")]
    assert units_of(m["2"]) == [("科技处", "lead")]


def test_first_listed_rule_in_the_cover_notice_applies_to_every_list() -> None:
    pages = (
        "各单位：\n现将方案印发给你们。各项任务的责任单位中，排在第一位的为牵头单位。\n"
        "1.推进网办。（市数据局、市政务办）\n2.推进通办。（市政务办、各区政府）"
    )
    m = leaves(pages)
    assert units_of(m["1"]) == [("市数据局", "lead"), ("市政务办", "responsible")]
    assert units_of(m["2"]) == [("市政务办", "lead"), ("各区政府", "responsible")]


def test_running_text_units_in_a_notice_without_lists() -> None:
    text = (
        "1.建立机制。由市商务委牵头，各区配合，建立联席会议。市税务局负责办税服务。\n"
        "2.推进归集。项目推进中涉及的相关部门要积极配合，各相关单位要按期归集数据。\n"
        "3.加强宣传。广泛开展宣传。"
    )
    m = leaves(text)
    assert units_of(m["1"]) == [("市商务委", "lead"), ("各区", "support"), ("市税务局", "responsible")]
    assert units_of(m["2"]) == [("相关部门", "support"), ("各相关单位", "responsible")]
    assert m["3"].units == []


def test_running_text_is_not_read_when_the_notice_uses_lists() -> None:
    m = leaves("1.推进项目。由市重大办负责协调推进。（市发展改革委）\n2.各区要加强组织领导。")
    assert units_of(m["1"]) == [("市发展改革委", "responsible")]
    assert m["2"].units == []


def test_trailing_etc_and_descriptive_catch_all_are_dropped() -> None:
    text = (
        "1.解封财产。（责任单位：市公安局、上海海关等具有行政强制权和财产登记、保管职能的政府部门和单位）\n"
        "2.信息查询。（责任单位：市高院、市通信管理局等；各区政府）\n"
        "3.规范收费。（市发展改革委、市财政局等部门）"
    )
    m = leaves(text)
    assert units_of(m["1"]) == [("市公安局", "responsible"), ("上海海关", "responsible")]
    assert units_of(m["2"]) == [
        ("市高院", "responsible"),
        ("市通信管理局", "responsible"),
        ("各区政府", "responsible"),
    ]
    assert units_of(m["3"]) == [("市发展改革委", "responsible"), ("市财政局", "responsible")]


def test_names_with_parentheses_and_generic_lists_stay_whole() -> None:
    m = leaves("1.优化准入。（市商务局（自贸委）、市审管办（市公资办），各区、县（市）政府）")
    assert [u.as_printed for u in m["1"].units] == [
        "市商务局（自贸委）",
        "市审管办（市公资办）",
        "各区、县（市）政府",
    ]
    assert m["1"].units[-1].kind == "generic"


def test_a_unit_keeps_one_role_per_measure() -> None:
    text = "1.人才安居。（责任单位：区人社局、区房管局）持续优化服务。（责任单位：区房管局、区总工会）"
    m = leaves(text)
    assert units_of(m["1"]) == [
        ("区人社局", "responsible"),
        ("区房管局", "responsible"),
        ("区总工会", "responsible"),
    ]


def test_section_level_lead_stays_on_the_section() -> None:
    text = "（一）畅通市场准入（牵头单位：市市场监管局）\n1.提升开办服务。实现一日办结。（市公安局）"
    measures = measures_of(notice(text))
    section = next(m for m in measures if not m.leaf)
    assert units_of(section) == [("市市场监管局", "lead")]
    assert section.heading == "畅通市场准入"
    assert units_of(next(m for m in measures if m.leaf)) == [("市公安局", "responsible")]


def test_pages_of_units_follow_the_printed_lines() -> None:
    doc = notice("1.压缩时间。推进改革。（市商务委、", "上海海关）", first_page=7)
    [m] = measures_of(doc)
    assert [(u.as_printed, u.page) for u in m.units] == [("市商务委", 7), ("上海海关", 8)]
    assert (m.page_start, m.page_end) == (7, 8)


def test_unit_kinds() -> None:
    assert unit_kind("各区政府") == "generic"
    assert unit_kind("市政府有关部门及各县区人民政府") == "generic"
    assert unit_kind("市高院") == "court"
    assert unit_kind("区委组织部") == "party"
    assert unit_kind("上港集团") == "enterprise"
    assert unit_kind("市工商联") == "association"
    assert unit_kind("闵行区") == "government"
    assert unit_kind("市商务委") == "department"
    assert looks_like_unit("市发展改革委") and not looks_like_unit("推动上海口岸查验无陪同比例达到70%以上")


def test_labels_run_together_and_notes_inside_lists() -> None:
    text = (
        "1.放宽准入。确保内外资一致。\n牵头单位：市发改委、商务局责任单位：各县（区）人民政府、开发区（投资区）管委会\n"
        "2.优化开办。（责任单位：省市场监管局、省财政厅，各市、县（市、区）人民政府，以下政策均需各地落实，不再单独列出）\n"
        "3.归集信息。（省发展改革委会同省有关部门负责）\n"
        "4.优化服务。〔责任单位：市法院、市司法局，市直各部门按职责分工负责〕"
    )
    m = leaves(text)
    assert units_of(m["1"]) == [
        ("市发改委", "lead"),
        ("商务局", "lead"),
        ("各县（区）人民政府", "responsible"),
        ("开发区（投资区）管委会", "responsible"),
    ]
    assert [u.as_printed for u in m["2"].units] == ["省市场监管局", "省财政厅", "各市、县（市、区）人民政府"]
    assert units_of(m["3"]) == [("省发展改革委", "responsible"), ("省有关部门", "responsible")]
    assert [u.as_printed for u in m["4"].units] == ["市法院", "市司法局", "市直各部门"]


def test_task_breakdown_names_the_units_each_clause_opens_with() -> None:
    text = (
        "1.加强专栏建设。〔任务分解：市发改委、市商务局等有关单位做好专栏信息发布；各县（市）区政府在门户网站开设专栏〕\n"
        "2.推进标准化。〔任务分解：市政务服务局负责专区建设；各县（市）区政府做好目录维护，提高管理水平〕"
    )
    m = leaves(text)
    assert [u.as_printed for u in m["1"].units] == ["市发改委", "市商务局", "各县（市）区政府"]
    assert [u.as_printed for u in m["2"].units] == ["市政务服务局", "各县（市）区政府"]


def test_ji_joins_two_units_inside_one_list_part() -> None:
    m = leaves(
        "1.优化服务。（责任单位：市直有关部门及各区县人民政府、高新区管委会）\n"
        "2.推进改革。（市数据资源局牵头，市有关单位及各县(市)区、开发区按职责分工负责）"
    )
    assert units_of(m["1"]) == [
        ("市直有关部门", "responsible"),
        ("各区县人民政府", "responsible"),
        ("高新区管委会", "responsible"),
    ]
    assert units_of(m["2"]) == [
        ("市数据资源局", "lead"),
        ("市有关单位", "responsible"),
        ("各县(市)区", "responsible"),
        ("开发区", "responsible"),
    ]


def test_deng_closes_a_named_unit_before_its_generic_set() -> None:
    m = leaves(
        "1.优化服务。（责任单位：市商务局等市直有关部门及各区县人民政府）\n"
        "2.推进改革。（责任单位：市财政局、市税务局等市相关部门）\n"
        "3.规范收费。（市发展改革委牵头，市市场监管局等部门配合）"
    )
    assert [u.as_printed for u in m["1"].units] == ["市商务局", "市直有关部门", "各区县人民政府"]
    assert [u.as_printed for u in m["2"].units] == ["市财政局", "市税务局", "市相关部门"]
    assert units_of(m["3"]) == [("市发展改革委", "lead"), ("市市场监管局", "support")]


def test_ji_qi_phrases_and_names_holding_ji_stay_one_unit() -> None:
    m = leaves(
        "1.优化服务。（责任单位：各区政府及其有关部门）\n"
        "2.推进改革。（责任单位：区商务及经济发展局、市投资促进局）\n"
        "3.规范收费。（责任单位：相关政府部门及单位）\n"
        "4.公开信息。〔任务分解：市直各单位及时做好信息发布〕"
    )
    assert [u.as_printed for u in m["1"].units] == ["各区政府及其有关部门"]
    assert [u.as_printed for u in m["2"].units] == ["区商务及经济发展局", "市投资促进局"]
    assert [u.as_printed for u in m["3"].units] == ["相关政府部门及单位"]
    assert [u.as_printed for u in m["4"].units] == ["市直各单位"]


def test_unit_clause_whose_closing_parenthesis_the_pdf_dropped() -> None:
    measures = {
        m.no: m
        for m in measures_of(
            notice(
                "一、就业服务\n1.建立就业服务平台。做好企业服务保障。(市人社局负责，2023 年9 月底前完成\n"
                "2.开展劳动维权行动。(市总工会、市人社局牵头，市医保局按职责分工负责，2023 年10 月底前完成\n"
                "3.举办技能竞赛。（市人社局）"
            ),
            issue_date="2023-05-01",
        )
    }
    assert units_of(measures["1"]) == [("市人社局", "responsible")]
    assert [(d.date, d.as_printed) for d in measures["1"].deadlines] == [("2023-09-30", "2023年9月底前")]
    assert units_of(measures["2"]) == [
        ("市总工会", "lead"),
        ("市人社局", "lead"),
        ("市医保局", "responsible"),
    ]
    assert [d.date for d in measures["2"].deadlines] == ["2023-10-31"]
    assert units_of(measures["3"]) == [("市人社局", "responsible")]


def test_unclosed_clause_ends_at_the_next_item_marker_printed_in_line() -> None:
    m = leaves(
        "1.优化服务。做好企业服务保障。(市商务局负责，2023年9月底前完成7.推进信息公开，财政资金要加强保障。"
    )
    assert units_of(m["1"]) == [("市商务局", "responsible")]


def test_unclosed_parenthesis_that_is_no_unit_clause_is_ignored() -> None:
    m = leaves(
        "1.支持小微企业。对小微企业(含个体工商户，2023年9月底前完成登记的给予补贴\n2.优化服务。（市商务局）"
    )
    assert m["1"].units == []
    assert units_of(m["2"]) == [("市商务局", "responsible")]
