"""Hostile text shapes (issue 16): the genre's own patterns pushed to a long run, each printed in a short
notice or regulation (its head, the payload, its signature), as a Source of a given size. The benchmark
bench/bench_adversarial.py and tests/unit/ingest/test_adversarial.py run them."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from itertools import count
from typing import Literal

from ingest.budget import OverBudget, StageWatch, within
from ingest.model import Page, Source
from ingest.pipeline import run_stages
from ingest.records import DocumentRecord
from ingest.segment import segment_pages

LINE_CHARS = 40  # a PDF line of the genre
PAGE_LINES = 40

NOTICE_HEAD = (
    "湖北省人民政府办公厅关于印发《湖北省优化营商环境若干措施》的通知",
    "鄂政办发〔2023〕12号",
    "各市、州、县人民政府，省政府各部门：",
    "现将《湖北省优化营商环境若干措施》印发给你们，请认真贯彻执行。",
    "湖北省优化营商环境若干措施",
    "一、重点任务",
    "1.推进改革。",
)
NOTICE_SIGNATURE = ("湖北省人民政府办公厅", "2023年3月1日")
REGULATION_HEAD = (
    "济宁市优化营商环境条例",
    "（2022年12月13日济宁市第十八届人民代表大会常务委员会第七次会议通过",
    "2023年1月10日山东省第十三届人民代表大会常务委员会第四十一次会议批准）",
    "第一章 总则",
    "第一条 为了持续优化营商环境，制定本条例。",
)
DIGITS = "零一二三四五六七八九"
Frame = Literal["notice", "regulation", "bare"]


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 107 → 一百零七, 2345 → 二千三百四十五 (the numerals items and articles print)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    for size, word in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十")):
        if n >= size:
            rest = n % size
            gap = "零" if rest and rest < size // 10 else ""
            return chinese_number(n // size) + word + gap + (chinese_number(rest) if rest else "")
    return ""


@dataclass(frozen=True)
class Payload:
    """`prefix`, then `unit` repeated to the size asked, then `suffix`. In `unit`, {n} is the repetition's
    number and {cn} the same in Chinese numerals; a newline in it ends a printed line. The text is printed
    on one line, wrapped at LINE_CHARS, or a line per unit (`lines`); in the body of a notice or regulation
    (after its first measure or article), under its title line (`title`) or above its signature's date
    (`signature`), or alone (`bare` frame)."""

    name: str
    unit: str
    layout: Literal["line", "wrapped", "lines"] = "line"
    place: Literal["body", "title", "signature"] = "body"
    prefix: str = ""
    suffix: str = ""
    frame: Frame = "notice"

    def text(self, size: int) -> str:
        """The payload's text: about `size` bytes of UTF-8 (to a whole unit)."""
        parts = [self.prefix]
        total = len(self.prefix.encode()) + len(self.suffix.encode())
        for n in count(1):
            if total >= size and n > 1:
                break
            part = self.unit.format(n=n, cn=chinese_number(n) if "{cn}" in self.unit else "")
            parts.append(part)
            total += len(part.encode())
        parts.append(self.suffix)
        return "".join(parts)

    def lines(self, size: int) -> list[str]:
        text = self.text(size)
        if self.layout == "lines":
            return [line for line in text.split("\n") if line]
        text = text.replace("\n", "")
        if self.layout == "line":
            return [text]
        return [text[i : i + LINE_CHARS] for i in range(0, len(text), LINE_CHARS)]

    def notice_lines(self, size: int) -> list[str]:
        body = self.lines(size)
        if self.frame == "bare":
            return body
        head, signature = (
            (REGULATION_HEAD, ()) if self.frame == "regulation" else (NOTICE_HEAD, NOTICE_SIGNATURE)
        )
        if self.place == "title":
            return [head[0], *body, *head[1:], *signature]
        if self.place == "signature":
            return [*head, *signature[:-1], *body, *signature[-1:]]
        return [*head, *body, *signature]

    def source(self, size: int) -> Source:
        """A text source holding the document, cut into pages of PAGE_LINES lines."""
        return lines_source(self.notice_lines(size), f"{self.name}-{size}.txt")


def lines_source(lines: list[str], file: str) -> Source:
    pages = tuple(
        Page(n + 1, tuple(lines[i : i + PAGE_LINES])) for n, i in enumerate(range(0, len(lines), PAGE_LINES))
    )
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return Source(file=file, sha256=digest, pages=pages)


COMPILATION_ENTRY = (
    "{n}. 上海市人民政府办公厅关于印发《上海市第{n}号措施》的通知（2023年6月13日）\n"
    "沪府办规〔2023〕{n}号\n各区人民政府：\n现将《上海市第{n}号措施》印发给你们。\n"
    "上海市人民政府办公厅\n2023年6月13日\n上海市第{n}号措施\n一、推进改革，市商务委负责。\n"
)

