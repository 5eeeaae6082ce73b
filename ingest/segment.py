"""Split a source's pages into notices: each compilation heading (list number, title, date) starts one.

A compilation prints each notice under a numbered heading that ends with the issue date in
parentheses: ``3. 上海市人民政府办公厅关于…的通知（2023 年5 月23 日）``. The heading may be broken over
several lines and across a page break, with the list number alone on its line. Numbered measures
(``1.进一步压缩…``) never close with a parenthesised date, so they are not taken for headings.
A heading printed without its date is still one when the compilation has dated headings, its number
continues their numbering (the next in its section), its title ends with a genre's title word, and a doc
number or the addressee line follows it (or, for a title that names its place, the next dated heading
carries the next number and no 附件 list holds it). A source with no heading is a single notice, and the
file's metadata (a web page's table) is that notice's. The title block of a notice printed on its own is
read by the same rules (`title_lines`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ingest.lexicon.brackets import PARENTHESES, TITLE_MARKS
from ingest.lexicon.dates import CN_DATE, DATE_TEXT
from ingest.lexicon.docnumber import parse_doc_number
from ingest.lexicon.genres import genres
from ingest.lexicon.regions import region_index
from ingest.model import DocumentText, Line, MetadataField, Page, squeeze

LIST_NUMBER = re.compile(r"^(\d{1,3})\s*[.．、]\s*(.*)$")
HEADING_DATE = re.compile(rf"[（(]{DATE_TEXT}[）)]$")
REGION_GROUP = re.compile(r"^(?:华东|华北|华中|华南|西南|西北|东北|东部|中部|西部)(?:地区)?$")
SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(\S{1,8})$")
ADDRESSEE_LINE = re.compile(r"^[^。；]{2,}[：:]$")
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])")
TITLE_BREAKS = re.compile(r"[，；。！？]")
TITLE_CONTINUES = ("的", "之", "》", "〉", "（", "(")
MAX_TITLE_LINES = 6
ATTACHMENT_LIST_LINES = 20  # lines an attachment list runs to
WRAPPED_END = 12  # characters of a list item's end wrapped onto a line of its own
MAX_HEADING_LINES = 10
MAX_HEADING_CHARS = 220
MAX_TITLE_CHARS = 200  # a title longer than this is not one (the genre's run to some 60 characters)


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
    """Every compilation heading: a list-numbered line whose continuation closes with a date in parentheses,
    and, in a compilation that has those, a heading printed without its date (see the module's doc)."""
    dated = _dated_headings(lines)
    if not dated:
        return []
    starts = {heading.start: heading for heading in dated}
    sections = [k for k, line in enumerate(lines) if is_section_heading(line.text)]
    outline = _Outline(dated, [heading.start for heading in dated], sections)
    headings: list[Heading] = []
    expected = "1"
    i = 0
    while i < len(lines):
        heading = starts.get(i) or _undated_heading_at(lines, i, expected, outline)
        if heading is None:
            if outline.is_section(i):
                expected = "1"
            i += 1
            continue
        headings.append(heading)
        expected = str(int(heading.list_number) + 1)
        i += heading.line_count
    return headings


def _dated_headings(lines: list[Line]) -> list[Heading]:
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


@dataclass(frozen=True)
class _Outline:
    """Where a compilation's dated headings (and the lines they start on) and section headings are, for
    lookups by line index."""

    dated: list[Heading]
    starts: list[int]
    sections: list[int]

    def is_section(self, i: int) -> bool:
        k = bisect.bisect_left(self.sections, i)
        return k < len(self.sections) and self.sections[k] == i

    def next_dated(self, i: int) -> Heading | None:
        """The first dated heading that starts after line i."""
        k = bisect.bisect_right(self.starts, i)
        return self.dated[k] if k < len(self.dated) else None

    def section_between(self, low: int, high: int) -> bool:
        """A section heading on a line from `low` up to (not including) `high`."""
        k = bisect.bisect_left(self.sections, low)
        return k < len(self.sections) and self.sections[k] < high


def _undated_heading_at(lines: list[Line], i: int, expected: str, outline: _Outline) -> Heading | None:
    """A heading without its date: list number `expected` and a title that ends with a title word, then a
    doc number or the addressee line, or else the next dated heading numbered next in the same section."""
    match = LIST_NUMBER.match(lines[i].text)
    if not match or match.group(1) != expected:
        return None
    first = [Line(lines[i].page, match.group(2))] if match.group(2) else []
    after = i + 1
    candidates = [*first, *lines[after : after + MAX_TITLE_LINES]]
    count = title_lines(candidates)
    title = "".join(line.text for line in candidates[:count])
    if not count or not _looks_like_title(title):
        return None
    line_count = count + (0 if first else 1)
    follow = lines[i + line_count].text if i + line_count < len(lines) else ""
    if _opens_a_notice(follow):
        return Heading(i, line_count, expected)
    if _names_its_place(title) and not _in_attachment_list(lines, i) and _numbered_next(i, expected, outline):
        return Heading(i, line_count, expected)
    return None


def _names_its_place(title: str) -> bool:
    """A notice's title starts with its place (宜昌市…方案) or names its issuer before 关于."""
    index = region_index()
    found = index.names_in(title[:12])
    return (
        "关于" in title
        or bool(found and found[0][0] == 0)
        or title.startswith(tuple(index.provinces_by_short))
    )


def _in_attachment_list(lines: list[Line], i: int) -> bool:
    """Line i is an item of the list under 附件： (the lines above it are items or their wrapped ends)."""
    for line in reversed(lines[max(0, i - ATTACHMENT_LIST_LINES) : i]):
        if line.text.startswith("附件"):
            return True
        if "。" in line.text or not (LIST_NUMBER.match(line.text) or len(line.text) <= WRAPPED_END):
            return False
    return False


def _numbered_next(i: int, expected: str, outline: _Outline) -> bool:
    """The next dated heading after line i carries the next list number, with no section heading between."""
    nxt = outline.next_dated(i)
    if nxt is None or nxt.list_number != str(int(expected) + 1):
        return False
    return not outline.section_between(i + 1, nxt.start)


def _opens_a_notice(text: str) -> bool:
    """The line under a notice's title: its doc number, or the addressee line (各区人民政府：)."""
    return parse_doc_number(text) is not None or bool(ADDRESSEE_LINE.match(text))


def _looks_like_title(text: str) -> bool:
    """A heading names a notice: it has Chinese text before the date, not just a number or a date, and
    no more than MAX_TITLE_CHARS of it."""
    body = HEADING_DATE.sub("", text)
    return 6 <= len(body) <= MAX_TITLE_CHARS and "。" not in body and not body.endswith(("；", "，"))


def title_word(title: str) -> str | None:
    """The title word (of any genre) that ends the title, after any trailing parenthetical (征求意见稿, 试行)
    and, for a title ending in the document it prints (印发《X》), inside the 《》."""
    core = without_trailing_parens(title)
    if core.endswith("》") and "《" in core:
        core = without_trailing_parens(core[core.rindex("《") + 1 : -1])
    return next((word for word in genres().title_words if core.endswith(word)), None)


def without_trailing_parens(text: str) -> str:
    """`text` less the parentheticals it ends with, one after another (…方案（2023—2025年）（试行）), each
    holding no bracket; read back from the end once."""
    end = len(text)
    while end and text[end - 1] in "）)":
        k = end - 2
        while k >= 0 and text[k] not in "（(）)":
            k -= 1
        if k < 0 or text[k] in "）)":
            break
        end = k
    return text[:end]


def title_lines(lines: list[Line]) -> int:
    """How many of `lines` the title takes: the lines up to the one that ends it with a title word, and the
    next ones while they continue it (…三年行动方案 / （2023—2025年）的通知); 0 when no line ends one.
    A line that repeats the title, holds a date or reads like a sentence is not title."""
    text, found = "", 0
    for k, line in enumerate(lines[:MAX_TITLE_LINES]):
        piece = line.text
        if piece == text or not title_like(piece):
            break
        if k and found == k and not (piece.startswith(TITLE_CONTINUES) or unclosed(text)):
            break
        text += piece
        if title_word(text) and not unclosed(text):
            found = k + 1
    return found


def title_like(text: str) -> bool:
    """A line that can be part of a title: no sentence punctuation, no date, number or item mark."""
    return not (
        TITLE_BREAKS.search(text)
        or text.endswith(("：", ":"))
        or CN_DATE.search(text)
        or parse_doc_number(text)
        or NUMBERED.match(text)
    )


def unclosed(text: str) -> bool:
    """A （ or 《 the text opens and does not close (a title or name wrapped at the line's end)."""
    return PARENTHESES.depth(text, len(text)) > 0 or TITLE_MARKS.depth(text, len(text)) > 0


def is_section_heading(text: str) -> bool:
    """A compilation's own section heading: a region group (三、华东) or a province (（二）江苏)."""
    match = SECTION.match(text)
    if not match:
        return False
    name = match.group(1)
    index = region_index()
    return bool(REGION_GROUP.match(name)) or name in index.provinces_by_short or name in index.by_name


def _on(lines: list[Line], pages: set[int]) -> tuple[int, ...]:
    """Which of `pages` the lines are printed on, in order."""
    return tuple(sorted({line.page for line in lines} & pages))


def segment_pages(
    pages: tuple[Page, ...] | list[Page], source: str = "", metadata: tuple[MetadataField, ...] = ()
) -> list[DocumentText]:
    """Cut the pages into notices, in order; a source without compilation headings is one notice, which
    carries the source's `metadata`."""
    lines = flatten(pages)
    if not lines:
        return []
    scanned = {page.number for page in pages if page.ocr}
    headings = find_headings(lines)
    if not headings:
        return [
            DocumentText(
                source=source, index=0, lines=lines, metadata=metadata, ocr_pages=_on(lines, scanned)
            )
        ]
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
                ocr_pages=_on(body, scanned),
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
