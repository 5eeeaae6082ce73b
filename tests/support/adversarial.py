"""Hostile text shapes (issue 16): the genre's own patterns pushed to a long run, each wrapped in a short
notice (its header, the payload, its signature), as a Source of a given size. The benchmark
bench/bench_adversarial.py and tests/unit/ingest/test_adversarial.py run them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from ingest.model import Page, Source

LINE_CHARS = 40  # a PDF line of the genre
PAGE_LINES = 40

HEAD = (
    "湖北省人民政府办公厅关于印发《湖北省优化营商环境若干措施》的通知",
    "鄂政办发〔2023〕12号",
    "各市、州、县人民政府，省政府各部门：",
    "现将《湖北省优化营商环境若干措施》印发给你们，请认真贯彻执行。",
    "湖北省优化营商环境若干措施",
    "一、重点任务",
    "1.推进改革。",
)
SIGNATURE = ("湖北省人民政府办公厅", "2023年3月1日")


@dataclass(frozen=True)
class Payload:
    """`prefix`, then `unit` repeated to the size asked, printed on one line or wrapped at LINE_CHARS, in the body (after
    the first measure's heading) or in the title block (under the title line)."""

    name: str
    unit: str
    layout: Literal["line", "wrapped"] = "line"
    place: Literal["body", "title"] = "body"
    prefix: str = ""

    def lines(self, size: int) -> list[str]:
        """The payload's lines, `size` bytes of UTF-8 in all (to a whole unit)."""
        count = max(1, (size - len(self.prefix.encode())) // len(self.unit.encode()))
        text = self.prefix + self.unit * count
        if self.layout == "line":
            return [text]
        return [text[i : i + LINE_CHARS] for i in range(0, len(text), LINE_CHARS)]

    def notice_lines(self, size: int) -> list[str]:
        body = self.lines(size)
        if self.place == "title":
            return [HEAD[0], *body, *HEAD[1:], *SIGNATURE]
        return [*HEAD, *body, *SIGNATURE]

    def source(self, size: int) -> Source:
        """A text source holding the notice, cut into pages of PAGE_LINES lines."""
        return lines_source(self.notice_lines(size), f"{self.name}-{size}.txt")


def lines_source(lines: list[str], file: str) -> Source:
    pages = tuple(
        Page(n + 1, tuple(lines[i : i + PAGE_LINES])) for n, i in enumerate(range(0, len(lines), PAGE_LINES))
    )
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return Source(file=file, sha256=digest, pages=pages)


PAYLOADS: tuple[Payload, ...] = (
    Payload("digits", "1234567890", "wrapped"),
    Payload("lead-then", "牵头单位：市商务委，其中"),
    Payload("days", "3天"),
    Payload("item-marks-title", "（一）", "wrapped", "title"),
    Payload("item-marks", "（一）", "wrapped"),
    Payload("prints", "印发《"),
    Payload("prints-title", "印发《", "wrapped", "title"),
    Payload("validity", "x有效期3年"),
    Payload("unit-list", "市商务委、", prefix="牵头单位："),
    Payload("open-parens", "（", "wrapped"),
    Payload("open-year-brackets", "〔", "wrapped"),
)


def sample_source(size: int) -> Source:
    """The bundled sample's first `size` bytes of text lines (whole lines, page markers dropped): the
    genre's ordinary shape, the baseline the hostile shapes are compared with."""
    from tests.support.paths import SAMPLE

    lines: list[str] = []
    total = 0
    for raw in SAMPLE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("# Page"):
            continue
        lines.append(raw)
        total += len(raw.encode())
        if total >= size:
            break
    return lines_source(lines, f"sample-{size}.txt")