PAYLOADS: tuple[Payload, ...] = (
    # The shapes issue 16 probed.
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
    # More of the genre's shapes, each pushed to a long run.
    Payload("items", "{n}.推进改革，市商务委负责。\n", "lines"),
    Payload("sub-items", "（{cn}）推进改革（市商务委、市财政局按职责分工负责）。\n", "lines"),
    Payload("articles", "第{cn}条 市商务主管部门应当加强监督管理。\n", "lines", frame="regulation"),
    Payload("chapters", "第{cn}章 总则\n第{cn}条 本条例适用于本市。\n", "lines", frame="regulation"),
    Payload(
        "history-lines",
        "（2023年1月1日上海市人民代表大会常务委员会通过\n",
        "lines",
        "title",
        frame="regulation",
    ),
    Payload("history-parens", "（", "wrapped", "title", frame="regulation"),
    Payload("compilation", COMPILATION_ENTRY, "lines", frame="bare"),
    Payload(
        "undated-headings",
        "2. 上海市优化营商环境方案\n",
        "lines",
        prefix=COMPILATION_ENTRY.format(n=1),
        suffix="（二）江苏\n" + COMPILATION_ENTRY.format(n=3),
        frame="bare",
    ),
    Payload("dates", "2023年6月13日"),
    Payload("deadline-phrases", "2023年底前完成"),
    Payload("effective", "自2023年1月1日起施行"),
    Payload("expiry", "有效期至2025年12月31日"),
    Payload("cited-numbers", "《上海市第{n}号办法》（沪府办规〔2023〕{n}号）", "wrapped"),
    Payload("repealed-titles", "《上海市第{n}号办法》、", "wrapped", suffix="同时废止。"),
    Payload("repeal-cues", "《上海市第{n}号办法》中第三条同时废止，", "wrapped"),
    Payload("long-title-marks", "优化营商环境", "wrapped", prefix="《", suffix="》"),
    Payload("role-phrases", "（市商务委牵头，市财政局配合）"),
    Payload("by-lead", "由市商务委牵头"),
    Payload("signature-bodies", "上海市商务委员会上海海关\n", "lines", "signature"),
    Payload("title-regions", "上海市浦东新区江苏省南京市", "wrapped", "title"),
    Payload("title-regions-line", "上海市浦东新区江苏省南京市商务局", "line", "title"),
    Payload("issuer-title-line", "上海市商务局", "line", frame="bare", suffix="关于优化营商环境的通知"),
    Payload("bodies-run", "市商务局区财政局"),
    Payload("branch-title-line", "上海市公安局奉贤分局", "line", "title"),
    Payload("branch-signature", "上海市公安局奉贤分局\n", "lines", "signature"),
    Payload("branch-issuer-title", "上海市公安局奉贤分局", frame="bare", suffix="关于优化营商环境的通知"),
    Payload("branch-plain-title", "公安局奉贤分局", frame="bare", suffix="关于优化营商环境的通知"),
    Payload("plain-text", "推进改革"),
    Payload("enumeration-commas", "、"),
    Payload("sentence-marks", "。"),
    Payload("attachment-lines", "附件：{n}.第{n}号清单\n", "lines"),
    Payload("labels-after-marks", "；牵头单位：市商务委"),
    Payload("attached-titles", "附件：{n}.《上海市第{n}号清单》\n", "lines"),
    Payload(
        "cited-attachments", "《上海市第{n}号清单》", prefix="附件：1.《上海市第1号清单》\n", layout="lines"
    ),
    Payload("prints-title-line", "印发《", "line", "title"),
    Payload("prints-in-own-title", "印发《", frame="bare", prefix="关于", suffix="的通知"),
    Payload("prints-in-own-title-closed", "印发《优化》", frame="bare", prefix="关于", suffix="的通知"),
    Payload("prints-in-heading", "印发《", frame="bare", prefix="1. 关于", suffix="的通知（2023年6月13日）"),
    Payload("about-title-line", "关于优化营商环境", "line", "title"),
    Payload("trailing-parens-title", "（试行）", "line", "title"),
    Payload("trailing-parens-heading", "（试行）", "line", "title", prefix="的通知", frame="bare"),
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


def extract_unbudgeted(source: Source, watch: StageWatch | None = None) -> list[DocumentRecord]:
    """The records of every segment of the source, through the pipeline's segmentation and stage runner
    but without its per-document budget (a slow extraction is timed, not cut off); a `timed` watch gets
    the CPU seconds of each stage (segmentation as `segment`)."""
    watch = watch or StageWatch()
    watch.start("segment")
    docs = segment_pages(source.pages, source.file, source.metadata)
    records = [run_stages(DocumentRecord(text=doc), watch=watch) for doc in docs]
    watch.start("")
    return records


BLOCK_SECONDS = 0.05  # CPU seconds a timed block runs for at least


@dataclass(frozen=True)
class Timing:
    """CPU seconds one extraction took, in all and by stage (a block's average)."""

    seconds: float
    stages: dict[str, float]


def time_extraction(source: Source, limit: float | None = None) -> Timing | None:
    """Extract the source again and again until BLOCK_SECONDS of CPU have passed (a virtual machine's CPU
    clock can be coarser than one short run) and return the average run; None when a run takes longer
    than `limit` seconds (it is cut off there)."""
    watch = StageWatch(timed=True)
    runs, start = 0, time.process_time()
    while not runs or time.process_time() - start < BLOCK_SECONDS:
        try:
            if limit is None:
                extract_unbudgeted(source, watch)
            else:
                with within(limit, watch):
                    extract_unbudgeted(source, watch)
        except OverBudget:
            return None
        runs += 1
    seconds = (time.process_time() - start) / runs
    return Timing(seconds, {stage: spent / runs for stage, spent in watch.spent.items()})
