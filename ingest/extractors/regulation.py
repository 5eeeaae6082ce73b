"""The header of a regulation or rule: its title, the 公告 or 令 that promulgates it, the steps of its making.

A regulation prints its title, then its history (…会议通过, …批准, 国务院令第N号公布, …修正, …修订, …施行),
perhaps in parentheses and over several lines, then its body (目录, 第一章, 第一条). A 公告 or 令 printed
before it (浙江省人民代表大会常务委员会公告 / 第7号 / 《X》已于…通过，现予公布 / signature / date) is its
cover: it names the regulation, gives its number, and is not its title. From these: the issuer (the cover's
body, else the body that adopted this text; a 条例 naming no place and printing no history is the State
Council's), the 令 or 公告 number, adopted, published and effective dates, the bodies that approved it
(a city regulation, by its province's congress) and the amending decisions.

The steps' verbs and the words around a body's name are ingest/data/regulations.toml; the regulation
genre (title words, cover subject) is ingest/data/genres.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ingest.extractors.header import doc_type, extract_header
from ingest.extractors.issuers import expand_short_name
from ingest.extractors.jurisdiction import jurisdiction_of_cited_title
from ingest.lexicon.bodies import bodies
from ingest.lexicon.brackets import PARENTHESES, TITLE_MARKS
from ingest.lexicon.dates import CN_DATE, DATE_TEXT, iso_date
from ingest.lexicon.docnumber import parse_doc_number
from ingest.lexicon.genres import Genre, genres
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.regulations import regulations
from ingest.model import DocumentText, Line
from ingest.records import EnactmentRecord, GenreName, Header, IssuerRecord

GENRE: GenreName = "regulation"
HEAD_LINES = 40
TITLE_LINES = 3
COVER_GAP = 3
MAX_TITLE_CHARS = 80
DATE = re.compile(DATE_TEXT)
PIECE_BREAK = re.compile(r"[|，,、。；;：:（）()\s]")
TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]$")
ADOPTION = ("adopted", "amended", "revised")


def regulation_genre() -> Genre:
    """The regulation genre of genres.toml."""
    return next(g for g in genres().genres if g.name == GENRE)


@dataclass(frozen=True)
class Cover:
    """A 公告 or 令 that promulgates the regulation: its body as printed, number, sentence and date."""

    body: str
    number: str | None
    subject: str | None
    sentence: str
    date: str | None
    page: int
    end: int


@dataclass(frozen=True)
class Layout:
    """Where a regulation's parts are printed: its title, its history block as one text (what follows the
    title on its line, then lines [history_from, body_from)) and its cover."""

    title: str
    history: str
    history_from: int
    body_from: int
    cover: Cover | None


def is_regulation_title(title: str) -> bool:
    """A title that ends with a regulation's title word (after a trailing parenthetical: 征求意见稿)."""
    return bool(title) and "。" not in title and doc_type(title) in regulation_genre().title_words


def read_layout(doc: DocumentText) -> Layout | None:
    """The regulation's title, cover and history block, or None when the text does not open like one: its
    compilation heading, the regulation its cover names or its first line is a regulation's title."""
    start = doc.heading_line_count
    lines = [line.text for line in doc.lines]
    heading_title = _heading_title(doc)
    if heading_title is not None and not is_regulation_title(heading_title):
        return None
    cover = read_cover(doc, start)
    after = cover.end if cover else start
    known = heading_title or (cover.subject if cover else None)
    if known is not None:
        title, title_at = known, _title_line(lines, after, known)
    else:
        title, title_at = _title_text(lines, after), after
    if not is_regulation_title(title):
        return None
    span = 0 if title_at is None else _title_span(lines, title_at, title)
    printed = "".join(lines[title_at : title_at + span]) if title_at is not None else ""
    rest = printed[len(title) :] if printed.startswith(title) else ""
    rest = rest if _has_event([rest]) else ""
    history_from = after if title_at is None else title_at + span
    body_from = _history_end(lines, history_from, rest)
    return Layout(title, rest + "".join(lines[history_from:body_from]), history_from, body_from, cover)


def _heading_title(doc: DocumentText) -> str | None:
    """A compilation heading's title, without its list number and date (the notice header reads it so)."""
    if not doc.heading_line_count:
        return None
    return extract_header(
        DocumentText(
            doc.source,
            doc.index,
            doc.lines[: doc.heading_line_count],
            heading_line_count=doc.heading_line_count,
        )
    ).title


def _title_line(lines: list[str], start: int, title: str) -> int | None:
    """The first line from `start`, before the body, that starts printing `title`."""
    for i in range(start, min(len(lines), start + HEAD_LINES)):
        if _structure(lines[i]):
            return None
        if "".join(lines[i : i + TITLE_LINES]).startswith(title) and (
            len(lines[i]) <= len(title) or lines[i][len(title) :].startswith(("（", "("))
        ):
            return i
    return None


