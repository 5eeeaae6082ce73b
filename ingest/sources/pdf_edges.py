"""Running headers, footers and printed page numbers of PDF pages (pure, no pdfminer).

A line is *running* when, with digits wildcarded and whitespace removed, it is the first (or
last) line of at least 30% of the pages or of 8 pages (two at least), covers at least 40% of
the pages from its first to its last (odd/even headers cover half; a section's own header
covers its section), and each number in it either stays the same (a year) or counts up with
the pages (a folio: then it must be on half the pages or on 8, so three one-page attachments
headed 附件1..3 are not folios). A line whose numbers wander is content; a running line made
only of digits and punctuation must count up, so a bare number repeated at the foot of tables
is not taken for a folio. Up to three layers are peeled from each edge, so a header above a
page number goes as well.

Page numbers: when a running line carries a number that counts up with the PDF pages
("- 12 -", "第12页", "12/300", a bare "12", "汇编·12"), that number is the page's
`Page.number`; pages without one (a blank or full-page table page) continue from the nearest
numbered page before them (or count back from the one after, when that stays >= 1). A PDF
whose pages print no number uses the 1-based page index. A one-page PDF takes a
page-number-shaped first or last line as its folio.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Sequence

from ingest.model import Page, squeeze

MAX_LAYERS = 3
MIN_SHARE = 0.3  # a running line is on this share of the pages ...
RUN_PAGES = 8  # ... or on this many pages, in a long PDF whose sections have their own headers
DENSITY = 0.4  # and on this share of the pages between its first and last (odd/even headers: 0.5)
FOLIO_SHARE = 0.5  # a line whose number counts up is a folio when on this share of the pages
COUNTS_UP = 0.5  # share of consecutive folios that must step with the page index

_DIGITS = re.compile(r"\d+")
_WORDY = re.compile(r"[^\W\d_]")
_FOLIO = re.compile(
    r"^(?:[-－—–―~～·•\[【(（]*\d+[-－—–―~～·•\]】)）]*"
    r"|第\d+页(?:[,，/]?共\d+页)?|\d+/\d+|(?:page)?\d+(?:of\d+)?)$",
    re.IGNORECASE,
)


def strip_running_lines(pages: Sequence[Sequence[str]]) -> list[Page]:
    """Pages with running headers, footers and page numbers removed and numbered."""
    kept = [list(lines) for lines in pages]
    folios: dict[int, int] = {}
    for _ in range(MAX_LAYERS):
        removed = _peel(kept, folios, top=True) + _peel(kept, folios, top=False)
        if not removed:
            break
    numbers = _numbers(len(kept), folios)
    return [Page(number, tuple(lines)) for number, lines in zip(numbers, kept, strict=True)]


def _key(line: str) -> str:
    return _DIGITS.sub("#", squeeze(line))


def _peel(pages: list[list[str]], folios: dict[int, int], *, top: bool) -> int:
    """Remove the running line at one edge of every page; record folios. Returns lines removed."""
    at = 0 if top else -1
    holders_of: dict[str, list[int]] = defaultdict(list)
    for i, lines in enumerate(pages):
        if lines:
            holders_of[_key(lines[at])].append(i)
    removed = 0
    for key, holders in holders_of.items():
        numbers = {i: [int(n) for n in _DIGITS.findall(pages[i][at])] for i in holders}
        running, slot = _running(key, numbers, len(pages))
        if not running:
            continue
        for i in holders:
            if slot is not None and i not in folios:
                folios[i] = numbers[i][slot]
            pages[i].pop(at)
            removed += 1
    return removed


def _running(key: str, numbers: dict[int, list[int]], total: int) -> tuple[bool, int | None]:
    """Whether the edge line `key`, held by the pages in `numbers`, is running, and which of its
    numbers is the page's folio (None when it carries none)."""
    holders = sorted(numbers)
    if total == 1:
        return bool(_FOLIO.match(key.replace("#", "0")) and numbers[holders[0]]), 0
    span = holders[-1] - holders[0] + 1
    if len(holders) < max(2, math.ceil(min(MIN_SHARE * total, RUN_PAGES))) or len(holders) < DENSITY * span:
        return False, None
    kinds = _slot_kinds(numbers)
    if not all(kinds):
        return False, None
    if "counting" in kinds:
        return len(holders) >= min(math.ceil(FOLIO_SHARE * total), RUN_PAGES), kinds.index("counting")
    return bool(_WORDY.search(key)), None


def _slot_kinds(numbers: dict[int, list[int]]) -> list[str | None]:
    """For each number in a running line: "counting" (steps with the page index), "constant" or None."""
    order = sorted(numbers)
    steps = list(zip(order, order[1:], strict=False))
    kinds: list[str | None] = []
    for slot in range(len(numbers[order[0]])):
        if sum(1 for i, j in steps if numbers[j][slot] - numbers[i][slot] == j - i) >= COUNTS_UP * len(steps):
            kinds.append("counting")
        elif all(numbers[i][slot] == numbers[order[0]][slot] for i in order):
            kinds.append("constant")
        else:
            kinds.append(None)
    return kinds


def _numbers(count: int, folios: dict[int, int]) -> list[int]:
    """Printed page numbers, filled in between folios; PDF page indexes when none is printed."""
    if not folios:
        return list(range(1, count + 1))
    numbered = sorted(folios)
    result = []
    for i in range(count):
        at = bisect.bisect_right(numbered, i)
        if at:
            before = numbered[at - 1]
            result.append(folios[before] + i - before)
            continue
        after = numbered[0]
        guess = folios[after] - (after - i)
        result.append(guess if guess >= 1 else i + 1)
    return result
