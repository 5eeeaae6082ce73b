"""发文字号: find, normalise (year bracket to 〔〕, GB/T 9704) and split into agency code, year, sequence."""

from __future__ import annotations

import re

from ingest.records import DocNumber

OPEN = "〔[【(（［"
CLOSE = "〕]】)）］"
DOC_NUMBER = re.compile(
    rf"(?P<code>[\u4e00-\u9fffA-Za-z]{{1,16}}?)[{re.escape(OPEN)}](?P<year>(?:19|20)\d{{2}})[{re.escape(CLOSE)}]"
    rf"(?P<seq>第?\d{{1,5}})号"
)
ANNOUNCEMENT = re.compile(
    r"^(?P<body>[\u4e00-\u9fff]{2,40}?)(?P<kind>公告|令)(?P<seq>第[\d一二三四五六七八九十百]+号)"
)


def normalise(code: str, year: str, seq: str) -> DocNumber:
    seq = seq.lstrip("第")
    return DocNumber(f"{code}〔{year}〕{seq}号", code, int(year), seq)


def parse_doc_number(text: str) -> DocNumber | None:
    """The doc number that `text` starts with (whitespace already removed), or None."""
    match = DOC_NUMBER.match(text)
    if match:
        return normalise(match.group("code"), match.group("year"), match.group("seq"))
    announcement = ANNOUNCEMENT.match(text)
    if announcement:
        full = announcement.group(0)
        return DocNumber(
            full, announcement.group("body") + announcement.group("kind"), None, announcement.group("seq")
        )
    return None


def find_doc_numbers(text: str) -> list[tuple[int, int, DocNumber]]:
    """Every bracketed doc number inside running text: (start, end, number)."""
    return [
        (m.start(), m.end(), normalise(m.group("code"), m.group("year"), m.group("seq")))
        for m in DOC_NUMBER.finditer(text)
    ]
