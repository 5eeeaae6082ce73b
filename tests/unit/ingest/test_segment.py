"""Segmentation: compilation headings (broken across lines and pages) start notices; nothing else does."""

from ingest.segment import find_headings, flatten, segment_pages, title_word, without_trailing_parens
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


def test_heading_printed_without_its_date_is_still_a_heading():
    from tests.support.standalone_texts import OTHER_PROVINCES

    docs = documents(OTHER_PROVINCES)
    assert [(d.section, d.list_number) for d in docs] == [
        ("湖北", "1"),
        ("湖北", "2"),
        ("湖北", "3"),
        ("湖南", "1"),
    ]
    undated = docs[1]
    assert undated.heading_line_count == 1
    assert undated.text.startswith("2.恩施州人民政府办公室关于进一步优化营商环境的实施意见恩施州政办发")
    assert not any(line.text.startswith("3.宜昌") for line in undated.lines)


def test_an_undated_line_is_a_heading_only_in_the_numbering_and_over_a_number_or_addressees():
    measure_over_a_number = COMPILATION.replace(
        "2.推行电子证照。", "5.印发实施方案的通知\n鄂政办发〔2023〕1 号\n2.推行电子证照。"
    )
    assert len(documents(measure_over_a_number)) == 3
    title_over_a_sentence = COMPILATION.replace(
        "（二）湖南",
        "3. 湖北省人民政府关于进一步优化营商环境的通知\n为进一步优化营商环境，现通知如下。\n（二）湖南",
    )
    assert len(documents(title_over_a_sentence)) == 3
    next_in_numbering = COMPILATION.replace(
        "（二）湖南",
        "3. 湖北省人民政府关于进一步优化营商环境的通知\n鄂政发〔2023〕2 号\n各市人民政府：\n（二）湖南",
    )
    assert [d.list_number for d in documents(next_in_numbering)] == ["1", "2", "3", "1"]


def test_only_a_single_document_carries_the_files_metadata():
    from ingest.model import MetadataField

    metadata = (MetadataField("成文日期", "2023年03月01日"),)
    (single,) = segment_pages(parse_text_dump(SINGLE_NOTICE), "t.txt", metadata)
    assert single.metadata == metadata
    assert single.metadata_value("发文字号", "成文日期") == "2023年03月01日"
    assert all(d.metadata == () for d in segment_pages(parse_text_dump(COMPILATION), "t.txt", metadata))


def test_an_undated_plan_heading_is_confirmed_by_the_next_headings_number():
    text = COMPILATION.replace(
        "# Page 11:\n2.\n",
        "# Page 11:\n2. 湖北省优化营商环境行动方案\n为进一步优化营商环境，制定本方案。\n3.\n",
    )
    docs = documents(text)
    assert [d.list_number for d in docs] == ["1", "2", "3", "1"]
    assert docs[1].text.startswith("2.湖北省优化营商环境行动方案为进一步")
    attachment_item = text.replace(
        "2. 湖北省优化营商环境行动方案", "附件：1.重点任务清单\n2. 湖北省优化营商环境行动方案"
    )
    assert [d.list_number for d in documents(attachment_item)] == ["1", "3", "1"]


def test_the_parentheticals_a_title_ends_with_are_read_off_back_to_front():
    assert without_trailing_parens("行动方案（2023—2025年）（试行）") == "行动方案"
    assert without_trailing_parens("办法(征求意见稿)") == "办法"
    assert without_trailing_parens("意见（一（二））") == "意见（一（二））"  # a nested one is text
    assert title_word("关于印发《某市实施方案（试行）》的通知（征求意见稿）") == "通知"
    assert title_word("某市实施方案" + "（试行）" * 20000) == "方案"  # long, and read once


def test_a_heading_or_title_past_the_longest_a_title_runs_to_is_not_taken_whole():
    from ingest.extractors.header import extract_header
    from ingest.segment import MAX_TITLE_CHARS

    long_heading = "1. 关于" + "印发《" * 200 + "的通知（2023 年6 月13 日）\n各区人民政府：\n请认真执行。\n"
    docs = documents("# Page 1:\n" + long_heading)
    assert len(docs) == 1 and docs[0].heading_line_count == 0  # no compilation heading: a notice on its own
    assert len(extract_header(docs[0]).title) == MAX_TITLE_CHARS
