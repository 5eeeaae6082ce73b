"""Word reader on real .docx files written by python-docx; Word 97-2003, WPS and OFD files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ingest.sources.auto import read_source
from tests.support.docxmaker import Block, make_docx
from tests.support.refusals import refusal
from tests.support.sample_notice import CLOSING, COVER, SECTIONS, extracted, notice_lines, text_source


def notice_blocks() -> list[Block]:
    """The notice as Word files hold it: paragraphs, and each section's tasks as a 序号 | 任务 | 责任单位 table
    with one unit per paragraph of the cell."""
    blocks: list[Block] = ["\n".join(COVER)]
    for heading, tasks in SECTIONS:
        blocks.append(heading)
        blocks.append(
            [
                ["序号", "任务", "责任单位"],
                *([str(n), task, "\n".join(units)] for n, (task, units) in enumerate(tasks, 1)),
            ]
        )
    return [*blocks, "\n".join(CLOSING)]


def test_paragraphs_and_task_tables_in_document_order(tmp_path: Path) -> None:
    source = read_source(make_docx(tmp_path / "notice.docx", notice_blocks()))
    assert [list(page.lines) for page in source.pages] == [notice_lines()]


def test_docx_reads_as_its_text_does(tmp_path: Path) -> None:
    source = read_source(make_docx(tmp_path / "notice.docx", notice_blocks()))
    assert extracted(source) == extracted(text_source())


def test_lead_and_support_columns_title_row_and_merged_heading_row(tmp_path: Path) -> None:
    table = [
        ["重点任务分工表", "重点任务分工表", "重点任务分工表", "重点任务分工表", "重点任务分工表"],
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["一、提升政务服务效能"] * 5,
        ["1", "推进企业开办全程网上办理", "市市场监管局", "市公安局\n市税务局", "2023年6月底前"],
    ]
    path = make_docx(tmp_path / "tasks.docx", ["附件", table])
    (page,) = read_source(path).pages
    assert list(page.lines) == [
        "附件",
        "重点任务分工表",
        "一、提升政务服务效能",
        "1.推进企业开办全程网上办理（完成时限：2023年6月底前）（牵头单位：市市场监管局，配合单位：市公安局、市税务局）",
    ]


def test_table_without_unit_column_is_rows_of_cells(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "plain.docx", [[["指标", "目标值"], ["开办企业时间", "1个工作日"]]])
    assert read_source(path).pages[0].lines == ("指标 目标值", "开办企业时间 1个工作日")


def test_renamed_zip_is_not_a_docx(tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notice.txt", "苏州市人民政府办公室关于印发若干措施的通知")
    path = tmp_path / "notice.docx"
    path.write_bytes(archive.getvalue())
    assert refusal(path) == "not a Word .docx file: a zip archive without word/document.xml"


def test_truncated_docx(tmp_path: Path) -> None:
    whole = make_docx(tmp_path / "whole.docx", notice_blocks()).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert refusal(path) == "damaged Word .docx file: not a readable zip archive"


@pytest.mark.parametrize("name", ["notice.doc", "notice.wps", "notice.bin"])
def test_word_97_and_wps_files_say_how_to_convert(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"WordDocument")
    assert refusal(path).startswith(
        "Word 97-2003 (.doc) or WPS (.wps) file, which policy-kg does not read: save it as .docx or PDF"
    )


@pytest.mark.parametrize("name", ["notice.ofd", "notice.zip"])
def test_ofd_says_to_export_pdf(tmp_path: Path, name: str) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>')
        z.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    path = tmp_path / name
    path.write_bytes(archive.getvalue())
    assert refusal(path).startswith(
        "OFD file, which policy-kg does not read"
    ) and "export it as PDF" in refusal(path)
