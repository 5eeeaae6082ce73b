"""Repeals: documents a notice abolishes or replaces (…同时废止, …不再执行, …停止执行) → SUPERSEDES.

A repeal is read in the sentence of its cue, after the effective-date clause the sentence may open with
(本办法自2023年6月1日起施行，原《X》（沪府规〔2020〕5号）同时废止: the documents named after 施行): each
《title》 with the doc number printed right after it, else the unmarked title of the version it replaces
(原上海市促进外商投资办法同时废止: it starts with its place), else each doc number on its own.
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
FORMER = re.compile(r"原(?:[^，,、；《》（(]{0,20}?(?:印发|公布|发布)的)?(?P<title>[^，,、；《》（(]{2,80})")


def extract_repeals(doc: DocumentText) -> list[RepealRecord]:
    """Each document named before a repeal cue in its sentence (after the sentence's effective clause)."""
    text = doc.text
    records: list[RepealRecord] = []
    for cue in REPEAL_CUE.finditer(text):
        sentence_start = max(text.rfind("。", 0, cue.start()), text.rfind("；", 0, cue.start())) + 1
        effective = list(genres().effective.finditer(text, sentence_start, cue.start()))
        clause_start = effective[-1].end() if effective else sentence_start
        clause = text[clause_start : cue.start()]
        titles = list(TITLE_MARKS.groups(clause))
        numbers = [(m.start(), m) for m in DOC_NUMBER.finditer(clause)]
        for start, end in titles:
            if PARTIAL.search(clause[end:]):
                continue
            number = next((m for pos, m in numbers if 0 <= pos - end <= 2), None)
            records.append(_record(clause[start + 1 : end - 1], number, text, clause_start + start, cue, doc))
        former = None if titles else _former_title(clause)
        if former:
            end = former.end("title")
            number = next((m for pos, m in numbers if 0 <= pos - end <= 2), None)
            records.append(
                _record(former.group("title"), number, text, clause_start + former.start("title"), cue, doc)
            )
        elif not titles:
            for pos, match in numbers:
                records.append(_record(None, match, text, clause_start + pos, cue, doc))
    return records


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
    return RepealRecord(
        title=title, doc_number=doc_number, as_printed=text[start : cue.end()], page=doc.page_at(start)
    )
