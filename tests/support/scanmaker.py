"""Test helper: scanned PDFs, pages of text rendered to images (Pillow, WenQuanYi Micro Hei) and placed
on A4 pages with no text layer (reportlab), as a scanner writes them.

The font is Debian's fonts-wqy-microhei, installed by scripts/install_system_packages.sh (setup).
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

SCAN_DPI = 150
MARGIN = 0.08  # of the page width
TEXT_PX = 28  # glyph size on the scan, at most (about 13.5 pt at 150 dpi)
FONT = "STSong-Light"  # for pages that keep a text layer (registered by tests.support.pdfmaker)


def wrap(lines: Sequence[str], width: int = 34) -> list[str]:
    """Lines broken every `width` characters, as a page of that measure prints them."""
    return [line[i : i + width] for line in lines for i in range(0, max(len(line), 1), width)]


CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def cjk_font_path() -> Path:
    """Debian's fonts-wqy-microhei, which scripts/install_system_packages.sh installs."""
    if not CJK_FONT.is_file():
        raise FileNotFoundError(f"{CJK_FONT}: run bash scripts/install_system_packages.sh")
    return CJK_FONT


def render_page(lines: Sequence[str]) -> Image.Image:
    """One A4 page of black text on white at SCAN_DPI, lines top to bottom, sized to fit the width."""
    width, height = round(A4[0] / 72 * SCAN_DPI), round(A4[1] / 72 * SCAN_DPI)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    margin = round(MARGIN * width)
    probe = ImageFont.truetype(str(cjk_font_path()), 100)
    widest = max((draw.textlength(line, font=probe) for line in lines), default=1.0)
    size = max(12, min(TEXT_PX, int(100 * (width - 2 * margin) / max(widest, 1.0))))
    font = ImageFont.truetype(str(cjk_font_path()), size)
    for i, line in enumerate(lines):
        draw.text((margin, margin + round(i * size * 1.6)), line, font=font, fill=0)
    return image


def make_scanned_pdf(
    path: Path, pages: Sequence[Sequence[str] | Image.Image], *, text_layer: Collection[int] = ()
) -> Path:
    """Write `pages` (text lines, rendered to an image, or an image) as an image-only PDF page each;
    the pages whose index is in `text_layer` are set as text instead (a PDF with a few scanned pages)."""
    import tests.support.pdfmaker  # noqa: F401  (registers the STSong-Light font)

    canvas = Canvas(str(path), pagesize=A4)
    for index, page in enumerate(pages):
        if index in text_layer and not isinstance(page, Image.Image):
            canvas.setFont(FONT, 11)
            for i, line in enumerate(page):
                canvas.drawString(56, A4[1] - 80 - 18 * i, line)
        else:
            image = page if isinstance(page, Image.Image) else render_page(page)
            png = io.BytesIO()
            image.save(png, format="PNG")
            canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return path
