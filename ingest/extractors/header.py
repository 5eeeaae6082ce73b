"""The header of one notice: title, subject title, doc number, type, date, recipients, issuers, validity.

A compilation entry's title and date are its heading. A notice on its own is read as printed: a portal's
title line, a PDF's title broken over lines, or a red head (…文件 / number / title), then the doc number;
its date is the one under the title, the 成文日期 (the file's metadata, or the line a PDF of a portal
page prints), else the signature's. The file's metadata also gives the doc number, the issuer and a
title when the text prints none. Title words, draft marks, cover-notice patterns and validity phrases
are ingest/data/genres.toml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ingest.extractors.issuers import issuers_of, split_agency_names
from ingest.lexicon.bodies import bodies
from ingest.lexicon.brackets import PARENTHESES
from ingest.lexicon.dates import CN_DATE, DATE_TEXT, iso_date, small_number
from ingest.lexicon.docnumber import ANNOUNCEMENT, parse_doc_number
from ingest.lexicon.genres import genres
from ingest.model import ISSUER_KEYS, DocumentText, Line
from ingest.records import DeadlineKind, DocNumber, Header, IssuerRecord, ValidityClause
from ingest.segment import HEADING_DATE, LIST_NUMBER, MAX_TITLE_CHARS, NUMBERED, title_like, title_lines
from ingest.segment import title_word as doc_type
from ingest.sources.web import METADATA_KEYS, TITLE_KEY

HEAD_LINES = 12
LABELLED = re.compile("(" + "|".join(METADATA_KEYS) + r"|签发人)[：:]")
NUMERIC_DATE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
TITLE_SUFFIX = re.compile(r"[_|｜—–-]")
SIGNED_DATE = re.compile(rf"^([\u4e00-\u9fff（）()]{{2,40}}?)({DATE_TEXT})$")
DATE_KEYS = ("成文日期",)
NUMBER_KEYS = ("发文字号", "文号")
RECIPIENTS_END = re.compile(r"^(.{2,160}?)[：:]")
DOCUMENT_SCOPE = re.compile(
    r"(?:^|[）)】，,])(?:第[一二三四五六七八九十百零〇\d]+条)?(?:【[^】]{1,12}】)?"
    r"(?:本|以上|上述|此)[\u4e00-\u9fff]{1,12}?(?<!中)[自，,]"
)
SUBJECT_BEFORE = re.compile(r"(?:本|以上|此)[\u4e00-\u9fff]{1,10}$")
SENTENCE_CHARS = 300  # how far back a validity phrase's sentence is read for its subject (本通知自…)
DURATION = re.compile(r"有效期(?:为)?([\d一二两三四五六七八九十]+)年")


def extract_header(doc: DocumentText) -> Header:
    """Read the header of a segmented notice (or of a single notice with no compilation heading)."""
    heading = _heading(doc)
    fields = dict(heading.fields)
    number = heading.number or _metadata_number(doc, fields)
    title = heading.title
    header = Header(
        title=title,
        subject_title=subject_title(title),
        doc_number=number,
        doc_type=doc_type(title),
        issue_date=heading.date,
        draft=any(mark in title for mark in genres().draft_marks),
        title_page=heading.page,
    )
    body_start = heading.body_from
    header.recipients = recipients(doc, body_start)
    header.issuers = issuers_of(doc, title, heading.date, number) or _metadata_issuers(doc, fields)
    found = read_validity(doc.text, tuple(t for t in (header.subject_title, title) if t))
    dated: tuple[tuple[DeadlineKind, str | None, tuple[str, int] | None], ...] = (
        ("effective_from", found.effective, found.effective_evidence),
        ("valid_until", found.expiry, found.expiry_evidence),
    )
    clauses = [
        ValidityClause(kind, date, evidence[0], doc.page_at(evidence[1]))
        for kind, date, evidence in dated
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
    """The title and date, the doc number printed with them, the body's first line, and the labelled
    fields (成文日期：…) printed in the text."""

    title: str
    date: str | None
    page: int
    number: DocNumber | None
    body_from: int
    fields: tuple[tuple[str, str], ...] = ()


def _heading(doc: DocumentText) -> Heading:
    if doc.heading_line_count:
        lines = doc.lines[: doc.heading_line_count]
        text = "".join(line.text for line in lines)
        match = LIST_NUMBER.match(text)
        text = match.group(2) if match else text
        date_match = HEADING_DATE.search(text)
        title = text[: date_match.start()] if date_match else text
        date = iso_date(date_match.group(0)) if date_match else _signature_date(doc)
        start = doc.heading_line_count
        number = parse_doc_number("".join(line.text for line in doc.lines[start : start + 3]))
        body_from = start + (_lines_spanned(doc.lines, start, number.text) if number else 0)
        return Heading(title, date, lines[0].page, number, body_from)
    return _unlisted_heading(doc)


def _unlisted_heading(doc: DocumentText) -> Heading:
    """A notice printed on its own: the title before the doc number, or, under a red head
    (XX人民政府文件 / number / title), the title between the number and the addressees. Labelled lines
    (a portal's 成文日期：…, 签发人：…) are read as fields, not as title. A title is cut at MAX_TITLE_CHARS."""
    head = doc.lines[:HEAD_LINES]
    fields = labelled_fields(head)
    kept = [i for i, line in enumerate(head) if not LABELLED.match(line.text)]
    lines = [head[i] for i in kept]
    stop = next((k for k, line in enumerate(lines) if _ends_title_block(line.text)), len(lines))
    number_at, number = _number_under_title(lines, stop)
    before = lines[: number_at if number is not None else stop]
    dates = [k for k, line in enumerate(before) if CN_DATE.fullmatch(line.text.strip("（）()"))]
    date = iso_date(before[dates[0]].text) if dates else None
    before = before[: dates[0]] if dates else before
    count = title_lines(before)
    title = "".join(line.text for line in before[: count or 1])[:MAX_TITLE_CHARS]
    body_from = kept[count - 1] + 1 if count else 0
    if number is not None:
        after_at = number_at + _lines_spanned(lines, number_at, number.text)
        body_from = kept[after_at - 1] + 1
        after = lines[after_at:stop]
        below = title_lines(after)
        if below and (title.endswith("文件") or not doc_type(title)):
            title = "".join(line.text for line in after[:below])[:MAX_TITLE_CHARS]
            body_from = kept[after_at + below - 1] + 1
    if not doc_type(title):
        title = (_metadata_title(doc, fields) or title or doc.lines[0].text)[:MAX_TITLE_CHARS]
    date_match = HEADING_DATE.search(title)
    if date_match:
        date, title = iso_date(date_match.group(0)), title[: date_match.start()]
    return Heading(
        title,
        date or _metadata_date(doc, fields) or _signature_date(doc),
        doc.lines[0].page,
        number,
        body_from,
        tuple(fields.items()),
    )


def own_title(doc: DocumentText) -> tuple[str, int]:
    """A notice printed on its own: its title as the header reads it, and the offset in its text where
    the title (with the doc number printed under it) ends."""
    heading = _unlisted_heading(doc)
    end = doc.line_offsets[heading.body_from] if heading.body_from < len(doc.lines) else len(doc.text)
    return heading.title, end


def _ends_title_block(text: str) -> bool:
    """A line the title block stops before: a sentence, the addressee line, a numbered item."""
    return "。" in text or text.endswith(("：", ":")) or bool(NUMBERED.match(text))


def _number_under_title(lines: list[Line], stop: int) -> tuple[int, DocNumber | None]:
    """The doc number printed in the title block (after the title or the red head), and its line: only
    title lines may come before it, so a cited number that a body line starts with is not taken."""
    for k in range(stop):
        number = parse_doc_number(lines[k].text) or _announcement_at(lines, k)
        if number:
            return k, number
        if not (title_like(lines[k].text) or CN_DATE.fullmatch(lines[k].text.strip("（）()"))):
            break
    return 0, None


def _announcement_at(lines: list[Line], k: int) -> DocNumber | None:
    """A 公告/令 number printed over lines (…第一次会议 / 公告 / 第7号): the body ends line k."""
    joined = "".join(line.text for line in lines[k : k + 3])
    match = ANNOUNCEMENT.match(joined)
    end = len(lines[k].text)
    return (
        parse_doc_number(joined)
        if match and end - len(match.group("kind")) <= match.start("kind") <= end
        else None
    )


def _lines_spanned(lines: list[Line], start: int, printed: str) -> int:
    """How many lines from `start` the printed doc number takes."""
    seen = 0
    for k, line in enumerate(lines[start : start + 3], start=1):
        seen += len(line.text)
        if seen >= len(printed) - 1:
            return k
    return 1


def labelled_fields(lines: list[Line]) -> dict[str, str]:
    """Labelled values printed as text (成文日期：2023年02月10日发文字号：国办发〔2023〕5号), first of each."""
    found: dict[str, str] = {}
    for line in lines:
        marks = list(LABELLED.finditer(line.text))
        if not marks or marks[0].start():
            continue
        for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
            value = line.text[mark.end() : nxt.start() if nxt else len(line.text)]
            if value:
                found.setdefault(mark.group(1), value)
    return found


def _field(doc: DocumentText, fields: Mapping[str, str], keys: tuple[str, ...]) -> str | None:
    """The first of `keys` printed as a labelled line, else given by the file's metadata."""
    return next((fields[key] for key in keys if key in fields), None) or doc.metadata_value(*keys)


def _metadata_date(doc: DocumentText, fields: Mapping[str, str]) -> str | None:
    """成文日期 as printed in the text or in the file's metadata (2023年02月10日, 2023-02-10)."""
    value = _field(doc, fields, DATE_KEYS)
    if not value:
        return None
    numeric = NUMERIC_DATE.search(value)
    if numeric:
        value = f"{numeric.group(1)}年{numeric.group(2)}月{numeric.group(3)}日"
    return iso_date(value)


def _metadata_number(doc: DocumentText, fields: Mapping[str, str]) -> DocNumber | None:
    value = _field(doc, fields, NUMBER_KEYS)
    return parse_doc_number(value) if value else None


def _metadata_title(doc: DocumentText, fields: Mapping[str, str]) -> str | None:
    """标题, else the part of the page's <title> that ends with a title word (…的通知_国务院文件_中国政府网)."""
    value = _field(doc, fields, ("标题",))
    if value:
        return value
    page_title = doc.metadata_value(TITLE_KEY)
    parts = TITLE_SUFFIX.split(page_title) if page_title else []
    return next((part for part in parts if doc_type(part)), None)


def _metadata_issuers(doc: DocumentText, fields: Mapping[str, str]) -> list[IssuerRecord]:
    """发文机关 as printed in the text or in the file's metadata, when the notice prints no issuer."""
    value = _field(doc, fields, ISSUER_KEYS)
    names = split_agency_names(value) if value and bodies().body_ending.search(value) else []
    return [IssuerRecord(name, name, doc.page_start) for name in names]


def _signature_date(doc: DocumentText) -> str | None:
    """The first date printed on a line of its own after the heading (the signature's), or at the end of
    the signature's line (湖北省人民政府办公厅2023年3月2日)."""
    lines = doc.lines[doc.heading_line_count :]
    alone = next((line.text for line in lines if CN_DATE.fullmatch(line.text)), None)
    if alone:
        return iso_date(alone)
    for line in lines:
        signed = SIGNED_DATE.match(line.text)
        if signed and bodies().body_ending.search(signed.group(1)):
            return iso_date(signed.group(2))
    return None


def subject_title(title: str) -> str | None:
    """X of 关于印发《X》的通知; without 《》, the words between 印发 and 的通知 (the genre's subject rules)."""
    for subject in genres().default.subjects:
        match = subject.pattern.search(title)
        if match:
            found = match.group(1)
            return (found.removeprefix(subject.drop_prefix).strip() if subject.drop_prefix else found) or None
    return None


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


def read_validity(text: str, own_titles: tuple[str, ...] = ()) -> Validity:
    """effectiveDate (自…起施行), expiryDate (有效期至…, or 有效期N年 counted from an explicit start), validityText;
    a sentence whose subject is one of `own_titles` (《X》自…起施行, X the document's subject title) is the
    document's own."""
    effective = expiry = None
    phrases: list[str] = []
    effective_evidence = expiry_evidence = None
    table = genres()
    start = _document_scoped(table.effective, text, own_titles)
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
        if start and effective and years and _same_sentence(text, start.start(), duration.start()):
            expiry = _add_years_minus_day(effective, years)
            expiry_evidence = (text[start.start() : duration.end()], start.start())
    return Validity(effective, expiry, "，".join(phrases) or None, effective_evidence, expiry_evidence)


def _document_scoped(
    pattern: re.Pattern[str], text: str, own_titles: tuple[str, ...] = ()
) -> re.Match[str] | None:
    """The first match in a sentence about the whole document (本通知…, 以上措施…, 现予公布，自…, 《X》自… for
    X in `own_titles`), not a measure's own period (上述措施中，其余措施执行期限至…). The sentence is read
    back SENTENCE_CHARS at most: a longer one is cut there (no sentence start is seen)."""
    for match in pattern.finditer(text):
        end = match.start()
        floor = max(0, end - SENTENCE_CHARS)
        mark = max(text.rfind(mark, floor, end) for mark in "。；;！")
        whole = mark >= 0 or floor == 0
        sentence = text[mark + 1 if whole else floor : end]
        scope = DOCUMENT_SCOPE.search(sentence) if whole else DOCUMENT_SCOPE.search(text, floor, end)
        if (
            scope
            or SUBJECT_BEFORE.search(sentence)
            or genres().default.promulgates(sentence)
            or re.split(r"[，,]", sentence)[-1].strip("《》") in own_titles
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
