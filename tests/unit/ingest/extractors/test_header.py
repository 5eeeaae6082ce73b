"""Header fields of a notice: title, number, type, date, recipients, issuers, validity."""

import pytest

from ingest.extractors.header import doc_type, extract_header, subject_title, validity
from ingest.extractors.issuers import announcing_body, expand_short_name, split_agency_names
from ingest.lexicon.docnumber import parse_doc_number
from ingest.segment import segment_pages
from ingest.sources.text import parse_text_dump
from tests.support.notice_texts import COMPILATION, SINGLE_NOTICE


def headers(text: str):
    return [extract_header(d) for d in segment_pages(parse_text_dump(text), "t.txt")]


@pytest.mark.parametrize(
    "printed",
    [
        "沪府办规〔2023〕1号",
        "沪府办规[2023]1号",
        "沪府办规【2023】1号",
        "沪府办规(2023)1号",
        "沪府办规（2023）1号",
        "沪府办规［2023］1号",
    ],
)
def test_doc_number_brackets_normalise_to_gb9704(printed):
    number = parse_doc_number(printed)
    assert number.text == "沪府办规〔2023〕1号"
    assert (number.agency_code, number.year, number.seq) == ("沪府办规", 2023, "1")


def test_announcement_number_keeps_its_printed_form():
    number = parse_doc_number("浙江省第十四届人民代表大会常务委员会公告第12号")
    assert number.text == "浙江省第十四届人民代表大会常务委员会公告第12号"
    assert announcing_body(number.agency_code) == "浙江省人民代表大会常务委员会"


def test_heading_gives_title_date_number_type_and_subject():
    first, second, third = headers(COMPILATION)
    assert first.title == "湖北省发展和改革委员会关于印发《湖北省优化营商环境三年行动方案》的通知"
    assert first.issue_date == "2023-04-06"
    assert first.doc_number == parse_doc_number("鄂发改规〔2023〕7号")
    assert first.doc_type == "通知"
    assert first.subject_title == "湖北省优化营商环境三年行动方案"
    assert second.issue_date == "2023-05-08"
    assert second.subject_title == "武汉市落实〈湖北省优化营商环境三年行动方案〉若干措施"
    assert third.subject_title == "岳麓区营商环境提升方案"


def test_recipients_split_outside_parentheses():
    first = headers(COMPILATION)[0]
    assert first.recipients == ["各市", "州", "县人民政府", "省直各有关单位"]
    second = headers(COMPILATION)[1]
    assert second.recipients == ["各区人民政府", "市人民政府各部门"]


def test_signature_block_names_printed_without_separator_are_split():
    first = headers(COMPILATION)[0]
    assert [i.name for i in first.issuers] == ["湖北省发展和改革委员会", "国家税务总局湖北省税务局"]


def test_issuer_falls_back_to_the_title_when_the_signature_prints_only_a_date():
    third = headers(COMPILATION)[2]
    assert [i.name for i in third.issuers] == ["长沙市岳麓区人民政府"]


def test_single_notice_header():
    (header,) = headers(SINGLE_NOTICE)
    assert header.title == "湖北省市场监督管理局关于开展优化营商环境专项行动的通知"
    assert header.doc_number == parse_doc_number("鄂市监〔2023〕15号")
    assert header.issue_date == "2023-03-01"
    assert [i.name for i in header.issuers] == ["湖北省市场监督管理局"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某市关于本市推进热线对接联动的实施意见", "意见"),
        ("某市优化营商环境条例（征求意见稿）", "条例"),
        ("某省市场监督管理局批准发布《指标体系》省级地方标准", "标准"),
        ("某市创优营商环境对标提升举措（2023版）", "举措"),
        ("某省2023年政务公开工作要点", "要点"),
    ],
)
def test_doc_type_is_the_genre_word_ending_the_title(title, expected):
    assert doc_type(title) == expected


def test_subject_title_without_quotes():
    assert (
        subject_title("江苏省政府办公厅印发关于促进个体工商户高质量发展若干政策措施的通知")
        == "促进个体工商户高质量发展若干政策措施"
    )


