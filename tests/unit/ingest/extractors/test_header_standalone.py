"""The header of a notice printed on its own: a red head, a portal's title line, a PDF's title over lines,
the 成文日期 a portal prints, and the metadata a web page carries."""

from __future__ import annotations

from pathlib import Path

from ingest.extractors.header import extract_header
from ingest.model import Line, MetadataField
from ingest.pipeline import extract_source
from ingest.segment import segment_pages
from ingest.sources.auto import read_source
from ingest.sources.text import parse_text_dump
from tests.support.sample_notice import COVER, DATE, ISSUER, NUMBER, TITLE
from tests.support.standalone_texts import OTHER_PROVINCES, PLAN_ON_ITS_OWN, PORTAL_PRINT, RED_HEAD_PDF
from tests.support.webpages import gov_cn_page, notice_article


def header_of(text: str, metadata: tuple[MetadataField, ...] = ()):
    (doc,) = segment_pages(parse_text_dump(text), "t.txt", metadata)
    return extract_header(doc)


def test_red_head_title_over_three_lines_under_the_number():
    header = header_of(RED_HEAD_PDF)
    assert header.title == "湖北省人民政府办公厅关于印发湖北省优化营商环境三年行动方案（2023—2025年）的通知"
    assert header.doc_number.text == "鄂政办发〔2023〕12号"
    assert header.doc_type == "通知"
    assert header.issue_date == "2023-03-02"
    assert header.recipients[-1] == "省政府各部门"
    assert [i.name for i in header.issuers] == ["湖北省人民政府办公厅"]


def test_a_portal_page_printed_to_pdf_gives_number_and_date_by_its_labelled_lines():
    header = header_of(PORTAL_PRINT)
    assert header.title == "湖北省人民政府办公厅关于印发湖北省优化营商环境若干措施的通知"
    assert header.doc_number.text == "鄂政办发〔2023〕12号"
    assert header.issue_date == "2023-03-02"
    assert header.recipients[0] == "各市"


def test_a_title_line_repeated_over_the_plan_is_read_once():
    header = header_of(PLAN_ON_ITS_OWN)
    assert header.title == "宜昌市优化营商环境三年行动方案"
    assert header.doc_type == "方案"
    assert header.doc_number is None
    assert header.issue_date is None


def test_signature_date_with_the_spaces_a_pdf_prints():
    text = "\n".join(COVER[:5]) + "\n2023 年 3 月 1 日\n"
    header = header_of(text)
    assert header.title == TITLE
    assert header.issue_date == "2023-03-01"


def test_the_number_of_a_cited_document_opening_a_body_line_is_not_the_notices():
    text = f"{TITLE}\n为贯彻落实《国务院关于开展营商环境创新试点工作的意见》（\n国发〔2021〕24 号）精神，现通知如下：\n"
    header = header_of(text)
    assert header.title == TITLE
    assert header.doc_number is None


def test_a_heading_without_its_date_takes_the_signatures():
    docs = segment_pages(parse_text_dump(OTHER_PROVINCES), "t.txt")
    header = extract_header(docs[1])
    assert header.title == "恩施州人民政府办公室关于进一步优化营商环境的实施意见"
    assert header.issue_date == "2023-05-08"
    assert header.doc_number.text == "恩施州政办发〔2023〕3号"


def test_a_web_pages_metadata_table_gives_number_and_date_the_article_leaves_out(tmp_path: Path):
    article = [line for line in COVER if line not in (NUMBER, DATE)]
    page = tmp_path / "content_5740001.htm"
    page.write_text(gov_cn_page(notice_article(article)), encoding="utf-8")
    (record,) = extract_source(read_source(page))
    assert record.header.title == TITLE
    assert record.header.doc_number.text == NUMBER
    assert record.header.issue_date == "2023-03-01"
    assert [i.name for i in record.header.issuers] == [ISSUER]
    assert record.jurisdiction.city == "苏州市"


def test_metadata_gives_title_and_issuer_when_the_text_prints_neither():
    metadata = (
        MetadataField("title", f"{TITLE}_国务院文件_中国政府网"),
        MetadataField("发文机关", ISSUER),
        MetadataField("成文日期", "2023-03-01"),
    )
    text = "各市、区人民政府：\n现将有关事项通知如下。\n一、提升政务服务效能\n"
    header = header_of(text, metadata)
    assert header.title == TITLE
    assert header.issue_date == "2023-03-01"
    assert [i.name for i in header.issuers] == [ISSUER]


def test_labelled_lines_are_fields_not_title():
    from ingest.extractors.header import labelled_fields

    lines = [Line(1, "发文机关：湖北省人民政府办公厅成文日期：2023年03月02日"), Line(1, "签发人：张三")]
    assert labelled_fields(lines) == {
        "发文机关": "湖北省人民政府办公厅",
        "成文日期": "2023年03月02日",
        "签发人": "张三",
    }


def test_a_date_printed_at_the_end_of_the_signatures_line():
    text = "\n".join(COVER[:4]) + f"\n{ISSUER}2023 年 3 月 1 日\n"
    assert header_of(text).issue_date == "2023-03-01"


def test_the_measures_of_a_notice_on_its_own_start_at_its_plan_not_at_its_cover():
    from ingest.pipeline import extract_document

    text = """宜昌市人民政府办公室关于印发宜昌市优化营商环境若干举措的通知
宜府办发〔2023〕1 号
各县市区人民政府，市政府各部门：
《宜昌市优化营商环境若干举措》已经市人民政府同意，现印发给你们，请认真组织实施。
一、强化闭环管理。各县市区要细化分工、压实责任。
二、加强督促检查。市政府办公室定期通报进展。
宜昌市人民政府办公室
2023 年 3 月 1 日
宜昌市优化营商环境若干举措
一、企业开办
1.压缩开办时间。（责任单位：市市场监管局）
"""
    (doc,) = segment_pages(parse_text_dump(text), "t.txt")
    record = extract_document(doc)
    assert [(m.path, m.heading) for m in record.measures] == [("一", "企业开办"), ("一/1", "压缩开办时间")]


def test_the_metadata_a_document_carries_is_kept_in_the_corpus(tmp_path: Path):
    import json

    from kg.corpus.store import open_corpus
    from kg.pipeline import extract_path, ingest_into_corpus, source_records

    article = [line for line in COVER if line not in (NUMBER, DATE)]
    page = tmp_path / "content_5740002.htm"
    page.write_text(gov_cn_page(notice_article(article)), encoding="utf-8")
    corpus = tmp_path / "corpus"
    (record,) = extract_path(page).records
    assert record.text.metadata_value("成文日期") == "2023年03月01日"
    ingest_into_corpus([page], corpus, nlp=False)
    ingest_into_corpus([page], corpus, nlp=False)
    kept = open_corpus(corpus)
    (again,) = source_records(kept, kept.sources()[0])
    assert again.text.metadata == record.text.metadata
    graph = json.loads((corpus / "graph.json").read_text(encoding="utf-8"))
    (doc,) = [n["properties"] for n in graph["nodes"] if n["properties"].get("inCorpus")]
    assert (doc["docNumber"], doc["issueDate"]) == (NUMBER, "2023-03-01")
