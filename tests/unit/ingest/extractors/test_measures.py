"""Measure hierarchy on short texts written for the test: numbering styles, restarts, covers, articles."""

from __future__ import annotations

from ingest.extractors.measures import cn_number
from tests.support.measure_texts import measures_of, notice


def by_path(doc) -> dict[str, object]:
    return {m.path: m for m in measures_of(doc)}


def test_four_levels_nest_in_order_of_appearance() -> None:
    text = (
        "一、优化准入\n（一）简化开办\n1.压缩时间。推行一网通办。（市市场监管局）\n（1）线上办理。（市数据局）\n"
        "（2）线下帮办。（各区政府）\n2.便利注销。（市税务局）\n（二）规范收费\n3.清理收费。（市发展改革委）"
    )
    m = by_path(notice(text))
    assert list(m) == [
        "一",
        "一/（一）",
        "一/（一）/1",
        "一/（一）/1/（1）",
        "一/（一）/1/（2）",
        "一/（一）/2",
        "一/（二）",
        "一/（二）/3",
    ]
    assert m["一/（一）/1/（2）"].parent_path == "一/（一）/1"
    assert [p for p, x in m.items() if x.leaf] == [
        "一/（一）/1/（1）",
        "一/（一）/1/（2）",
        "一/（一）/2",
        "一/（二）/3",
    ]
    assert m["一/（一）/1"].text.startswith("1.压缩时间") and "线上办理" not in m["一/（一）/1"].text
    assert m["一/（一）/1"].heading == "压缩时间"


def test_numbering_restarting_per_section_is_prefixed() -> None:
    text = "一、稳定信心\n（一）减负降费\n落实政策。（区税务局）\n（二）稳定现金流\n延期还本。（区金融办）\n二、激活消费\n（一）创新发展\n举办活动。（区商务委）"
    nos = [m.no for m in measures_of(notice(text)) if m.leaf]
    assert nos == ["一/一", "一/二", "二/一"]


def test_numbering_running_on_across_sections_is_not_prefixed() -> None:
    text = "一、通关\n1.压缩时间。（市商务委）\n2.创新监管。（上海海关）\n二、口岸\n3.共享信息。（市交通委）"
    assert [m.no for m in measures_of(notice(text)) if m.leaf] == ["1", "2", "3"]


def test_a_top_level_item_without_children_is_a_measure() -> None:
    text = "一、提升辐射功能\n推动经济复苏。（责任部门：区发展改革委，各相关部门）\n二、提振信心\n（一）减负\n落实政策。（区税务局）\n（二）稳岗\n支持企业。（区人社局）"
    leaves = {m.no: m for m in measures_of(notice(text)) if m.leaf}
    assert list(leaves) == ["一", "二/一", "二/二"]
    assert [u.as_printed for u in leaves["一"].units] == ["区发展改革委", "各相关部门"]


def test_variants_of_the_arabic_marker() -> None:
    text = "1、优化供地。（市自规局）\n2、深化评估。（市自规局）"
    assert [m.no for m in measures_of(notice(text))] == ["1", "2"]
    text = "8﹒支持平台。（省科技厅）\n9﹒支持人才。（省人社厅）"
    assert [m.no for m in measures_of(notice(text))] == []
    text = "1﹒支持平台。（省科技厅）\n2﹒支持人才。（省人社厅）"
    assert [m.no for m in measures_of(notice(text))] == ["1", "2"]


def test_item_number_alone_on_its_line_and_large_parenthesised_numbers() -> None:
    text = "（一）\n认识管理人地位。（各相关政府部门）\n（二）优化账户。（上海银保监局）"
    assert [m.heading for m in measures_of(notice(text))] == ["认识管理人地位", "优化账户"]
    lines = "\n".join(f"（{n}）推进事项{n}。（市商务委）" for n in range(1, 108))
    numbers = [m.number for m in measures_of(notice(lines))]
    assert len(numbers) == 107 and numbers[-1] == "107"


def test_a_wrapped_line_that_begins_like_a_number_is_text() -> None:
    text = "一、准入\n1.推进改革。加强统筹、规范、\n三、四个方面的衔接。（市发改委）\n2.优化服务。（市商务委）\n二、监管\n3.强化监管。（市市场监管局）"
    m = measures_of(notice(text))
    assert [x.path for x in m] == ["一", "一/1", "一/2", "二", "二/3"]
    assert "四个方面" in m[1].text


def test_cover_notice_is_skipped() -> None:
    cover = (
        "3.某市人民政府关于印发《某市优化营商环境行动方案》的通知（2023年3月1日）\n某政发〔2023〕1号\n各区政府：\n"
        "现将《某市优化营商环境行动方案》印发给你们。\n一、提高认识\n二、抓好落实\n某市人民政府\n2023年3月1日\n"
    )
    plan = "某市优化营商环境行动方案\n一、准入\n1.优化开办。（市市场监管局）\n2.便利注销。（市税务局）"
    doc = notice(cover + plan, heading_lines=1)
    m = measures_of(doc)
    assert [x.path for x in m] == ["一", "一/1", "一/2"]
    assert m[0].char_start == doc.text.index("某市优化营商环境行动方案一、准入") + len(
        "某市优化营商环境行动方案"
    )
    assert "提高认识" not in "".join(x.text for x in m)


