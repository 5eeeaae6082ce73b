"""Read a PDF into printed pages: pdfminer text, OCR where a page has none, running lines removed, cached.

`read_pdf` is the reader `ingest.sources.auto` calls for files starting with %PDF-. Each returned Page is
one PDF page; its number is the printed page number when the PDF prints running page numbers, else the
1-based page index (rules in `ingest.sources.pdf_edges`). PDFs are read in worker processes whose memory
is capped, kept from one file to the next, and their streams inflate within a cap (`ingest.sources.limits`),
so a hostile file fails alone; PDFs of more than PARALLEL_MIN_PAGES pages are read over page ranges in
WORKERS processes, order preserved. A page with no readable text that shows something (a scanned image,
or glyphs whose fonts carry no Unicode mapping) is read by OCR (`ingest.sources.ocr`, in a worker too)
and marked `ocr`; pages with a text layer stay with pdfminer. Kangxi radicals and compatibility
ideographs read as the usual characters (`ingest.lexicon.normalise`). Results are cached per file hash
(`ingest.sources.page_cache`) under READER_VERSION, a hash of the reader's code and of the versions of
pdfminer, pypdfium2 and rapidocr, so changing any of them re-reads PDFs.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from importlib import metadata
from itertools import repeat
from pathlib import Path
from typing import TypeVar

from ingest.errors import InputError
from ingest.lexicon import normalise
from ingest.lexicon.normalise import usual_characters
from ingest.model import Page
from ingest.sources import limits, ocr, pdf_edges, pdf_text
from ingest.sources.page_cache import load_pages, store_pages
from ingest.sources.pdf_edges import strip_running_lines
from ingest.sources.pdf_text import PageText, PdfFailure, page_count, read_page_range
from ingest.sources.reading import Reading

PARALLEL_MIN_PAGES = 40
WORKERS = 2
RANGES_PER_WORKER = 2  # smaller ranges even out pages of unequal cost
T = TypeVar("T")


def _reader_version() -> str:
    """Hash of the modules that decide what a page holds, and of the versions of the libraries they use."""
    digest = hashlib.sha256()
    for package in ("pdfminer.six", "pypdfium2", "rapidocr"):
        try:
            digest.update(f"{package} {metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent\n".encode())
    for module in (pdf_text, pdf_edges, ocr, normalise):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


READER_VERSION = _reader_version()


def read_pdf(path: Path, data: bytes, digest: str) -> Reading:
    """The PDF's pages (`read_pdf_pages`) as a Reading."""
    return Reading(tuple(read_pdf_pages(path, data, digest)))


def read_pdf_pages(path: Path, data: bytes, digest: str) -> list[Page]:
    """Pages of the PDF `data` (read from `path`, SHA-256 `digest`); InputError when unreadable."""
    cached = load_pages(digest, READER_VERSION)
    if cached is not None:
        return cached
    try:
        texts = extract_page_texts(data)
        scanned = pages_without_text(texts)
        read_by_ocr = in_worker(ocr.ocr_pdf_pages, data, scanned) if scanned else {}
        lines = [
            tuple(usual_characters(line) for line in read_by_ocr.get(i, text.lines))
            for i, text in enumerate(texts)
        ]
        check_text(texts, lines, scanned)
    except PdfFailure as failure:
        raise InputError(str(path), failure.reason) from None
    pages = [
        replace(page, ocr=True) if i in read_by_ocr else page
        for i, page in enumerate(strip_running_lines(lines))
    ]
    store_pages(digest, pages, READER_VERSION)
    return pages


def extract_page_texts(data: bytes, *, workers: int | None = None) -> list[PageText]:
    """Text of every page, read in worker processes: over page ranges in parallel when the PDF is large."""
    workers = workers or min(WORKERS, os.cpu_count() or 1)
    count = in_worker(page_count, data)
    if count == 0:
        raise PdfFailure("PDF has no pages")
    if count <= PARALLEL_MIN_PAGES or workers < 2:
        return in_worker(read_page_range, data, 0, count)
    bounds = page_ranges(count, workers * RANGES_PER_WORKER)
    with worker_pool(workers) as pool:
        parts = pool.map(read_page_range, repeat(data), *zip(*bounds, strict=True))
        return [page for part in parts for page in part]


def in_worker(task: Callable[..., T], *args: object) -> T:
    """`task(*args)` run in the one-process worker pool (`worker_pool`)."""
    with worker_pool(1) as pool:
        return pool.submit(task, *args).result()


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """The pool of `workers` reading processes, memory capped and ending with this process
    (`limits.start_reader`). Each pool is started on first use and kept for the life of this process, so its
    workers keep pdfminer's CMaps and the OCR models loaded; a worker that dies fails the file with PdfFailure, and its pool is replaced."""
    pool = _POOLS.get(workers)
    if pool is None:
        pool = _POOLS[workers] = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=limits.worker_context(),
            initializer=limits.start_reader,
            initargs=(limits.MEMORY_LIMIT_MB,),
        )
    try:
        yield pool
    except BrokenProcessPool:
        _POOLS.pop(workers, None)
        raise PdfFailure(
            "the PDF reader's process died while reading it (a library crashed, or it ran out of its "
            f"memory limit of {limits.MEMORY_LIMIT_MB} MB)"
        ) from None


_POOLS: dict[int, ProcessPoolExecutor] = {}


def shutdown_pools() -> None:
    """Stop the reading processes kept for reuse. A multiprocessing worker ends by joining its child
    processes before its interpreter would stop these pools, so it calls this first."""
    while _POOLS:
        _POOLS.popitem()[1].shutdown(wait=True, cancel_futures=True)


def page_ranges(count: int, parts: int) -> list[tuple[int, int]]:
    """Split pages 0..count-1 into at most `parts` consecutive (start, stop) ranges."""
    size = math.ceil(count / parts)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def pages_without_text(texts: list[PageText]) -> list[int]:
    """Pages (0-based) with no readable text that show something: a scanned image, or glyphs whose fonts
    carry no Unicode mapping (more undecodable glyphs than decodable ones)."""
    return [
        i
        for i, text in enumerate(texts)
        if (text.images and not text.glyphs) or text.undecodable > text.glyphs
    ]


def check_text(texts: list[PageText], lines: list[tuple[str, ...]], scanned: list[int]) -> None:
    """Fail for PDFs from which neither the text layer nor OCR read any text."""
    if any(line.strip() for page in lines for line in page):
        return
    if not scanned:
        raise PdfFailure("PDF contains no text")
    if any(texts[i].images for i in scanned):
        raise PdfFailure("PDF has no text layer: its pages are scanned images, and OCR read no text in them")
    raise PdfFailure("PDF text cannot be decoded (its fonts carry no Unicode mapping), and OCR read no text")
