"""Who issued a notice: the signature block above the cover notice's date, else the title's issuing body.

A body's name ends as ingest/data/bodies.toml says; national prefixes are ingest/data/national_bodies.toml.
"""

from __future__ import annotations

import bisect
import re

from ingest.lexicon.bodies import bodies
from ingest.lexicon.brackets import PARENTHESES
from ingest.lexicon.dates import CN_DATE, iso_date
from ingest.lexicon.genres import genres
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.regions import region_index
from ingest.model import DocumentText
from ingest.records import DocNumber, IssuerRecord

SENTENCE_MARKS = re.compile(r"[。；：:！？“”《》，,]")
JOINT_COUNT = re.compile(r"等(?:[\d一二三四五六七八九十]+(?:个)?(?:部门|单位|家))?$")
CONGRESS_SESSION = re.compile(r"第[一二三四五六七八九十百]+届|第[一二三四五六七八九十百]+次会议$")
MAX_SIGNATURE_LINES = 24
MAX_SIGNATURE_CHARS = 60
SHORT_NAME_CHARS = 12
NAME_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")
MIN_NAME_CHARS, MAX_NAME_CHARS = 3, 24


def issuers_of(
    doc: DocumentText, title: str, date: str | None, number: DocNumber | None
) -> list[IssuerRecord]:
    """Issuers in printed order: signature block first, then announcement body, then the title."""
    signature = signature_block(doc, date)
    if signature:
        return [IssuerRecord(expand_short_name(name, doc.text), name, page) for name, page in signature]
    if number and number.agency_code and number.agency_code.endswith(("公告", "令")):
        body = announcing_body(number.agency_code)
        if body:
            return [IssuerRecord(body, number.agency_code, doc.page_start)]
    title_match = genres().default.issuer_end.match(title)
    if not title_match:
        return []
    printed = JOINT_COUNT.sub("", title_match.group(1))
    if not printed or not bodies().body_ending.search(printed):
        return []
    return [IssuerRecord(name, name, doc.page_start) for name in split_agency_names(printed)]


def signature_block(doc: DocumentText, date: str | None) -> list[tuple[str, int]]:
    """Names printed above the first date line that stands alone (the heading's date when it recurs)."""
    return _signature(doc, date)[0]


def _signature(doc: DocumentText, date: str | None) -> tuple[list[tuple[str, int]], range]:
    """The signature block's names with their pages, and the lines it spans (its date line included)."""
    start = doc.heading_line_count
    date_lines = [i for i in range(start, len(doc.lines)) if CN_DATE.fullmatch(doc.lines[i].text)]
    if not date_lines:
        return [], range(0)
    wanted = [i for i in date_lines if date and iso_date(doc.lines[i].text) == date]
    end = (wanted or date_lines)[0]
    names: list[tuple[str, int]] = []
    i = end - 1
    while i >= start and end - i <= MAX_SIGNATURE_LINES:
        line = doc.lines[i]
        if line.text.endswith(("代章）", "代章)", "代印）", "代印)")):
            i = _opening_parenthesis(doc, i, start)
            continue
        if not _looks_like_signature(line.text):
            break
        names[:0] = [(name, line.page) for name in split_agency_names(line.text)]
        i -= 1
    return names, range(i + 1, end + 1) if names else range(0)


def printed_names(doc: DocumentText, date: str | None) -> list[str]:
    """The body names the document prints outside its signature block, in full (芜湖市水务局) or short
    (市水务局), in printed order: each stretch of a run of characters that starts at a division's name or a
    level prefix (省 市 区 县) and ends like a body (bodies.toml). A signature name the PDF's text layer
    garbled is repaired against these (kg.build.agencies)."""
    block = _signature(doc, date)[1]
    cut = [
        doc.line_offsets[block.start],
        doc.line_offsets[block.stop - 1] + len(doc.lines[block.stop - 1].text),
    ]
    outside = [doc.text[: cut[0]], doc.text[cut[1] :]] if block else [doc.text]
    table = bodies()
    found: dict[str, None] = {}
    for part in outside:
        for run in NAME_RUN.finditer(part):
            chunk = run.group()
            starts = {pos for pos, _ in region_index().names_in(chunk)}
            starts |= {k for k, ch in enumerate(chunk) if ch in table.level_prefixes}
            ordered = sorted(starts)
            for ending in table.organ_ending.finditer(chunk):
                low = bisect.bisect_left(ordered, ending.end() - MAX_NAME_CHARS)
                high = bisect.bisect_right(ordered, ending.end() - MIN_NAME_CHARS)
                found.update((chunk[k : ending.end()], None) for k in ordered[low:high])
    return list(found)


def _opening_parenthesis(doc: DocumentText, i: int, start: int) -> int:
    """Skip a（…代章）note under a signature (bodies sealing on the issuer's behalf are not issuers)."""
    while i >= start and not doc.lines[i].text.startswith(("（", "(")):
        i -= 1
    return i - 1


def _looks_like_signature(text: str) -> bool:
    """A signature line: no sentence punctuation, short, and shaped like a body's name (OCR may garble the end);
    not the end of a parenthetical begun on the line above (市大数据中心牵头）)."""
    if SENTENCE_MARKS.search(text) or len(text) > MAX_SIGNATURE_CHARS or re.search(r"\d", text):
        return False
    if PARENTHESES.depth(text, len(text)) < 0:
        return False
    return bool(
        bodies().body_ending.search(text) or region_index().names_in(text) or len(text) <= SHORT_NAME_CHARS
    )


def split_agency_names(text: str) -> list[str]:
    """Split names printed without separators (上海市商务委员会上海海关) at the start of a new body.

    A cut falls where a division name or a national prefix begins and the left part ends like a body.
    A national body followed by a regional one (国家税务总局上海市税务局) is one body: the left part must
    itself name a region, or the right part must start with a national prefix.
    """
    regions = region_index()
    starts = {pos for pos, _ in regions.names_in(text)}
    national = national_bodies().prefixes
    starts |= {m.start() for p in national for m in re.finditer(re.escape(p), text)}
    starts |= {m.start() for short in regions.provinces_by_short for m in re.finditer(re.escape(short), text)}
    names, left = [], 0
    for pos in sorted(starts):
        if pos <= left:
            continue
        head = text[left:pos]
        right_is_national = text.startswith(national, pos)
        head_has_region = bool(regions.names_in(head)) or any(s in head for s in regions.provinces_by_short)
        if bodies().body_ending.search(head) and len(head) >= 3 and (head_has_region or right_is_national):
            names.append(head)
            left = pos
    names.append(text[left:])
    return [n for n in names if n]


def expand_short_name(name: str, text: str) -> str:
    """省发展改革委 → 浙江省发展改革委 when the document itself prints that full form somewhere."""
    if not name.startswith(bodies().level_prefixes):
        return name
    pattern = re.compile(r"([\u4e00-\u9fff]{1,8}?" + re.escape(name[0]) + ")" + re.escape(name[1:]))
    regions = region_index()
    for match in pattern.finditer(text):
        prefix = match.group(1)
        for k in range(len(prefix) - 1):
            if regions.by_name.get(prefix[k:]):
                return prefix[k:] + name[1:]
    return name


def announcing_body(code: str) -> str | None:
    """浙江省第十四届人民代表大会第一次会议公告 → 浙江省人民代表大会 (the body, not the session)."""
    body = code.removesuffix("公告").removesuffix("令")
    body = CONGRESS_SESSION.sub("", body)
    body = CONGRESS_SESSION.sub("", body)
    return body if bodies().body_ending.search(body) else None
