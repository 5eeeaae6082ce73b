"""Read a PDF into printed pages: pdfminer text, running lines removed, cached by file hash.

`read_pdf_pages` is what `ingest.sources.text.read_source` calls for files starting with %PDF-.
Each returned Page is one PDF page; its number is the printed page number when the PDF
prints running page numbers, else the 1-based page index (rules in `ingest.sources.pdf_edges`).
PDFs of more than PARALLEL_MIN_PAGES pages are read over page ranges in WORKERS processes,
order preserved. Results are cached per file hash (`ingest.sources.page_cache`) under READER_VERSION,
a hash of the reader's code and pdfminer's version, so changing either re-reads PDFs.
"""

from __future__ import annotations

import hashlib
import math
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import pdfminer

from ingest.errors import InputError
from ingest.model import Page
from ingest.sources import pdf_edges, pdf_text
from ingest.sources.page_cache import load_pages, store_pages
from ingest.sources.pdf_edges import strip_running_lines
from ingest.sources.pdf_text import PageText, PdfFailure, page_count, read_page_range

PARALLEL_MIN_PAGES = 40
WORKERS = 2
RANGES_PER_WORKER = 2  # smaller ranges even out pages of unequal cost


def _reader_version() -> str:
    """Hash of the modules that decide what a page holds, and of pdfminer's version."""
    digest = hashlib.sha256(pdfminer.__version__.encode())
    for module in (pdf_text, pdf_edges):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


READER_VERSION = _reader_version()


def read_pdf_pages(path: Path, data: bytes, digest: str) -> list[Page]:
    """Pages of the PDF `data` (read from `path`, SHA-256 `digest`); InputError when unreadable."""
    cached = load_pages(digest, READER_VERSION)
    if cached is not None:
        return cached
    try:
        texts = extract_page_texts(data)
        check_text_layer(texts)
    except PdfFailure as failure:
        raise InputError(str(path), failure.reason) from None
    pages = strip_running_lines([text.lines for text in texts])
    store_pages(digest, pages, READER_VERSION)
    return pages


def extract_page_texts(data: bytes, *, workers: int | None = None) -> list[PageText]:
    """Text of every page, in parallel over page ranges when the PDF is large."""
    workers = workers or min(WORKERS, os.cpu_count() or 1)
    count = page_count(data)
    if count == 0:
        raise PdfFailure("PDF has no pages")
    if count <= PARALLEL_MIN_PAGES or workers < 2:
        return read_page_range(data, 0, count)
    bounds = page_ranges(count, workers * RANGES_PER_WORKER)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(read_page_range, repeat(data), *zip(*bounds, strict=True))
        return [page for part in parts for page in part]


def page_ranges(count: int, parts: int) -> list[tuple[int, int]]:
    """Split pages 0..count-1 into at most `parts` consecutive (start, stop) ranges."""
    size = math.ceil(count / parts)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def check_text_layer(texts: list[PageText]) -> None:
    """Fail for PDFs whose text cannot be read: scanned images, no text, fonts without Unicode."""
    glyphs = sum(text.glyphs for text in texts)
    undecodable = sum(text.undecodable for text in texts)
    if glyphs == 0 and undecodable == 0:
        if any(text.images for text in texts):
            raise PdfFailure("PDF has no text layer: its pages are scanned images; run OCR on it first")
        raise PdfFailure("PDF contains no text")
    if undecodable > glyphs:
        raise PdfFailure("PDF text cannot be decoded: its fonts carry no Unicode mapping")
