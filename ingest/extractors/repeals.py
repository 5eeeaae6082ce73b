"""Repeals: documents a notice abolishes or replaces (…同时废止, …不再执行, …停止执行) → SUPERSEDES.

A repeal is read in the sentence of its cue, after the effective-date clause the sentence may open with
(本办法自2023年6月1日起施行，原《X》（沪府规〔2020〕5号）同时废止: the documents named after 施行): each
《title》 with the doc number printed right after it, else the unmarked title of the version it replaces
(原上海市促进外商投资办法同时废止: it starts with its place), else each doc number on its own. A cue
closes only what is named after the cue before it in the sentence (…同时废止，《Y》不再执行: Y alone),
and a record's evidence runs from its title to the cue, cut in the middle past EVIDENCE_CHARS.
"""

from __future__ import annotations

import re

from ingest.lexicon.brackets import TITLE_MARKS
from ingest.lexicon.docnumber import DOC_NUMBER, normalise
from ingest.lexicon.genres import genres
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.regions import region_index
from ingest.model import DocumentText
from ingest.records import RepealRecord
from ingest.segment import title_word

REPEAL_CUE = re.compile(r"(?:同时|予以|一并)?(?:废止|不再执行|停止执行|停止实施|不再施行)")
PARTIAL = re.compile(r"中.{0,40}?(?:段落|条款|第[一二三四五六七八九十百\d]+[条款项]|部分|内容)")
# 原 + an unmarked title, up to its doc number's bracket or the cue (原上海市促进外商投资办法（沪府规…）);
# the issuer and verb before the title (市政府印发的) are not part of it.
EVIDENCE_CHARS = 500  # a repeal's evidence: from its title to the cue, cut in the middle past this length
FORMER = re.compile(r"原(?:[^，,、；《》（(]{0,20}?(?:印发|公布|发布)的)?(?P<title>[^，,、；《》（(]{2,80})")


def extract_repeals(doc: DocumentText) -> list[RepealRecord]:
    """Each document named before a repeal cue in its sentence (after the sentence's effective clause, and
    after the cue before it: what an earlier cue closes is its own)."""
    text = doc.text
    records: list[RepealRecord] = []
    previous_cue_end = 0
    for cue in REPEAL_CUE.finditer(text):
        floor = previous_cue_end
        previous_cue_end = cue.end()
        sentence_start = max(text.rfind("。", floor, cue.start()), text.rfind("；", floor, cue.start())) + 1
        sentence_start = max(sentence_start, floor)
        effective = list(genres().effective.finditer(text, sentence_start, cue.start()))
        clause_start = effective[-1].end() if effective else sentence_start
        clause = text[clause_start : cue.start()]
        titles = list(TITLE_MARKS.groups(clause))
        numbers = {m.start(): m for m in DOC_NUMBER.finditer(clause)}
        partial_from = _last_partial(clause)
        for start, end in titles:
            if end <= partial_from:
                continue
            number = _number_at(numbers, end)
            records.append(_record(clause[start + 1 : end - 1], number, text, clause_start + start, cue, doc))
        former = None if titles else _former_title(clause)
        if former:
            number = _number_at(numbers, former.end("title"))
            records.append(
                _record(former.group("title"), number, text, clause_start + former.start("title"), cue, doc)
            )
        elif not titles:
            for pos, match in numbers.items():
                records.append(_record(None, match, text, clause_start + pos, cue, doc))
    return records


def _last_partial(clause: str) -> int:
    """Where the last mention of a part (中第三条, 中…部分) starts in the clause, -1 if none: a title before it
    is repealed only in part, which is no SUPERSEDES."""
    at = clause.rfind("中")
    while at >= 0:
        if PARTIAL.match(clause, at):
            return at
        at = clause.rfind("中", 0, at)
    return -1


def _number_at(numbers: dict[int, re.Match[str]], end: int) -> re.Match[str] | None:
    """The doc number printed right after a title ending at `end` (up to two characters on)."""
    return next((numbers[pos] for pos in range(end, end + 3) if pos in numbers), None)


def _former_title(clause: str) -> re.Match[str] | None:
    """原X, X an unmarked title: it names its place or a national body first and ends with a genre's title
    word (原上海市促进外商投资办法, not 原有规定); the last one in the clause."""
    found = [m for m in FORMER.finditer(clause) if _titled(m.group("title"))]
    return found[-1] if found else None


def _titled(title: str) -> bool:
    places = region_index().names_in(title)
    named = bool(places and places[0][0] == 0) or title.startswith(national_bodies().prefixes)
    return named and title_word(title) is not None


def _record(
    title: str | None,
    number: re.Match[str] | None,
    text: str,
    start: int,
    cue: re.Match[str],
    doc: DocumentText,
) -> RepealRecord:
    doc_number = (
        normalise(number.group("code"), number.group("year"), number.group("seq")).text if number else None
    )
    if cue.end() - start <= EVIDENCE_CHARS:
        printed = text[start : cue.end()]
    else:  # the first of a long list: its start, then the cue
        printed = text[start : start + EVIDENCE_CHARS - len(cue.group()) - 1] + "…" + cue.group()
    return RepealRecord(title=title, doc_number=doc_number, as_printed=printed, page=doc.page_at(start))
