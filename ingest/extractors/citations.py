"""Citations: every 《…》 in a notice that names another regulatory document, with number, purpose, article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from ingest.lexicon.docnumber import DOC_NUMBER, normalise
from ingest.model import DocumentText
from ingest.records import CitationRecord, Header

NUMBER_AFTER = re.compile(r"^[（(]" + DOC_NUMBER.pattern + r"(?:[，,、；;][^（）()]{0,40})?[）)]")
ARTICLE_AFTER = re.compile(
    r"^(?:[（(][^（）()]{0,40}[）)])?(第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?)"
)
CLAUSE_BREAK = re.compile(r"[。；;！？]")
BASIS_CUES = ("根据", "依据", "依照")
IMPLEMENT_CUES = ("贯彻落实", "落实", "贯彻", "执行")
NON_DOCUMENT = re.compile(
    r"(?:证|证书|证明|证明书|(?<![清名])单|表|簿|书|报告|白皮书|专栏|栏目|日报|杂志|期刊|节目|专刊|画册|影片|App|APP|"
    r"声明函|承诺函|告知函|材料|范本|范例|样本|模板)$"
)
LEGAL_ENDINGS = ("法", "条例", "规定", "办法", "规则", "细则")
PRINTING_CUES = ("印发", "制定", "制订", "现将", "予以", "转发", "发布", "出台")
GENERIC_SHORT_TITLE = 4
OWN_TITLE_SIMILARITY = 0.88
ATTACHMENT = re.compile(r"附件[\d一二三四五六七八九十]*[：:]\s*(.+)")
ATTACHMENT_ITEM = re.compile(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])(.+)")


def quoted_titles(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every outermost 《…》, nested brackets kept inside."""
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "《":
            if depth == 0:
                start = i
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1


def attachments(doc: DocumentText) -> list[str]:
    """Names of the notice's own attachments (附件：1.X 2.Y), without （略）."""
    names: list[str] = []
    lines = doc.lines
    for i, line in enumerate(lines):
        match = ATTACHMENT.match(line.text)
        if not match:
            continue
        first = ATTACHMENT_ITEM.match(match.group(1))
        names.append(first.group(1) if first else match.group(1))
        for follow in lines[i + 1 : i + 12]:
            item = ATTACHMENT_ITEM.match(follow.text)
            if not item:
                break
            names.append(item.group(1))
    return [re.sub(r"[（(]略[）)]$", "", n).strip("《》") for n in names]


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
    for start, end in quoted_titles(text):
        title = text[start + 1 : end - 1]
        if title in seen or not is_document_title(title):
            continue
        if _is_own(title, own, text, start):
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
    return [title[s + 1 : e - 1] for s, e in quoted_titles(title) if purpose(title, s) == "reference"]


def is_document_title(title: str) -> bool:
    """A regulatory document (law, regulation, notice, plan, standard), not a form, certificate or column."""
    if not title or NON_DOCUMENT.search(title):
        return False
    if len(title) > GENERIC_SHORT_TITLE:
        return True
    return title.endswith(LEGAL_ENDINGS) and title not in LEGAL_ENDINGS


def _is_own(title: str, own: list[str], text: str, start: int) -> bool:
    """The notice's own title or attachment, or a short form of it named where the notice prints it."""
    if any(title == o for o in own):
        return True
    near_own = any(o.endswith(title) or title.endswith(o) or _similar(title, o) for o in own)
    if not near_own:
        return False
    clause = _clause_before(text, start) + text[start : start + len(title) + 40]
    return any(cue in clause for cue in PRINTING_CUES) and purpose(text, start) == "reference"


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= OWN_TITLE_SIMILARITY


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 80) : start]
    parts = CLAUSE_BREAK.split(window)
    return parts[-1]


def purpose(text: str, start: int) -> str:
    """basis for 根据/依据《X》, implements for 贯彻落实/落实《X》, reference otherwise (cue in the same clause)."""
    clause = _clause_before(text, start)
    clause = re.split(r"[，,：:]", clause)[-1] if len(clause) > 40 else clause
    best, best_pos = "reference", -1
    for cues, kind in ((BASIS_CUES, "basis"), (IMPLEMENT_CUES, "implements")):
        for cue in cues:
            pos = clause.rfind(cue)
            if pos > best_pos:
                best, best_pos = kind, pos
    return best
