"""The `kg trace --html` page opens in headless Chromium without errors, draws the trace's nodes in their
colours, and shows the root document's title in Chinese.

Chromium is driven through the DevTools protocol (tests/support/cdp.py): the test waits until the page has
written the root's caption on its canvas (every fillText is recorded, from before the page's scripts run),
then takes screenshots until the nodes show in them. A slow machine makes the wait longer, never the shot
blank. The title is read back from the screenshot by OCR (RapidOCR, as the scanned-PDF reader uses it),
which reads Chinese only where the CJK font setup installs drew real glyphs.
"""

from __future__ import annotations

import re
import time
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ingest.sources.ocr import _engine, ocr_lines
from kg.analysis.trace import trace
from kg.analysis.trace_html import LEVEL_COLOURS, ROOT_COLOUR, write_trace_html
from kg.graphjson import dict_to_graph
from tests.support.cdp import open_page
from tests.support.trace_graph import graph_json

ROOT = "doc:sh"
SCALE = 3  # device pixels per CSS pixel: captions large enough to read back
ENOUGH = 500 * SCALE * SCALE  # pixels of a colour that make a drawn node


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _pixels(shot: Path) -> np.ndarray:
    return np.asarray(Image.open(shot).convert("RGB"))


def _count(pixels: np.ndarray, colour: str) -> int:
    return int(np.all(pixels == _rgb(colour), axis=-1).sum())


def _title(uid: str) -> str:
    return next(n["properties"]["title"] for n in graph_json()["nodes"] if n["id"] == uid)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """A screenshot of the trace page once it is drawn, the page's errors, and the text its canvas drew."""
    tmp = tmp_path_factory.mktemp("html")
    page_file = tmp / "trace.html"
    write_trace_html(trace(dict_to_graph(graph_json()), ROOT), page_file)
    shot = tmp / "trace.png"
    with open_page(tmp / "profile", scale=SCALE) as page:
        page.record_canvas_text()
        page.open(page_file.as_uri())
        start = _title(ROOT)[:5]
        page.wait_for(f"(window.__canvasText || []).join('').includes({start!r})", "the root's caption")
        deadline = time.monotonic() + 60
        while _count(_pixels(page.screenshot(shot)), ROOT_COLOUR) < ENOUGH and time.monotonic() < deadline:
            time.sleep(0.5)
        return shot, page.errors, page.canvas_text()


def test_page_is_self_contained(tmp_path: Path) -> None:
    page = tmp_path / "t.html"
    write_trace_html(trace(dict_to_graph(graph_json()), "doc:hp"), page)
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", html)
    assert "doc:sh" in html and "doc:gwy" in html


def test_page_loads_without_errors(rendered: tuple[Path, list[str], str]) -> None:
    _, errors, _ = rendered
    assert errors == []


def test_nodes_are_drawn_in_their_colours(rendered: tuple[Path, list[str], str]) -> None:
    shot, _, _ = rendered
    pixels = _pixels(shot)
    # doc:sh (root), doc:gwy (national), doc:hp (district), doc:nb (city), doc:sh-old (repealed: black)
    expected = [
        ROOT_COLOUR,
        LEVEL_COLOURS["national"],
        LEVEL_COLOURS["district"],
        LEVEL_COLOURS["city"],
        "#000000",
    ]
    assert {c: _count(pixels, c) >= ENOUGH for c in expected} == dict.fromkeys(expected, True)


def test_the_root_title_is_drawn_and_reads_back_in_chinese(rendered: tuple[Path, list[str], str]) -> None:
    shot, _, drawn = rendered
    title = _title(ROOT)
    assert title[:10] in re.sub(r"[.…]", "", drawn)  # the caption wraps in lines: 上海市人民 / 政府办公厅 / …
    pixels = _pixels(shot)
    ys, xs = np.nonzero(np.all(pixels == _rgb(ROOT_COLOUR), axis=-1))
    node = pixels[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    result = _engine()(np.ascontiguousarray(node))
    boxes = [] if result.boxes is None else [box.tolist() for box in result.boxes]
    read = re.sub(r"[\s.…]", "", "".join(ocr_lines(boxes, list(result.txts or ()))))
    assert len(read) >= 8 and SequenceMatcher(None, read, title[: len(read)]).ratio() >= 0.8, read
