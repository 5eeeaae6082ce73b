"""OCR of PDF pages that have no text layer: each page rendered with pypdfium2 and read by RapidOCR.

RapidOCR runs PaddleOCR's PP-OCRv6 small detection and recognition models (Chinese and Latin) on
onnxruntime. The models are the files the `rapidocr` wheel ships in its `models/` folder; they are named
here by path, so RapidOCR never downloads one (it would when asked for a model by name that it lacks).
Text boxes are grouped into printed lines by vertical overlap, each line left to right, boxes on one
line joined by a space; ASCII punctuation that touches a Chinese character is made full-width, as
Chinese text prints it (the models read （ as ( ). The orientation classifier is off: pages are read
upright.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ingest.sources.pdf_text import PdfFailure, over_limit
from ingest.sources.reading import one_line

if TYPE_CHECKING:
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

RENDER_DPI = 200
DETECT_SIDE = 1280  # detection sees the page scaled to this longest side; recognition reads full size
MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx"}
SAME_LINE = 0.5  # boxes whose vertical overlap is this share of the lower box's height are one line

_FULL_WIDTH = str.maketrans("(),:;!?", "（），：；！？")
_HAN = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_HALF_WIDTH_BY_HAN = re.compile(rf"(?<=[{_HAN}])[(),:;!?]|[(),:;!?](?=[{_HAN}])")

Box = Sequence[Sequence[float]]  # four corner points (x, y), y down


def ocr_pdf_pages(data: bytes, indexes: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """Text lines read by OCR from the PDF pages `indexes` (0-based); PdfFailure when OCR cannot run."""
    import numpy as np
    import pypdfium2

    engine = _engine()
    document = pypdfium2.PdfDocument(data)
    read: dict[int, tuple[str, ...]] = {}
    try:
        for index in indexes:
            try:
                image = document[index].render(scale=RENDER_DPI / 72).to_pil().convert("RGB")
                result = cast("RapidOCROutput", engine(np.asarray(image)))  # detection and recognition ran
            except MemoryError as err:
                raise PdfFailure(over_limit(f"OCR of page {index + 1}", err)) from None
            except Exception as err:  # pdfium and onnxruntime raise many types
                raise PdfFailure(f"OCR failed on page {index + 1} ({one_line(err)})") from None
            boxes = [] if result.boxes is None else [box.tolist() for box in result.boxes]
            read[index] = ocr_lines(boxes, list(result.txts or ()))
    finally:
        document.close()
    return read


def ocr_lines(boxes: Sequence[Box], texts: Sequence[str]) -> tuple[str, ...]:
    """Printed lines from OCR text boxes: grouped by vertical overlap, top to bottom, left to right."""
    spans = sorted(
        (
            (min(y for _, y in box), max(y for _, y in box), min(x for x, _ in box), text)
            for box, text in zip(boxes, texts, strict=True)
            if text.strip()
        ),
    )
    lines: list[list[tuple[float, float, float, str]]] = []
    for span in spans:
        top, bottom = span[0], span[1]
        if lines:
            line_top = min(s[0] for s in lines[-1])
            line_bottom = max(s[1] for s in lines[-1])
            if min(bottom, line_bottom) - max(top, line_top) >= SAME_LINE * (bottom - top):
                lines[-1].append(span)
                continue
        lines.append([span])
    return tuple(
        _full_width(" ".join(s[3].strip() for s in sorted(line, key=lambda s: s[2]))) for line in lines
    )


def _full_width(line: str) -> str:
    return _HALF_WIDTH_BY_HAN.sub(lambda m: m.group(0).translate(_FULL_WIDTH), line)


@functools.cache
def _engine() -> RapidOCR:
    """One RapidOCR engine per process, on the models the rapidocr wheel ships."""
    import rapidocr

    folder = Path(rapidocr.__file__).parent / "models"
    paths = {task: folder / name for task, name in MODELS.items()}
    missing = [path.name for path in paths.values() if not path.is_file()]
    if missing:
        raise PdfFailure(
            f"OCR models missing from the rapidocr package ({', '.join(missing)}): reinstall rapidocr"
        )
    params: dict[str, object] = {
        "Global.log_level": "critical",
        "Global.use_cls": False,
        "Det.limit_type": "max",
        "Det.limit_side_len": DETECT_SIDE,
        **{f"{task}.model_path": str(path) for task, path in paths.items()},
    }
    return rapidocr.RapidOCR(params=params)
