"""The articles of a regulation: 第X条 under 第X章 (and 第X节), each article one measure.

Chapters and sections are structure: an article's path names them (第二章/12, 第三章/第一节/22) and its
`chapter` field holds its chapter's title, but they are not measures and their titles are not text of
the article before them. A chapter's title is printed on its line (第一章 总则) or on the lines after it
(第一章 / 总 / 则). A table of contents (目录 and the chapter titles) comes before the first article: the
body's first chapter is the last one printed before 第一条, and chapters before it are the contents.

An article line is accepted where it continues the numbering (第一条 first, then the next number; an
inserted 第十条之一 after 第十条) and starts a paragraph (the line before ends a sentence or is
structure), so a wrapped line that starts with 第十二条规定的… is text. Articles of a 总则 chapter are
marked general, of a 附则 chapter supplementary (ingest/data/regulations.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extractors.measures import cn_number, heading_of
from ingest.extractors.regulation import regulation_genre
from ingest.lexicon.regulations import regulations
from ingest.model import DocumentText
from ingest.records import MeasureRecord

PARAGRAPH_END = tuple("。；;：:！？”）)")
MAX_CHAPTER_TITLE = 24
CHAPTER_TITLE_LINES = 4
BRACKET_HEADING = re.compile(r"^【([^】]{1,20})】")


@dataclass
class _Division:
    """A chapter or section: its number's value, its path label and its title."""

    value: int
    label: str
    title: str


@dataclass(frozen=True)
class _Mark:
    """A numbered line: its style (chapter, section, article), number, value, inserted part and length."""

    style: str
    number: str
    value: int
    inserted: int
    length: int


def _mark(line: str) -> _Mark | None:
    """The chapter, section or article number a line starts with (the regulation genre's numbering)."""
    for numbering in regulation_genre().numbering:
        match = numbering.pattern.match(line)
        if match:
            inserted = match.group(2) if numbering.pattern.groups > 1 else None
            return _Mark(
                numbering.style,
                match.group(1),
                cn_number(match.group(1)),
                cn_number(inserted) if inserted else 0,
                match.end(),
            )
    return None


def has_articles(doc: DocumentText, start_line: int = 0) -> bool:
    """True when the text from line `start_line` numbers at least two articles from 第一条."""
    return len(_article_lines(doc, start_line)) >= 2


def _article_lines(doc: DocumentText, start_line: int) -> list[tuple[int, _Mark]]:
    """(line index, mark) of every accepted article line."""
    found: list[tuple[int, _Mark]] = []
    lines = doc.lines
    for k in range(start_line, len(lines)):
        mark = _mark(lines[k].text)
        if mark is None or mark.style != "article":
            continue
        previous = found[-1][1] if found else None
        if not _continues(previous, mark):
            continue
        if previous is not None and not _starts_paragraph(doc, k):
            continue
        found.append((k, mark))
    return found


def _continues(previous: _Mark | None, mark: _Mark) -> bool:
    if previous is None:
        return mark.value == 1 and not mark.inserted
    if mark.inserted:
        return mark.value == previous.value and mark.inserted == previous.inserted + 1
    return mark.value == previous.value + 1


def _starts_paragraph(doc: DocumentText, k: int) -> bool:
    """The line before ends a sentence, or is a chapter's or section's line or title (short, no 。)."""
    before = doc.lines[k - 1].text
    if before.endswith(PARAGRAPH_END):
        return True
    mark = _mark(before)
    if mark is not None and mark.style != "article":
        return True
    return len(before) <= MAX_CHAPTER_TITLE and "，" not in before and "。" not in before