def test_non_action_sections_are_dropped_unless_they_assign_units() -> None:
    text = (
        "一、总体要求\n（一）指导思想\n以习近平新时代中国特色社会主义思想为指导。\n（二）工作目标\n到2023年底，基本建成。\n"
        "二、重点任务\n（三）推进公开。及时公开信息。（责任单位：各区、各相关部门）\n"
        "三、基本原则\n（四）工作原则。坚持问题导向。（责任单位：市政府办公厅）"
    )
    m = measures_of(notice(text))
    assert [x.path for x in m] == ["二", "二/（三）", "三", "三/（四）"]
    assert [x.no for x in m if x.leaf] == ["三", "四"]


def test_articles_under_chapters_with_enumerations_inside() -> None:
    text = (
        "第一章总则\n第一条为了优化营商环境，制定本条例。\n第二条县级以上人民政府应当加强领导。\n"
        "第二章市场主体保护\n第三条有下列情形之一的，依法处理：\n（一）违法收费的；\n（二）违法检查的。\n第四条市场监管部门负责监督。"
    )
    m = by_path(notice(text))
    assert list(m) == ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条", "第二章/第四条"]
    assert [x.no for x in m.values() if x.leaf] == ["一", "二", "三", "四"]
    assert "违法检查" in m["第二章/第三条"].text


def test_article_without_separator_after_its_number() -> None:
    text = "第一条完善施工许可承诺制。（责任单位：审批处）\n第二条深化施工图审查。（责任单位：科技处）"
    m = measures_of(notice(text))
    assert [(x.no, x.heading) for x in m] == [("一", "完善施工许可承诺制"), ("二", "深化施工图审查")]


def test_colon_introduced_enumeration_is_text_of_its_item() -> None:
    text = "1.建立学习机制。主要学习内容为：\n（1）重要论述；\n（2）相关文件。（政策法规科）\n2.建立督办机制。（办公室）"
    m = measures_of(notice(text))
    assert [x.no for x in m] == ["1", "2"]
    assert "相关文件" in m[0].text and [u.as_printed for u in m[0].units] == ["政策法规科"]


def test_attachment_list_after_the_plan_is_not_measures() -> None:
    text = "一、任务\n（一）形成清单。（各部门）\n（二）推进建设。（各部门）\n附件：1.方案模板\n2.用户申请表"
    m = measures_of(notice(text))
    assert [x.path for x in m] == ["一", "一/（一）", "一/（二）"]
    assert "方案模板" not in m[-1].text


def test_measure_across_a_page_break_keeps_both_pages() -> None:
    doc = notice(
        "一、准入\n1.压缩开办时间。推进全程网办，",
        "实现一日办结。（市市场监管局）\n2.便利注销。（市税务局）",
        first_page=302,
    )
    m = {x.path: x for x in measures_of(doc)}
    assert (m["一/1"].page_start, m["一/1"].page_end) == (302, 303)
    assert m["一/1"].units[0].page == 303
    assert doc.text[m["一/1"].char_start : m["一/1"].char_end] == m["一/1"].text


def test_deadlines_and_targets_come_with_the_measure() -> None:
    text = "1.压缩时间。2023年底前，开办时间压缩至1个工作日内。（市市场监管局）"
    [m] = measures_of(notice(text), issue_date="2023-03-01")
    assert [d.date for d in m.deadlines] == ["2023-12-31"]
    assert m.targets and m.targets[0].value == 1


def test_chinese_numerals() -> None:
    assert [cn_number(x) for x in ("一", "十", "十四", "二十九", "三十五", "一百零七", "107", "③")] == [
        1,
        10,
        14,
        29,
        35,
        107,
        107,
        3,
    ]


def test_sub_items_without_units_fold_into_the_parent_whose_list_closes_them() -> None:
    text = (
        "一、建立领导机制\n1.成立领导小组。\n2.实行一把手负责制。\n3.明确分工。责任科室：政策法规科牵头，各科室配合\n"
        "二、建立学习机制\n每年开展专题学习。责任科室：政策法规科牵头，各科室配合\n"
        "三、优化审批\n1.精简材料。（审批科）\n2.压缩时限。（审批科、办公室）"
    )
    m = measures_of(notice(text))
    assert [(x.path, x.leaf) for x in m] == [
        ("一", True),
        ("二", True),
        ("三", False),
        ("三/1", True),
        ("三/2", True),
    ]
    assert [(u.as_printed, u.role) for u in m[0].units] == [("政策法规科", "lead"), ("各科室", "support")]
    assert "明确分工" in m[0].text


def test_plan_title_printed_after_the_issuer_name_starts_the_body() -> None:
    cover = (
        "某市科学技术局关于印发优化营商环境六项工作机制的通知（2023年3月1日）\n某科〔2023〕4号\n局机关各科室：\n"
        "《某市科学技术局优化营商环境六项工作机制》已经局务会研究同意，\n现将优化营商环境六项工作机制印发给你们。\n"
        "一、请认真学习\n某市科学技术局\n2023年3月1日\n"
    )
    plan = (
        "某市科学技术局优化营商环境六项\n工作机制\n一、建立领导机制（办公室）\n二、建立学习机制（政策法规科）"
    )
    doc = notice(cover + plan, heading_lines=1)
    m = measures_of(doc)
    assert [(x.no, x.heading) for x in m] == [("一", "建立领导机制"), ("二", "建立学习机制")]
    assert [u.as_printed for x in m for u in x.units] == ["办公室", "政策法规科"]
