"""Segmentation: compilation headings (broken across lines and pages) start notices; nothing else does."""

from ingest.segment import find_headings, flatten, segment_pages
from ingest.sources.text import parse_text_dump
from tests.support.notice_texts import COMPILATION, SINGLE_NOTICE


def documents(text: str):
    return segment_pages(parse_text_dump(text), "test.txt")


def test_compilation_splits_into_its_notices():
    docs = documents(COMPILATION)
    assert [d.list_number for d in docs] == ["1", "2", "1"]
    assert [d.section for d in docs] == ["湖北", "湖北", "湖南"]


def test_heading_broken_over_lines_with_number_alone_is_one_heading():
    second = documents(COMPILATION)[1]
    assert second.heading_line_count == 5
    assert second.page_start == 11
    assert second.text.startswith("2.武汉市人民政府办公厅关于印发")


def test_numbered_measures_ending_in_a_date_and_attachment_items_are_not_headings():
    lines = flatten(parse_text_dump(COMPILATION))
    starts = [lines[h.start].text[:6] for h in find_headings(lines)]
    assert all("压缩开办" not in s for s in starts)
    assert len(starts) == 3


def test_section_heading_between_notices_belongs_to_neither():
    docs = documents(COMPILATION)
    assert not docs[1].lines[-1].text.startswith("（二）")
    assert docs[1].lines[-1].text == "2.责任分工表（略）"


def test_page_spans_follow_the_page_markers():
    docs = documents(COMPILATION)
    assert (docs[0].page_start, docs[0].page_end) == (10, 10)
    assert (docs[1].page_start, docs[1].page_end) == (11, 11)


def test_single_notice_is_one_document():
    docs = documents(SINGLE_NOTICE)
    assert len(docs) == 1
    assert docs[0].heading_line_count == 0
    assert docs[0].page_start == 1


def test_offsets_map_back_to_pages():
    doc = documents(COMPILATION)[0]
    offset = doc.text.index("同时废止")
    assert doc.page_at(offset) == 10
    assert doc.starts_line(doc.text.index("湖北省优化营商环境三年行动方案一、")) is True