def extract_articles(doc: DocumentText, start_line: int = 0) -> list[MeasureRecord]:
    """Every article from line `start_line` on, in printed order, with its chapter (and section)."""
    articles = _article_lines(doc, start_line)
    if not articles:
        return []
    first = articles[0][0]
    starts = {k: mark for k, mark in articles}
    lines = doc.lines
    body_from = _first_division(doc, start_line, first)
    chapter: _Division | None = None
    section: _Division | None = None
    records: list[MeasureRecord] = []
    k = body_from
    open_article: tuple[int, _Mark] | None = None
    while k <= len(lines):
        at_end = k == len(lines) or regulation_genre().ends_body(lines[k].text)
        mark = None if at_end else (starts.get(k) or _division_mark(lines[k].text, chapter, section))
        if open_article is not None and (at_end or mark is not None):
            records.append(_article(doc, open_article, k, chapter, section))
            open_article = None
        if at_end:
            break
        if mark is None:
            k += 1
            continue
        if mark.style == "article":
            open_article = (k, mark)
            k += 1
            continue
        title, k = _division_title(doc, k, mark)
        division = _Division(mark.value, f"第{mark.number}{'章' if mark.style == 'chapter' else '节'}", title)
        if mark.style == "chapter":
            chapter, section = division, None
        else:
            section = division
    return records


def _first_division(doc: DocumentText, start_line: int, first_article: int) -> int:
    """The line the body starts on: 第一章 when it is printed right before the first article (its title
    and a first section between them), else the first article. A table of contents before it is skipped."""
    for k in range(first_article - 1, start_line - 1, -1):
        line = doc.lines[k].text
        mark = _mark(line)
        if mark is None and ("。" in line or len(line) > MAX_CHAPTER_TITLE):
            break
        if mark is not None and mark.style == "chapter":
            return k if mark.value == 1 else first_article
    return first_article


def _division_mark(line: str, chapter: _Division | None, section: _Division | None) -> _Mark | None:
    """A chapter or section line whose number is past the last one's (a source may skip one: 第三章 then
    第五章); a new chapter restarts the sections at 第一节."""
    mark = _mark(line)
    if mark is None or mark.style == "article":
        return None
    last = chapter if mark.style == "chapter" else section
    if last is None:
        return mark if mark.style == "chapter" or mark.value == 1 else None
    return mark if mark.value > last.value else None


def _division_title(doc: DocumentText, k: int, mark: _Mark) -> tuple[str, int]:
    """The title of the chapter or section on line k, printed after its number and on the short lines
    that follow (第一章 / 总 / 则, 第五章附 / 则), and the line after the title."""
    title, j = doc.lines[k].text[mark.length :], k + 1
    while j < len(doc.lines) and j <= k + CHAPTER_TITLE_LINES:
        line = doc.lines[j].text
        if _mark(line) or re.search(r"[。，,；;：:]", line) or len(title + line) > MAX_CHAPTER_TITLE:
            break
        title += line
        j += 1
    return title, j


def _article(
    doc: DocumentText,
    opened: tuple[int, _Mark],
    end_line: int,
    chapter: _Division | None,
    section: _Division | None,
) -> MeasureRecord:
    k, mark = opened
    start = doc.line_offsets[k]
    end = doc.line_offsets[end_line] if end_line < len(doc.lines) else len(doc.text)
    content = start + mark.length
    bracket = BRACKET_HEADING.match(doc.text[content:end])
    heading = bracket.group(1) if bracket else heading_of(doc, content, end, 0)
    if bracket:
        content += bracket.end()
    number = f"{mark.value}之{mark.inserted}" if mark.inserted else str(mark.value)
    path = "/".join([*(d.label for d in (chapter, section) if d), number])
    return MeasureRecord(
        number=number,
        path=path,
        no=number,
        heading=heading,
        text=doc.text[start:end],
        page_start=doc.page_at(start),
        page_end=doc.page_at(max(start, end - 1)),
        char_start=start,
        char_end=end,
        parent_path=None,
        leaf=True,
        content_start=content,
        chapter=chapter.title if chapter else None,
        provisions=regulations().provisions(chapter.title) if chapter else None,
    )
