"""Test helper: write real PDFs with reportlab's built-in Chinese CID font STSong-Light.

Characters the font's UniGB-UCS2-H encoding cannot carry back to pdfminer (e.g. "·") are set in
the embedded TrueType font Vera instead, as real PDFs mix fonts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from pdfminer.cmapdb import CMapDB
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
FALLBACK_FONT = "Vera"
MARGIN = 56.0
BODY_SIZE = 10.5
EDGE_SIZE = 9.0

pdfmetrics.registerFont(UnicodeCIDFont(FONT))
pdfmetrics.registerFont(TTFont(FALLBACK_FONT, "Vera.ttf"))
_CID_CMAP = CMapDB.get_cmap("UniGB-UCS2-H")


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    header: str | None = None,
    footer: Callable[[int], str] | None = None,
    first_number: int = 1,
    user_password: str | None = None,
    compress: bool = True,
) -> Path:
    """Write `pages` (each a list of text lines) as one PDF page each.

    `header` is printed at the top of every page; `footer(n)` at the bottom, where n is the
    printed page number (`first_number` for the first page). `user_password` encrypts the file.
    """
    width, height = A4
    encrypt = StandardEncryption(user_password, canPrint=1) if user_password else None
    canvas = Canvas(str(path), pagesize=A4, encrypt=encrypt, pageCompression=int(compress))
    canvas.setTitle("policy-kg test PDF")
    for index, lines in enumerate(pages):
        if header:
            canvas.setFont(FONT, EDGE_SIZE)
            canvas.drawCentredString(width / 2, height - MARGIN / 2, header)
        if footer:
            canvas.setFont(FONT, EDGE_SIZE)
            canvas.drawCentredString(width / 2, MARGIN / 2, footer(first_number + index))
        _draw_body(canvas, [line for line in lines if line.strip()], width, height)
        canvas.showPage()
    canvas.save()
    return path


def _draw_body(canvas: Canvas, lines: list[str], width: float, height: float) -> None:
    """Draw lines top to bottom, shrinking the font so every line fits the page."""
    if not lines:
        return
    usable_w, usable_h = width - 2 * MARGIN, height - 2.5 * MARGIN
    widest = max(_width(line.strip(), 1.0) for line in lines)
    size = min(BODY_SIZE, usable_w / max(widest, 1.0), usable_h / (1.3 * len(lines)))
    leading = size * 1.3
    y = height - 1.25 * MARGIN - size
    for line in lines:
        text = canvas.beginText(MARGIN, y)
        for font, run in _runs(line.strip()):
            text.setFont(font, size)
            text.textOut(run)
        canvas.drawText(text)
        y -= leading


def _runs(line: str) -> list[tuple[str, str]]:
    """Split a line into (font, text) runs: STSong-Light where its encoding round-trips, else Vera."""
    runs: list[tuple[str, str]] = []
    for char in line:
        font = FONT if _round_trips(char) else FALLBACK_FONT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


@functools.cache
def _round_trips(char: str) -> bool:
    return bool(list(_CID_CMAP.decode(char.encode("utf-16-be"))))


def _width(line: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, font, size) for font, run in _runs(line))
