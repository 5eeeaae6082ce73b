"""Running headers, footers and printed page numbers of PDF pages (pure, no pdfminer).

A line is *running* when, with digits wildcarded and whitespace removed, it is the first (or
last) line of at least 30% of the pages (and of two pages at least) and each number in it
either stays the same (a year) or counts up with the pages (a folio); a line whose numbers
wander is content. Up to three layers are peeled from each edge, so a header above a page
number goes as well. A running line made only of digits and punctuation must count up, so a
bare number repeated at the foot of tables is not taken for a folio.

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
from collections import Counter
from collections.abc import Sequence

from ingest.model import Page, squeeze

MAX_LAYERS = 3
MIN_SHARE = 0.3
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
    edge = {i: _key(lines[at]) for i, lines in enumerate(pages) if lines}
    counts = Counter(edge.values())
    least = max(2, math.ceil(MIN_SHARE * len(pages)))
    removed = 0
    for key, count in counts.items():
        holders = [i for i, k in edge.items() if k == key]
        if len(pages) == 1:
            running = bool(_FOLIO.match(squeeze(pages[0][at])))
        else:
            running = count >= least
        if not running:
            continue
        numbers = {i: [int(n) for n in _DIGITS.findall(pages[i][at])] for i in holders}
        kinds = _slot_kinds(numbers)
        if not all(kinds) or ("counting" not in kinds and not _WORDY.search(key)):
            continue
        slot = kinds.index("counting") if "counting" in kinds else None
        for i in holders:
            if slot is not None and i not in folios:
                folios[i] = numbers[i][slot]
            pages[i].pop(at)
            removed += 1
    return removed


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
