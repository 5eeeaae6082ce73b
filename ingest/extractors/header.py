"""The header of one notice: title, subject title, doc number, type, date, recipients, issuers, validity.

Title words, draft marks, cover-notice patterns and validity phrases are ingest/data/genres.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.extractors.issuers import issuers_of
from ingest.lexicon.bodies import bodies
from ingest.lexicon.brackets import PARENTHESES
from ingest.lexicon.dates import CN_DATE, iso_date, small_number
from ingest.lexicon.docnumber import parse_doc_number
from ingest.lexicon.genres import genres
from ingest.model import DocumentText
from ingest.records import Header
from ingest.segment import HEADING_DATE, LIST_NUMBER

HEAD_LINES = 12
TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]$")
RECIPIENTS_END = re.compile(r"^(.{2,160}?)[：:]")
DOCUMENT_SCOPE = re.compile(
    r"(?:^|[）)】，,])(?:第[一二三四五六七八九十百零〇\d]+条)?(?:【[^】]{1,12}】)?"
    r"(?:本|以上|上述|此)[\u4e00-\u9fff]{1,12}?(?<!中)[自，,]"
)
SUBJECT_BEFORE = re.compile(r"(?:本|以上|此)[\u4e00-\u9fff]{1,10}$")
DURATION = re.compile(r"有效期(?:为)?([\d一二两三四五六七八九十]+)年")


def extract_header(doc: DocumentText) -> Header:
    """Read the header of a segmented notice (or of a single notice with no compilation heading)."""
    heading = _heading(doc)
    number_text = "".join(line.text for line in doc.lines[heading.number_from : heading.number_from + 3])
    number = parse_doc_number(number_text)
    body_start = heading.body_from
    if body_start is None:
        spanned = _lines_spanned(doc, heading.number_from, number.text) if number else 0
        body_start = heading.number_from + spanned
    title = heading.title
    header = Header(
        title=title,
        subject_title=subject_title(title),
        doc_number=number.text if number else None,
        doc_type=doc_type(title),
        issue_date=heading.date,
        draft=any(mark in title for mark in genres().draft_marks),
        title_page=heading.page,
    )
    header.recipients = recipients(doc, body_start)
    header.issuers = issuers_of(doc, title, heading.date, number)
    found = read_validity(doc.text)
    clauses = [
        (kind, date, evidence[0], doc.page_at(evidence[1]))
        for kind, date, evidence in (
            ("effective_from", found.effective, found.effective_evidence),
            ("valid_until", found.expiry, found.expiry_evidence),
        )
        if date and evidence
    ]
    return replace(
        header,
        effective_date=found.effective,
        expiry_date=found.expiry,
        validity_text=found.text,
        validity_clauses=clauses,
    )


@dataclass(frozen=True)
class Heading:
    """Where the title is and what follows it: the doc number's first line, the body's first line."""

    title: str
    date: str | None
    page: int
    number_from: int
    body_from: int | None = None


def _heading(doc: DocumentText) -> Heading:
    if doc.heading_line_count:
        lines = doc.lines[: doc.heading_line_count]
        text = "".join(line.text for line in lines)
        match = LIST_NUMBER.match(text)
        text = match.group(2) if match else text
        date_match = HEADING_DATE.search(text)
        title = text[: date_match.start()] if date_match else text
        date = iso_date(date_match.group(0)) if date_match else None
        return Heading(title, date, lines[0].page, doc.heading_line_count)
    return _unlisted_heading(doc)


def _unlisted_heading(doc: DocumentText) -> Heading:
    """A notice printed on its own: the title block before the doc number, or, under a red-head
    (XX人民政府文件 / number / title), the block between the number and the recipients."""
    head = doc.lines[:HEAD_LINES]
    stop = next(
        (i for i, line in enumerate(head) if "。" in line.text or line.text.endswith(("：", ":"))), len(head)
    )
    number_at = next((i for i in range(stop) if parse_doc_number(head[i].text)), None)
    before = [line.text for line in head[: number_at if number_at is not None else stop]]
    dates = [i for i, text in enumerate(before) if CN_DATE.fullmatch(text.strip("（）()"))]
    date = iso_date(before[dates[0]]) if dates else None
    before = before[: dates[0]] if dates else before
    title = "".join(before)
    body_from = None
    if number_at is not None:
        spanned = _lines_spanned(doc, number_at, parse_doc_number(head[number_at].text).text)
        between = "".join(line.text for line in head[number_at + spanned : stop])
        if between and (title.endswith("文件") or not doc_type(title)) and doc_type(between):
            title, body_from = between, stop
    title = title or doc.lines[0].text
    date_match = HEADING_DATE.search(title)
    if date_match:
        date, title = iso_date(date_match.group(0)), title[: date_match.start()]
    return Heading(
        title,
        date or _signature_date(doc),
        doc.lines[0].page,
        number_at if number_at is not None else len(before),
        body_from,
    )


def _signature_date(doc: DocumentText) -> str | None:
    for line in doc.lines:
        if CN_DATE.fullmatch(line.text):
            return iso_date(line.text)
    return None


def _lines_spanned(doc: DocumentText, start: int, printed: str) -> int:
    """How many lines from `start` the printed doc number takes."""
    seen = 0
    for k, line in enumerate(doc.lines[start : start + 3], start=1):
        seen += len(line.text)
        if seen >= len(printed) - 1:
            return k
    return 1


def subject_title(title: str) -> str | None:
    """X of 关于印发《X》的通知; without 《》, the words between 印发 and 的通知 (the genre's subject rules)."""
    for subject in genres().default.subjects:
        match = subject.pattern.search(title)
        if match:
            found = match.group(1)
            return (found.removeprefix(subject.drop_prefix).strip() if subject.drop_prefix else found) or None
    return None


def doc_type(title: str) -> str | None:
    """The title word (of any genre) that ends the title, after any trailing parenthetical (征求意见稿, 试行)."""
    core = title
    while TRAILING_PAREN.search(core):
        core = TRAILING_PAREN.sub("", core)
    if core.endswith("》") and "《" in core:
        core = core[core.rindex("《") + 1 : -1]
        while TRAILING_PAREN.search(core):
            core = TRAILING_PAREN.sub("", core)
    return next((word for word in genres().title_words if core.endswith(word)), None)


def recipients(doc: DocumentText, start: int) -> list[str]:
    """主送: the addressee line(s) ending with a colon right after the heading and doc number."""
    text = "".join(line.text for line in doc.lines[start : start + 3])
    match = RECIPIENTS_END.match(text)
    if not match or "。" in match.group(1):
        return []
    names = split_top_level(match.group(1))
    return names if names and _addressed(names[0], names[-1]) else []


def _addressed(first: str, last: str) -> bool:
    """An addressee list starts like a generic unit or a level (各区政府, 市有关部门) or ends like a body."""
    table = bodies()
    starts_like_one = bool(table.generic_start.match(first)) or first.startswith(table.level_prefixes)
    return starts_like_one or bool(table.addressee_ending.search(last))


def split_top_level(text: str, separators: str = "、，,；;") -> list[str]:
    """Split on separators outside parentheses: 各市、县（市、区）人民政府 → 各市 | 县（市、区）人民政府."""
    return [part for part, _ in PARENTHESES.split(text, separators) if part]


@dataclass(frozen=True)
class Validity:
    """The closing clauses: dates where printed or computable, the relative phrase otherwise, and evidence."""

    effective: str | None = None
    expiry: str | None = None
    text: str | None = None
    effective_evidence: tuple[str, int] | None = None
    expiry_evidence: tuple[str, int] | None = None


def read_validity(text: str) -> Validity:
    """effectiveDate (自…起施行), expiryDate (有效期至…, or 有效期N年 counted from an explicit start), validityText."""
    effective = expiry = None
    phrases: list[str] = []
    effective_evidence = expiry_evidence = None
    table = genres()
    start = _document_scoped(table.effective, text)
    if start:
        effective = iso_date(start.group(1))
        effective_evidence = (start.group(0), start.start()) if effective else None
        if effective is None and "之日" in start.group(1):
            phrases.append(start.group(0))
    end = _document_scoped(table.expiry, text)
    if end:
        expiry = iso_date(end.group(1))
        expiry_evidence = (end.group(0), end.start()) if expiry else None
    duration = _document_scoped(DURATION, text)
    if duration and not end:
        phrases.append(duration.group(0))
        years = small_number(duration.group(1))
        if effective and years and _same_sentence(text, start.start(), duration.start()):
            expiry = _add_years_minus_day(effective, years)
            expiry_evidence = (text[start.start() : duration.end()], start.start())
    return Validity(effective, expiry, "，".join(phrases) or None, effective_evidence, expiry_evidence)


def _document_scoped(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match in a sentence about the whole document (本通知…, 以上措施…, 现予公布，自…),
    not a measure's own period (上述措施中，其余措施执行期限至…)."""
    for match in pattern.finditer(text):
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。；;！") + 1
        sentence = text[sentence_start : match.start()]
        if (
            DOCUMENT_SCOPE.search(sentence)
            or SUBJECT_BEFORE.search(sentence)
            or genres().default.promulgates(sentence)
            or not sentence
        ):
            return match
    return None


def validity(text: str) -> tuple[str | None, str | None, str | None]:
    """(effectiveDate, expiryDate, validityText) from the closing clauses."""
    found = read_validity(text)
    return found.effective, found.expiry, found.text


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return "。" not in text[low:high]


def _add_years_minus_day(iso: str, years: int) -> str:
    from datetime import date, timedelta

    start = date.fromisoformat(iso)
    try:
        shifted = start.replace(year=start.year + years)
    except ValueError:
        shifted = start.replace(year=start.year + years, day=28)
    return (shifted - timedelta(days=1)).isoformat()
