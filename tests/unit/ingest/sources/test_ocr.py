"""OCR of scanned PDFs: pages rendered to images with no text layer (tests.support.scanmaker), read by
RapidOCR from the models its wheel ships. Each OCR'd page takes a few seconds: two pages in all."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from PIL import Image

from ingest.errors import InputError
from ingest.model import Source, squeeze
from ingest.sources.auto import read_source
from ingest.sources.ocr import ocr_lines
from ingest.sources.page_cache import cache_path
from tests.support.sample_notice import extracted, notice_lines, text_source
from tests.support.scanmaker import make_scanned_pdf, wrap

MAX_CER = 0.01  # character error rate on a clean 150 dpi page (PP-OCRv6 small reads it at about 0)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("POLICY_KG_CACHE", str(cache))
    return cache


def error_rate(printed: list[str], read: tuple[str, ...]) -> float:
    """Character error rate of the lines read against the lines printed, whitespace ignored: edits
    (substitutions, insertions, deletions) over printed characters."""
    want, got = squeeze("".join(printed)), squeeze("".join(read))
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    return edits / len(want)


def test_scanned_notice_is_read_by_ocr_as_its_text(tmp_path: Path) -> None:
    printed = wrap(notice_lines())
    pdf = make_scanned_pdf(tmp_path / "scan.pdf", [printed])
    source = read_source(pdf)
    (page,) = source.pages
    assert page.ocr and page.number == 1
    assert error_rate(printed, page.lines) <= MAX_CER
    assert len(page.lines) == len(printed)
    assert extracted(Source("scan.pdf", source.sha256, source.pages)) == extracted(text_source())
    stored = json.loads(cache_path(source.sha256).read_text(encoding="utf-8"))
    assert [p["ocr"] for p in stored["pages"]] == [True]
    assert read_source(pdf).pages == source.pages


def test_only_the_page_without_text_goes_through_ocr(tmp_path: Path) -> None:
    typed = ["一、提升政务服务效能", "1.推进企业开办全程网上办理。"]
    scanned = ["二、优化市场环境", "2.加强知识产权保护，建立快速维权机制。", "（牵头单位：市知识产权局）"]
    pdf = make_scanned_pdf(tmp_path / "mixed.pdf", [typed, scanned], text_layer={0})
    first, second = read_source(pdf).pages
    assert (first.ocr, second.ocr) == (False, True)
    assert [squeeze(line) for line in first.lines] == typed
    assert error_rate(scanned, second.lines) <= MAX_CER


def test_scan_in_which_ocr_reads_nothing(tmp_path: Path) -> None:
    pdf = make_scanned_pdf(tmp_path / "blank-scan.pdf", [Image.new("L", (1240, 1754), 235)])
    with pytest.raises(InputError) as caught:
        read_source(pdf)
    assert str(caught.value) == (
        f"{pdf}: PDF has no text layer: its pages are scanned images, and OCR read no text in them"
    )


def test_boxes_on_one_line_are_joined_left_to_right() -> None:
    def box(left: float, top: float, width: float = 100, height: float = 30) -> list[list[float]]:
        return [[left, top], [left + width, top], [left + width, top + height], [left, top + height]]

    boxes = [box(400, 102), box(100, 100), box(100, 160), box(100, 205, height=8)]
    texts = ["2023年3月1日", "苏府办〔2023〕12号", "各市、区人民政府:", "小字"]
    assert ocr_lines(boxes, texts) == ("苏府办〔2023〕12号 2023年3月1日", "各市、区人民政府：", "小字")