def _title_text(lines: list[str], i: int) -> str:
    """The regulation title that lines[i:] start with (up to three lines joined), or ''."""
    joined = ""
    for line in lines[i : i + TITLE_LINES]:
        if DATE.search(line) and not joined:
            head = re.split(r"[（(]", line, maxsplit=1)[0]
            return head if is_regulation_title(head) and _has_event([line[len(head) :]]) else ""
        if DATE.search(line) or line.startswith(("（", "(")) and joined:
            break
        joined += line
        if len(joined) > MAX_TITLE_CHARS or "。" in joined:
            return ""
        if is_regulation_title(joined):
            return joined
    return ""


def _title_span(lines: list[str], i: int, title: str) -> int:
    """How many lines the printed title takes, a draft mark on its own line (（征求意见稿）) included."""
    seen, k = "", i
    while k < len(lines) and len(seen) < len(title):
        seen += lines[k]
        k += 1
    if k < len(lines) and TRAILING_PAREN.fullmatch(lines[k]) and not DATE.search(lines[k]):
        k += 1
    return k - i


def _structure(line: str) -> bool:
    """A line that starts the body: 目录, a chapter or an article."""
    genre = regulation_genre()
    return bool(genre.non_action.match(line)) or any(n.pattern.match(line) for n in genre.numbering)


def _history_end(lines: list[str], start: int, opened: str = "") -> int:
    """The line after the history block: lines that open with a date, 根据 or a parenthesis, or continue
    one left open (by `opened`, the history printed on the title's line), up to the body."""
    k, depth = start, max(0, PARENTHESES.depth(opened, len(opened)))
    while k < len(lines):
        line = lines[k]
        opens = line.startswith(("（", "(", "根据")) or bool(DATE.match(line))
        if _structure(line) or not (opens or depth > 0) or ("。" in line and depth == 0):
            break
        depth = max(0, depth + PARENTHESES.depth(line, len(line)))
        k += 1
    return k if _has_event([opened, *lines[start:k]]) else start


def _has_event(lines: list[str]) -> bool:
    text = "".join(lines)
    return bool(DATE.search(text) and regulations().verb.search(text))


def read_cover(doc: DocumentText, start: int) -> Cover | None:
    """The 公告 or 令 printed before the regulation: a line ending with 公告 or 令 (its number on it or
    on the next line; its body on it or on the line before), then the sentence that names the regulation
    (《X》已于…通过，现予公布), its signature and date."""
    table = regulations()
    subject = regulation_genre().subjects[0].pattern
    lines = doc.lines
    for i in range(start, min(len(lines), start + HEAD_LINES)):
        match = table.cover_line.fullmatch(lines[i].text)
        if match is None or (match.group("body") and not enacting_body(match.group("body"))):
            continue
        body = match.group("body") or (lines[i - 1].text if i > start else "")
        seq, sentence_line = match.group("seq"), i + 1
        if not seq and i + 1 < len(lines):
            number = table.sequence.fullmatch(lines[i + 1].text)
            seq, sentence_line = (number.group("seq"), i + 2) if number else (None, i + 1)
        if sentence_line >= len(lines) or not subject.match(lines[sentence_line].text):
            continue
        sentence, end = _sentence(lines, sentence_line)
        date, end = _signature_date(lines, end)
        named = subject.match(sentence)
        return Cover(
            body=body,
            number=f"{body}{match.group('kind')}{seq}" if seq else None,
            subject=named.group(1) if named else None,
            sentence=sentence,
            date=date,
            page=lines[i].page,
            end=end,
        )
    return None


def _sentence(lines: list[Line], start: int) -> tuple[str, int]:
    """The sentence from lines[start] to the line holding its 。 (joined), and the line after it."""
    text, k = "", start
    while k < len(lines) and k < start + 8:
        text += lines[k].text
        k += 1
        if "。" in text:
            return text[: text.index("。") + 1], k
    return text, k


def _signature_date(lines: list[Line], start: int) -> tuple[str | None, int]:
    """The date line that closes a cover (a few signature lines above it), and the line after it."""
    for k in range(start, min(len(lines), start + COVER_GAP + 1)):
        if CN_DATE.fullmatch(lines[k].text):
            return iso_date(lines[k].text), k + 1
    return None, start


def enacting_body(printed: str) -> str | None:
    """The body in a step's words: 上海市第十五届人民代表大会常务委员会第四次会议 → 上海市人民代表大会常务委员会,
    国务院第57次常务会议 → 国务院, 中华人民共和国国务院 → 国务院; None when the words name no body."""
    table = regulations()
    name = table.ordinal.sub("", printed)
    name = table.connectives.sub("", name)
    rest = name.removeprefix(table.state_prefix)
    if rest != name and rest.startswith(national_bodies().prefixes):
        name = rest
    if len(name) < 2 or not bodies().body_ending.search(name):
        return None
    return name


