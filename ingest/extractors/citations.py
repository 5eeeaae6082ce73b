"""Citations: every 《…》 in a notice that names another regulatory document, with number, purpose, article.

The cue words and the title words that tell a document from a form are in ingest/data/genres.toml.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ingest.lexicon.brackets import TITLE_MARKS
from ingest.lexicon.docnumber import DOC_NUMBER, normalise
from ingest.lexicon.genres import genres
from ingest.model import DocumentText
from ingest.records import CitationPurpose, CitationRecord, Header
from ingest.segment import unclosed

NUMBER_AFTER = re.compile(r"^[（(]" + DOC_NUMBER.pattern + r"(?:[，,、；;][^（）()]{0,40})?[）)]")
ARTICLE_AFTER = re.compile(
    r"^(?:[（(][^（）()]{0,40}[）)])?(第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?)"
)
CLAUSE_BREAK = re.compile(r"[。；;！？]")
GENERIC_SHORT_TITLE = 4
OWN_TITLE_SIMILARITY = 0.88
ATTACHMENT = re.compile(r"^附件[\d一二三四五六七八九十]*(?:([：:．.、])\s*(.*))?$")
ATTACHMENT_ITEM = re.compile(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])(.+)")
ATTACHMENT_LINES = 12
WRAPPED_LINES = 2  # lines an attachment's name may wrap onto
MIN_WRAPPED_NAME = 8  # characters of an attachment name cut at a line's end that still name it
MAX_ATTACHMENTS = 50  # names a notice's attachment list is read to (each is checked against every citation)


def attachments(doc: DocumentText) -> list[str]:
    """Names of the notice's own attachments, without （略）: 附件：X, 附件1：X, a list under 附件：
    (1.X 2.Y), or the title under a lone 附件 or 附件1 that starts an attachment; a name wrapped over
    lines (an unclosed bracket) is joined. The first MAX_ATTACHMENTS names."""
    names: dict[str, None] = {}  # in order, each once
    lines = [line.text for line in doc.lines]
    for i, text in enumerate(lines):
        match = ATTACHMENT.match(text)
        if not match:
            continue
        follow = lines[i + 1 : i + 1 + ATTACHMENT_LINES]
        if match.group(2):
            first = ATTACHMENT_ITEM.match(match.group(2))
            name, used = _joined(first.group(1) if first else match.group(2), follow)
            found = [name] + (_items(follow[used:]) if first else [])
        elif match.group(1) and follow and ATTACHMENT_ITEM.match(follow[0]):
            found = _items(follow)
        else:
            found = [_joined(follow[0], follow[1:])[0]] if follow and _names_attachment(follow[0]) else []
        names.update(dict.fromkeys(found))
    return [re.sub(r"[（(]略[）)]$", "", n).strip("《》") for n in names][:MAX_ATTACHMENTS]


def _items(lines: list[str]) -> list[str]:
    """The numbered names that open `lines` (1.X 2.Y), each joined over lines while a bracket is open."""
    names: list[str] = []
    k = 0
    while k < len(lines) and (item := ATTACHMENT_ITEM.match(lines[k])):
        name, used = _joined(item.group(1), lines[k + 1 :])
        names.append(name)
        k += 1 + used
    return names


def _joined(name: str, after: list[str]) -> tuple[str, int]:
    """`name` with the lines after it while it has an unclosed （ or 《 (a name wrapped at the line's end),
    and how many lines it took."""
    used = 0
    while used < min(len(after), WRAPPED_LINES) and unclosed(name):
        name += after[used]
        used += 1
    return name, used


def _names_attachment(text: str) -> bool:
    """The line under a lone 附件 is the attachment's title: not a numbered item, not a sentence."""
    return not ATTACHMENT_ITEM.match(text) and "。" not in text and not CLAUSE_BREAK.search(text)


def extract_citations(doc: DocumentText, header: Header) -> list[CitationRecord]:
    """Citations in order of first occurrence, one per distinct title."""
    own = [
        t
        for t in (header.title, header.subject_title, *header.attachments, *titles_printed_by(header.title))
        if t
    ]
    seen: set[str] = set()
    records = []
    text = doc.text
    for start, end in TITLE_MARKS.groups(text):
        title = text[start + 1 : end - 1]
        if title in seen or not is_document_title(title):
            continue
        if _is_own(title, own, text, start) or is_attachment(title, header.attachments):
            continue
        seen.add(title)
        after = text[end : end + 60]
        number_match = NUMBER_AFTER.match(after)
        number = None
        printed_end = end
        if number_match:
            number = normalise(
                number_match.group("code"), number_match.group("year"), number_match.group("seq")
            ).text
            printed_end = end + number_match.end()
        article = ARTICLE_AFTER.match(text[printed_end : printed_end + 40])
        records.append(
            CitationRecord(
                title=title,
                doc_number=number,
                purpose=purpose(text, start),
                article=article.group(1) if article else None,
                as_printed=text[start:printed_end],
                page=doc.page_at(start),
                offset=start,
            )
        )
    return records


def titles_printed_by(title: str) -> list[str]:
    """The 《…》 a notice's own title prints or forwards (印发《A》《B》的通知), not those it implements."""
    return [title[s + 1 : e - 1] for s, e in TITLE_MARKS.groups(title) if purpose(title, s) == "reference"]


def is_document_title(title: str) -> bool:
    """A regulatory document (law, regulation, notice, plan, standard), not a form, certificate or column."""
    words = genres().citations
    if not title or words.not_document.search(title):
        return False
    if len(title) > GENERIC_SHORT_TITLE:
        return True
    return title.endswith(words.legal_title_words) and title not in words.legal_title_words


def _is_own(title: str, own: list[str], text: str, start: int) -> bool:
    """The notice's own title or attachment, or a short form of it named where the notice prints it."""
    if title in own:
        return True
    clause = _clause_before(text, start) + text[start : start + len(title) + 40]
    printing = genres().citations.printing_cues
    if not any(cue in clause for cue in printing) or purpose(text, start) != "reference":
        return False
    return any(o.endswith(title) or title.endswith(o) or _similar(title, o) for o in own)


def is_attachment(title: str, names: list[str]) -> bool:
    """A 《…》 naming one of the notice's own attachments: the name, or its start (a name the list wraps,
    a short form without the years) of eight characters or more. A notice never cites what it attaches;
    a name that differs in its place (上海市X attached, X cited) is another document."""
    for name in names:
        shorter, longer = sorted((title, name), key=len)
        if title == name or (len(shorter) >= MIN_WRAPPED_NAME and longer.startswith(shorter)):
            return True
    return False


def _similar(a: str, b: str) -> bool:
    """Titles alike to OWN_TITLE_SIMILARITY; lengths too far apart to be are told without comparing."""
    if 2 * min(len(a), len(b)) < OWN_TITLE_SIMILARITY * (len(a) + len(b)):
        return False
    return SequenceMatcher(None, a, b).ratio() >= OWN_TITLE_SIMILARITY


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 80) : start]
    parts = CLAUSE_BREAK.split(window)
    return parts[-1]


def purpose(text: str, start: int) -> CitationPurpose:
    """basis for 根据/依据《X》, implements for 贯彻落实/落实《X》, reference otherwise (cue in the same clause)."""
    clause = _clause_before(text, start)
    clause = re.split(r"[，,：:]", clause)[-1] if len(clause) > 40 else clause
    best: CitationPurpose = "reference"
    best_pos = -1
    words = genres().citations
    cued: tuple[tuple[tuple[str, ...], CitationPurpose], ...] = (
        (words.basis_cues, "basis"),
        (words.implement_cues, "implements"),
    )
    for cues, kind in cued:
        for cue in cues:
            pos = clause.rfind(cue)
            if pos > best_pos:
                best, best_pos = kind, pos
    return best
