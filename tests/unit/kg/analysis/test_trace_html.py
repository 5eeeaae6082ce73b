"""The `kg trace --html` page opens in headless Chromium without errors and draws the trace's nodes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from kg.analysis.trace import trace
from kg.analysis.trace_html import LEVEL_COLOURS, ROOT_COLOUR, write_trace_html
from kg.graphjson import dict_to_graph
from tests.support.trace_graph import graph_json

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _colour_counts(shot: Path) -> dict[tuple[int, int, int], int]:
    counts: dict[tuple[int, int, int], int] = {}
    for colour in Image.open(shot).convert("RGB").get_flattened_data():
        counts[colour] = counts.get(colour, 0) + 1
    return counts


def _shoot(chromium: str, page: Path, shot: Path, profile: Path) -> str:
    run = subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--log-level=0",
            "--window-size=1200,900",
            "--virtual-time-budget=30000",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stderr


@pytest.fixture(scope="module")
def screenshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[tuple[int, int, int], int], str]:
    """Pixel colour counts of a screenshot of the trace page, and Chromium's log.

    Headless Chromium sometimes takes the picture before the canvas is first painted (virtual time runs
    ahead of the renderer), so a blank shot is retaken, up to three times, each in a fresh profile.
    """
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: run scripts/setup.sh (scripts/install_system_packages.sh)"
    tmp = tmp_path_factory.mktemp("html")
    page = tmp / "trace.html"
    write_trace_html(trace(dict_to_graph(graph_json()), "doc:sh"), page)
    logs = []
    for attempt in range(3):
        shot = tmp / f"shot{attempt}.png"
        logs.append(_shoot(chromium, page, shot, tmp / f"profile{attempt}"))
        counts = _colour_counts(shot)
        if counts.get(_rgb(ROOT_COLOUR)):
            break
    return counts, "\n".join(logs)


def test_page_is_self_contained(tmp_path: Path) -> None:
    page = tmp_path / "t.html"
    write_trace_html(trace(dict_to_graph(graph_json()), "doc:hp"), page)
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", html)
    assert "doc:sh" in html and "doc:gwy" in html


def test_page_loads_without_console_errors(screenshot: tuple[dict[tuple[int, int, int], int], str]) -> None:
    _, log = screenshot
    console = [line for line in log.splitlines() if ":CONSOLE" in line]
    assert not [line for line in console if re.search(r"Uncaught|Error|Failed to load", line)], console


def test_nodes_are_drawn_in_their_colours(screenshot: tuple[dict[tuple[int, int, int], int], str]) -> None:
    pixels, _ = screenshot
    # doc:sh (root), doc:gwy (national), doc:hp (district), doc:nb (city), doc:sh-old (repealed: black)
    expected = [
        ROOT_COLOUR,
        LEVEL_COLOURS["national"],
        LEVEL_COLOURS["district"],
        LEVEL_COLOURS["city"],
        "#000000",
    ]
    for colour in expected:
        assert pixels.get(_rgb(colour), 0) >= 500, (colour, sorted(pixels.items(), key=lambda kv: -kv[1])[:8])
