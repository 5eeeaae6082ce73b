"""Split a source's pages into notices: each compilation heading (list number, title, date) starts one.

A compilation prints each notice under a numbered heading that ends with the issue date in
parentheses: ``3. 上海市人民政府办公厅关于…的通知（2023 年5 月23 日）``. The heading may be broken over
several lines and across a page break, with the list number alone on its line. Numbered measures
(``1.进一步压缩…``) never close with a parenthesised date, so they are not taken for headings.
A source with no such heading is a single notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon.dates import DATE_TEXT
from ingest.lexicon.regions import region_index
from ingest.model import DocumentText, Line, Page, squeeze

LIST_NUMBER = re.compile(r"^(\d{1,3})\s*[.．、]\s*(.*)$")
HEADING_DATE = re.compile(rf"[（(]{DATE_TEXT}[）)]$")
REGION_GROUP = re.compile(r"^(?:华东|华北|华中|华南|西南|西北|东北|东部|中部|西部)(?:地区)?$")
SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(\S{1,8})$")
MAX_HEADING_LINES = 10
MAX_HEADING_CHARS = 220


@dataclass(frozen=True)
class Heading:
    """Where a notice starts: the index of its first line, how many lines the heading takes, its list number."""

    start: int
    line_count: int
    list_number: str


def flatten(pages: tuple[Page, ...] | list[Page]) -> list[Line]:
    """All non-empty lines of the pages, whitespace removed, each with its page number."""
    return [Line(page.number, text) for page in pages for raw in page.lines if (text := squeeze(raw))]


def find_headings(lines: list[Line]) -> list[Heading]:
    """Every compilation heading: a list-numbered line whose continuation closes with a date in parentheses."""
    headings = []
    i = 0
    while i < len(lines):
        heading = _heading_at(lines, i)
        if heading:
            headings.append(heading)
            i += heading.line_count
        else:
            i += 1
    return headings


def _heading_at(lines: list[Line], i: int) -> Heading | None:
    match = LIST_NUMBER.match(lines[i].text)
    if not match:
        return None
    text = match.group(2)
    for count in range(1, MAX_HEADING_LINES + 1):
        if HEADING_DATE.search(text):
            return Heading(i, count, match.group(1)) if _looks_like_title(text) else None
        nxt = i + count
        if nxt >= len(lines) or len(text) > MAX_HEADING_CHARS or LIST_NUMBER.match(lines[nxt].text):
            return None
        text += lines[nxt].text
    return None


def _looks_like_title(text: str) -> bool:
    """A heading names a notice: it has Chinese text before the date, not just a number or a date."""
    body = HEADING_DATE.sub("", text)
    return len(body) >= 6 and "。" not in body and not body.endswith(("；", "，"))


def is_section_heading(text: str) -> bool:
    """A compilation's own section heading: a region group (三、华东) or a province (（二）江苏)."""
    match = SECTION.match(text)
    if not match:
        return False
    name = match.group(1)
    index = region_index()
    return bool(REGION_GROUP.match(name)) or name in index.provinces_by_short or name in index.by_name


def segment_pages(pages: tuple[Page, ...] | list[Page], source: str = "") -> list[DocumentText]:
    """Cut the pages into notices, in order; a source without compilation headings is one notice."""
    lines = flatten(pages)
    if not lines:
        return []
    headings = find_headings(lines)
    if not headings:
        return [DocumentText(source=source, index=0, lines=lines)]
    documents = []
    section = _last_section(lines[: headings[0].start])
    for n, heading in enumerate(headings):
        end = headings[n + 1].start if n + 1 < len(headings) else len(lines)
        body = lines[heading.start : end]
        trailing = _trailing_sections(body)
        documents.append(
            DocumentText(
                source=source,
                index=n,
                lines=body[: len(body) - len(trailing)],
                section=section,
                list_number=heading.list_number,
                heading_line_count=heading.line_count,
            )
        )
        if trailing:
            section = _section_name(trailing[-1].text)
    return documents


def _trailing_sections(body: list[Line]) -> list[Line]:
    """Section headings at the end of a notice's lines belong to the compilation, not the notice."""
    k = len(body)
    while k > 1 and is_section_heading(body[k - 1].text):
        k -= 1
    return body[k:]


def _last_section(lines: list[Line]) -> str | None:
    names = [_section_name(line.text) for line in lines if is_section_heading(line.text)]
    return names[-1] if names else None


def _section_name(text: str) -> str:
    match = SECTION.match(text)
    return match.group(1) if match else text
