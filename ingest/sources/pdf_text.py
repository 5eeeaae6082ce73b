"""Text lines of PDF pages with pdfminer.six, without its layout analysis.

A light pdfminer device records each glyph's text, baseline and advance; glyphs are grouped
into lines by baseline and ordered left to right. This skips LAParams grouping (most of
pdfminer's cost) and paints no paths. Vertical-writing fonts and diagonal text (watermarks)
are not read. Streams inflate within `ingest.sources.limits`: a page whose streams inflate past
INFLATE_LIMIT_MB, or whose reading runs out of the worker's memory cap, fails the file naming the
page. Errors surface as `PdfFailure(reason)`, a one-line, picklable reason that also crosses process
boundaries.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from ingest.sources import limits
from ingest.sources.limits import InflateLimitExceeded, bounded_inflation
from ingest.sources.reading import one_line

SAME_LINE = 0.5  # baselines closer than this many glyph sizes are one line
SPACE_GAP = 0.15  # a horizontal gap wider than this many glyph sizes becomes a space
SKEW = 0.1  # glyphs turned more than this many quarter turns off the page axes are not read
DOUBLE_STRIKE = 0.3  # the same glyph drawn again within this share of its advance is fake bold


class PdfFailure(Exception):
    """The PDF cannot be read; `args[0]` is the one-line reason."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class PageText:
    """One PDF page as read: its lines top to bottom, and what the text layer held."""

    lines: tuple[str, ...]
    glyphs: int
    undecodable: int
    images: int


class _Glyph(NamedTuple):
    turn: int  # text direction in quarter turns (0 = upright)
    v: float  # baseline position across the text direction (up is larger)
    u: float  # position along the text direction
    size: float
    advance: float
    text: str


class _GlyphDevice(PDFTextDevice):
    """Collects glyphs and counts images; ignores paths and layout."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.glyphs: list[_Glyph] = []
        self.undecodable = 0
        self.images = 0

    def begin_page(self, page: PDFPage, ctm: Any) -> None:
        self.glyphs, self.undecodable, self.images = [], 0, 0

    def render_image(self, name: str, stream: Any) -> None:
        self.images += 1

    def render_char(
        self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int, *_: Any
    ) -> float:
        advance = font.char_width(cid) * fontsize * scaling
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            self.undecodable += 1
            return advance
        if font.is_vertical() or not text:
            return advance
        a, b, c, d, e, f = matrix
        if b == 0 and c == 0 and a > 0:  # upright text, by far the common case
            glyph = _Glyph(0, f, e, abs(fontsize * d) or 1.0, abs(advance * a), text)
        else:
            quarters = math.atan2(b, a) / (math.pi / 2)
            if abs(quarters - round(quarters)) > SKEW:  # diagonal text: a watermark or stamp
                return advance
            cos, sin = _QUARTER[turn := round(quarters) % 4]
            size = abs(fontsize) * math.hypot(c, d) or 1.0
            glyph = _Glyph(
                turn, f * cos - e * sin, e * cos + f * sin, size, abs(advance) * math.hypot(a, b), text
            )
        self.glyphs.append(glyph)
        return advance


_QUARTER = {0: (1, 0), 1: (0, 1), 2: (-1, 0), 3: (0, -1)}


def open_document(data: bytes) -> PDFDocument:
    """Parse the PDF's structure (no page content yet); raise PdfFailure for bad files."""
    if b"%%EOF" not in data[-4096:]:
        raise PdfFailure("truncated PDF: the %%EOF end marker is missing (incomplete download or copy?)")
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise PdfFailure("encrypted PDF, cannot read without password") from None
    except PDFEncryptionError as err:
        raise PdfFailure(f"encrypted PDF with an unsupported security handler ({one_line(err)})") from None
    except (InflateLimitExceeded, MemoryError) as err:
        raise PdfFailure(over_limit("its structure", err)) from None
    except Exception as err:  # pdfminer raises many types for damaged files
        raise PdfFailure(f"corrupted PDF ({one_line(err)})") from None


