"""Repeals: documents a notice abolishes or replaces (…同时废止, …不再执行, …停止执行) → SUPERSEDES."""

from __future__ import annotations

import re

from ingest.lexicon.brackets import TITLE_MARKS
from ingest.lexicon.docnumber import DOC_NUMBER, normalise
from ingest.model import DocumentText
from ingest.records import RepealRecord

REPEAL_CUE = re.compile(r"(?:同时|予以|一并)?(?:废止|不再执行|停止执行|停止实施|不再施行)")
PARTIAL = re.compile(r"中.{0,40}?(?:段落|条款|第[一二三四五六七八九十百\d]+[条款项]|部分|内容)")


def extract_repeals(doc: DocumentText) -> list[RepealRecord]:
    """Each titled or numbered document named before a repeal cue in the same sentence."""
    text = doc.text
    records: list[RepealRecord] = []
    for cue in REPEAL_CUE.finditer(text):
        sentence_start = max(text.rfind("。", 0, cue.start()), text.rfind("；", 0, cue.start())) + 1
        sentence = text[sentence_start : cue.start()]
        titles = list(TITLE_MARKS.groups(sentence))
        numbers = [(m.start(), m) for m in DOC_NUMBER.finditer(sentence)]
        for start, end in titles:
            if PARTIAL.search(sentence[end:]):
                continue
            number = next((m for pos, m in numbers if 0 <= pos - end <= 2), None)
            records.append(
                _record(sentence[start + 1 : end - 1], number, text, sentence_start + start, cue, doc)
            )
        if not titles:
            for pos, match in numbers:
                records.append(_record(None, match, text, sentence_start + pos, cue, doc))
    return records


def _record(
    title: str | None, number: re.Match | None, text: str, start: int, cue: re.Match, doc: DocumentText
) -> RepealRecord:
    doc_number = (
        normalise(number.group("code"), number.group("year"), number.group("seq")).text if number else None
    )
    return RepealRecord(
        title=title, doc_number=doc_number, as_printed=text[start : cue.end()], page=doc.page_at(start)
    )