def test_draft_flag_from_title():
    text = COMPILATION.replace("岳麓区营商环境提升方案的", "岳麓区营商环境提升方案（征求意见稿）的")
    assert headers(text)[2].draft is True
    assert headers(COMPILATION)[2].draft is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本方案自2023年5月1日起施行，有效期至2025年12月31日。", ("2023-05-01", "2025-12-31", None)),
        ("本管理规定自2023年5月1日起施行，有效期五年。", ("2023-05-01", "2028-04-30", "有效期五年")),
        ("本政策自印发之日起实施，执行期限至2023年12月31日。", (None, "2023-12-31", "自印发之日起实施")),
        ("本方案自发布之日起施行，有效期3年。", (None, None, "自发布之日起施行，有效期3年")),
        ("本条例自****年**月**日起施行。", (None, None, None)),
        ("请认真贯彻执行。", (None, None, None)),
    ],
)
def test_validity_from_closing_clauses(text, expected):
    assert validity(text) == expected


def test_split_keeps_a_national_body_with_its_regional_branch():
    assert split_agency_names("中国银行保险监督管理委员会上海监管局") == [
        "中国银行保险监督管理委员会上海监管局"
    ]
    assert split_agency_names("上海市财政局上海海事局") == ["上海市财政局", "上海海事局"]
    assert split_agency_names("中共扬州市委扬州市人民政府") == ["中共扬州市委", "扬州市人民政府"]


def test_short_name_expanded_only_when_the_text_prints_the_full_form():
    text = "浙江省知识产权局等部门……省知识产权局"
    assert expand_short_name("省知识产权局", text) == "浙江省知识产权局"
    assert expand_short_name("省财政厅", text) == "省财政厅"


def test_chinese_numeral_dates_in_signature_and_validity():
    text = (
        SINGLE_NOTICE.replace("2023年3月1日", "二〇二三年三月一日") + "本通知自二〇二三年四月一日起施行。\n"
    )
    (header,) = headers(text)
    assert header.issue_date == "2023-03-01"
    assert [i.name for i in header.issuers] == ["湖北省市场监督管理局"]
    assert header.effective_date == "2023-04-01"


def test_red_head_notice_takes_its_title_from_below_the_number():
    from tests.support.notice_texts import RED_HEAD_NOTICE

    (header,) = headers(RED_HEAD_NOTICE)
    assert header.title == "湖北省人民政府办公厅关于印发湖北省优化营商环境若干措施的通知"
    assert header.doc_number == parse_doc_number("鄂政办发〔2023〕12号")
    assert header.doc_type == "通知"
    assert header.recipients == ["各市", "州", "县人民政府", "省政府各部门"]
    assert header.issue_date == "2023-03-02"
    assert [i.name for i in header.issuers] == ["湖北省人民政府办公厅"]


def test_seal_on_behalf_note_under_the_signature_is_skipped():
    text = SINGLE_NOTICE.replace(
        "湖北省市场监督管理局\n2023年3月1日",
        "湖北省社会信用体系建设领导小组办公室\n（湖北省发展和改革委员会\n中国人民银行武汉分行代章）\n2023年3月1日",
    )
    (header,) = headers(text)
    assert [i.name for i in header.issuers] == ["湖北省社会信用体系建设领导小组办公室"]


def test_doc_type_of_a_title_ending_in_the_printed_document():
    assert doc_type("某省税务局印发《全省税务系统2023年优化税收营商环境工作方案》") == "方案"
    assert doc_type("某省印发《某某办法（试行）》") == "办法"


def test_a_measures_own_period_is_not_the_documents_validity():
    text = (
        "2.减免费用。上述措施中，票据业务执行期限为长期，其余措施执行期限至2024年9月30日。"
        "本政策措施自印发之日起实施，各项政策措施除有明确规定时限以外，有效期至2025年12月31日。"
    )
    assert validity(text) == (None, "2025-12-31", "自印发之日起实施")
    assert validity("（三）延续政策，执行期限至2023年12月31日。（责任单位：省发改委）") == (None, None, None)
    assert validity("《某条例》已经会议通过，现予公布，自2023年3月1日起施行。") == ("2023-03-01", None, None)