def over_limit(where: str, err: InflateLimitExceeded | MemoryError) -> str:
    """The reason for a part of the PDF (`where`: "page 3") that broke a cap of `ingest.sources.limits`."""
    if isinstance(err, InflateLimitExceeded):
        return f"{where} inflates past the limit of {limits.INFLATE_LIMIT_MB} MB"
    return f"{where} needs more memory than the limit of {limits.MEMORY_LIMIT_MB} MB"


def page_count(data: bytes) -> int:
    """Number of readable pages; fails when the page tree promises more than can be found."""
    with _pdfminer_complaints(), bounded_inflation():
        document = open_document(data)
        try:
            found = sum(1 for _ in PDFPage.create_pages(document))
            tree = resolve1(document.catalog.get("Pages"))
            declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
        except (InflateLimitExceeded, MemoryError) as err:
            raise PdfFailure(over_limit("its page tree", err)) from None
        except Exception as err:
            raise PdfFailure(f"corrupted PDF: unreadable page tree ({one_line(err)})") from None
    if isinstance(declared, int) and declared > found:
        raise PdfFailure(f"corrupted PDF: its page tree lists {declared} pages but only {found} can be found")
    return found


def read_page_range(data: bytes, start: int, stop: int) -> list[PageText]:
    """Text of PDF pages start..stop-1 (0-based); runs in a worker process for large files.

    A page that yields no text while pdfminer complains about it is damaged, not blank.
    """
    with _pdfminer_complaints() as complaints, bounded_inflation() as budget:
        document = open_document(data)
        rsrcmgr = PDFResourceManager(caching=True)
        device = _GlyphDevice(rsrcmgr)
        interpreter = PDFPageInterpreter(rsrcmgr, device)
        pages: list[PageText] = []
        try:
            for index, page in enumerate(PDFPage.create_pages(document)):
                if index >= stop:
                    break
                if index < start:
                    continue
                complaints.clear()
                budget.reset()
                interpreter.process_page(page)
                if complaints and not device.glyphs and not device.undecodable:
                    raise PdfFailure(
                        f"corrupted PDF: page {index + 1} unreadable ({one_line(complaints[0])})"
                    )
                text = PageText(_lines(device.glyphs), len(device.glyphs), device.undecodable, device.images)
                pages.append(text)
        except PdfFailure:
            raise
        except (InflateLimitExceeded, MemoryError) as err:
            raise PdfFailure(over_limit(f"page {len(pages) + start + 1}", err)) from None
        except Exception as err:
            raise PdfFailure(
                f"corrupted PDF: page {len(pages) + start + 1} unreadable ({one_line(err)})"
            ) from None
    return pages


class _Complaints(logging.Handler):
    """Keeps the messages of pdfminer's warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _pdfminer_complaints() -> Iterator[list[str]]:
    """Collect pdfminer's warnings (they mark damaged objects) instead of letting them print."""
    logger = logging.getLogger("pdfminer")
    handler = _Complaints()
    saved = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _lines(glyphs: list[_Glyph]) -> tuple[str, ...]:
    """Group glyphs into lines by baseline, top to bottom, each left to right."""
    ordered = sorted(glyphs, key=lambda g: (g.turn, -g.v))
    groups: list[list[_Glyph]] = []
    for glyph in ordered:
        if groups:
            first = groups[-1][0]
            if glyph.turn == first.turn and first.v - glyph.v < SAME_LINE * max(first.size, glyph.size):
                groups[-1].append(glyph)
                continue
        groups.append([glyph])
    lines = (_join(sorted(group, key=lambda g: g.u)) for group in groups)
    return tuple(line for line in lines if line)


def _join(glyphs: list[_Glyph]) -> str:
    """Text of one line: double-struck glyphs dropped, wide gaps turned into one space."""
    parts: list[str] = []
    previous: _Glyph | None = None
    for glyph in glyphs:
        if previous is not None:
            if glyph.text == previous.text and glyph.u - previous.u < DOUBLE_STRIKE * previous.advance:
                continue
            if glyph.u - (previous.u + previous.advance) > SPACE_GAP * glyph.size:
                parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return " ".join("".join(parts).split())
