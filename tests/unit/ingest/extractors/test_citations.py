"""Citations and repeals: which 《…》 count, their numbers, purposes and articles."""

from ingest.extractors.citations import attachments, extract_citations, is_document_title
from ingest.extractors.header import extract_header
from ingest.extractors.repeals import extract_repeals
from ingest.segment import segment_pages
from ingest.sources.text import parse_text_dump
from tests.support.notice_texts import COMPILATION


def notices():
    docs = segment_pages(parse_text_dump(COMPILATION), "t.txt")
    out = []
    for doc in docs:
        header = extract_header(doc)
        header.attachments = attachments(doc)
        out.append((doc, header))
    return out


def citations(n: int):
    doc, header = notices()[n]
    return {c.title: c for c in extract_citations(doc, header)}


def test_doc_number_printed_after_the_title_is_attached_even_across_a_line_break():
    cited = citations(0)["国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见"]
    assert cited.doc_number == "国办发〔2022〕30号"
    assert cited.purpose == "implements"
    assert cited.page == 10


def test_basis_purpose_and_article():
    cited = citations(0)["优化营商环境条例"]
    assert cited.purpose == "basis"
    assert cited.article == "第十二条"
    assert cited.doc_number is None
    assert citations(2)["湖南省优化营商环境条例"].purpose == "basis"


def test_own_title_forms_and_certificates_are_not_citations():
    titles = set(citations(0))
    assert "湖北省优化营商环境三年行动方案" not in titles
    assert "营业执照" not in titles
    assert "企业登记申请书" not in titles


def test_repealed_document_is_still_cited_by_title():
    assert "湖北省优化营商环境办法" in citations(0)


def test_nested_titles_stay_inside_the_outer_one():
    titles = set(citations(1))
    assert titles == {"湖北省优化营商环境三年行动方案"}
    assert citations(1)["湖北省优化营商环境三年行动方案"].doc_number == "鄂发改规〔2023〕7号"


def test_attachments_are_read_from_the_cover_notice():
    assert notices()[1][1].attachments == ["重点任务清单", "责任分工表"]


def test_is_document_title():
    assert is_document_title("中华人民共和国专利法")
    assert is_document_title("专利法")
    assert not is_document_title("进口药品通关单")
    assert not is_document_title("建筑工程施工许可证")
    assert not is_document_title("知识产权白皮书")
    assert not is_document_title("要点")
    assert is_document_title("权责清单管理办法")


def test_repeal_with_title_and_number():
    doc, _ = notices()[0]
    (repeal,) = extract_repeals(doc)
    assert repeal.title == "湖北省优化营商环境办法"
    assert repeal.doc_number == "鄂政办发〔2019〕3号"
    assert repeal.as_printed.endswith("同时废止")


def test_repeal_cues_without_a_named_document_are_ignored():
    text = "# Page 1:\n某市关于某事的通知\n原施工许可证自行废止。原有规定不再执行。\n"
    docs = segment_pages(parse_text_dump(text), "t.txt")
    assert extract_repeals(docs[0]) == []


def test_repeal_by_number_only():
    text = "# Page 1:\n某市关于某事的通知\n本通知自印发之日起施行，某政发〔2020〕5号文件停止执行。\n"
    docs = segment_pages(parse_text_dump(text), "t.txt")
    (repeal,) = extract_repeals(docs[0])
    assert (repeal.title, repeal.doc_number) == (None, "某政发〔2020〕5号")


def test_number_followed_by_a_short_name_in_the_same_parentheses():
    text = "# Page 1:\n某市关于某事的通知\n根据《某省优化营商环境条例实施办法》（某政发〔2021〕5号，以下简称《办法》），制定本通知。\n"
    (doc,) = segment_pages(parse_text_dump(text), "t.txt")
    header = extract_header(doc)
    found = {c.title: c.doc_number for c in extract_citations(doc, header)}
    assert found == {"某省优化营商环境条例实施办法": "某政发〔2021〕5号"}


def test_partial_repeal_of_a_paragraph_is_not_a_supersedes():
    text = "# Page 1:\n某市关于某事的通知\n之前印发的《某市供水收费实施细则》（某建〔2022〕8号）中“一、规范接入工程收费”段落废止。\n"
    docs = segment_pages(parse_text_dump(text), "t.txt")
    assert extract_repeals(docs[0]) == []


def test_full_form_of_the_own_subject_in_the_cover_notice_is_not_a_citation():
    text = (
        "# Page 1:\n1. 某市科学技术局关于印发优化营商环境六项工作机制的通知（2023 年6 月25 日）\n"
        "各科室：\n《某市科学技术局优化营商环境六项工作机制》已经局务会议审议通过，现印发给你们。\n"
    )
    (doc,) = segment_pages(parse_text_dump(text), "t.txt")
    header = extract_header(doc)
    assert extract_citations(doc, header) == []
    assert not is_document_title("全国优化营商环境现场会发言材料")


def _record(text: str, n: int):
    from ingest.pipeline import extract_document

    return extract_document(segment_pages(parse_text_dump(text), "t.txt")[n])


def test_attachments_listed_under_a_lone_label_are_never_citations():
    from tests.support.standalone_texts import OTHER_PROVINCES

    record = _record(OTHER_PROVINCES, 0)
    assert record.header.attachments == ["重点任务分工方案（2023—2025年）", "优化营商环境若干措施"]
    assert record.citations == []


def test_numbered_attachment_labels_and_a_cited_regulation():
    from tests.support.standalone_texts import OTHER_PROVINCES

    record = _record(OTHER_PROVINCES, 3)
    assert record.header.attachments == ["湘西州优化营商环境三年行动方案（2023—2025年）", "重点任务清单"]
    assert [c.title for c in record.citations] == ["湖南省优化营商环境条例"]


def test_the_title_under_a_lone_attachment_mark_is_an_attachment():
    (doc,) = segment_pages(
        parse_text_dump("某市关于某事的通知\n附件1\n某市营商环境任务清单\n一、任务\n"), "t.txt"
    )
    assert attachments(doc) == ["某市营商环境任务清单"]


def test_a_document_named_like_an_attachment_but_for_another_place_is_cited():
    from ingest.extractors.citations import is_attachment

    attached = ["上海市助力中小微企业稳增长调结构强能力若干措施"]
    assert not is_attachment("助力中小微企业稳增长调结构强能力若干措施", attached)
    assert is_attachment("上海市助力中小微企业稳增长调结构强能力若干措施（2023年版）", attached)