def read_events(text: str, page: int, undated: str | None = None) -> list[EnactmentRecord]:
    """The steps printed in `text` (a history block or a cover's sentence), in printed order; a publishing
    step that prints no date (现予公布) takes `undated` (the cover's date)."""
    table = regulations()
    blanked = _blank_titles(text)
    events: list[EnactmentRecord] = []
    last = 0
    for match in table.verb.finditer(blanked):
        segment = text[last : match.end()]
        words = text[last : match.start()]
        last = match.end()
        date = DATE.search(words)
        decision = table.decision.search(words)
        number = table.number.search(words)
        kind = table.kind_of(match.group("verb"))
        body_words = table.ordinal.sub("", segment)[: -len(match.group("verb"))]
        events.append(
            EnactmentRecord(
                kind=kind,
                date=iso_date(date.group(0)) if date else (undated if kind == "published" else None),
                body=_body_in(body_words),
                number=_number_in(words, number),
                decision=decision.group(1) if decision else None,
                as_printed=segment.strip("，,；;、）) "),
                page=page,
            )
        )
    return [e for e in events if e.date or e.body]


def _blank_titles(text: str) -> str:
    """`text` with every 《…》 blanked (a verb inside a title ends no step)."""
    out = list(text)
    for start, end in TITLE_MARKS.groups(text):
        out[start:end] = "|" * (end - start)
    return "".join(out)


def _body_in(words: str) -> str | None:
    """The last piece of a step's words that names a body (dates, titles and numbers cut out)."""
    table = regulations()
    words = _blank_titles(words)
    words = DATE.sub("|", words)
    words = table.number.sub("|", words)
    for piece in reversed(PIECE_BREAK.split(words)):
        body = enacting_body(piece)
        if body:
            return body
    return None


def _number_in(words: str, number: re.Match[str] | None) -> str | None:
    """国务院令第654号: the number and the body printed before it."""
    if number is None:
        return None
    before = DATE.split(words[: number.start()])[-1]
    before = regulations().connectives.sub("", PIECE_BREAK.split(before)[-1])
    return f"{before}{number.group('kind')}{number.group('seq')}"


def extract_regulation_header(doc: DocumentText) -> Header:
    """The header of a regulation: the notice header's reading, with the title, issuer, number and dates
    the regulation's own layout gives."""
    base = extract_header(doc)
    layout = read_layout(doc)
    if layout is None:
        return base
    cover = layout.cover
    page = doc.lines[min(layout.history_from, len(doc.lines) - 1)].page
    announced = read_events(cover.sentence, cover.page, cover.date) if cover else []
    history = _unique([*announced, *read_events(layout.history, page)])
    adopted = _latest(e for e in history if e.kind in ADOPTION and not e.number)
    published = _latest(e for e in history if e.kind == "published" or e.number)
    if cover and cover.date and not published:
        published = cover.date
    numbered = [e.number for e in history if e.number]
    printed = cover.number if cover and cover.number else (numbered[-1] if numbered else None)
    number = (parse_doc_number(printed) if printed else None) or base.doc_number
    issue_date = base.issue_date if doc.heading_line_count else (adopted or published or base.issue_date)
    effective = base.effective_date or _latest(e for e in history if e.kind == "effective")
    if not effective and base.validity_text and published and "公布之日" in base.validity_text:
        effective = published
    title = layout.title
    return replace(
        base,
        title=title,
        subject_title=None,
        doc_number=number,
        doc_type=doc_type(title),
        issue_date=issue_date,
        draft=base.draft or any(mark in title for mark in genres().draft_marks),
        issuers=_issuers(doc, layout, history, base),
        effective_date=effective,
        adopted_date=adopted,
        published_date=published,
        history=history,
    )


def _unique(events: list[EnactmentRecord]) -> list[EnactmentRecord]:
    """One step per kind and date (the cover and the history block print the same steps)."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for event in events:
        key = (event.kind, event.date)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def _latest(events: Iterable[EnactmentRecord]) -> str | None:
    dates = [e.date for e in events if e.date]
    return max(dates) if dates else None


def _issuers(
    doc: DocumentText, layout: Layout, history: list[EnactmentRecord], base: Header
) -> list[IssuerRecord]:
    """The cover's body, else the body of the last step that made this text, else the notice reading
    (a signature, the title's issuer), else the maker a title naming no place implies."""
    cover = layout.cover
    body = enacting_body(cover.body) if cover else None
    if cover and body:
        return [IssuerRecord(expand_short_name(body, doc.text), cover.body, cover.page)]
    makers = sorted(
        (e for e in history if e.body and e.kind in (*ADOPTION, "published")),
        key=lambda e: (e.date or "", e.kind != "published"),
    )
    maker = makers[-1] if makers else None
    if maker is not None and maker.body:
        return [IssuerRecord(expand_short_name(maker.body, doc.text), maker.as_printed, maker.page)]
    if base.issuers:
        return base.issuers
    implied = regulations().unplaced_issuer(TRAILING_PAREN.sub("", layout.title))
    if implied and jurisdiction_of_cited_title(layout.title).level == "national":
        return [IssuerRecord(implied, implied, doc.page_start)]
    return []


def approvals(header: Header) -> list[EnactmentRecord]:
    """The approval steps of the text in force (those on or after its adoption): a city regulation's
    approval by its province's congress."""
    since = header.adopted_date or ""
    return [e for e in header.history if e.kind == "approved" and e.body and (e.date or "") >= since]
