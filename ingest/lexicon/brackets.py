"""Bracket-aware scanning: depth, matching bracket, top-level groups and splits, for any bracket set.

Any closing bracket of a set closes any opening one (PDF text mixes （ with ) often enough that pairing
by type loses more than it finds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Brackets:
    """A set of opening and closing brackets."""

    opening: str
    closing: str
    _next_opening: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _next_bracket: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_next_opening", re.compile(f"[{re.escape(self.opening)}]"))
        object.__setattr__(self, "_next_bracket", re.compile(f"[{re.escape(self.opening + self.closing)}]"))

    def depth(self, s: str, i: int) -> int:
        """Brackets opened minus brackets closed in s[:i] (negative after a stray closing bracket)."""
        head = s[:i]
        return sum(ch in self.opening for ch in head) - sum(ch in self.closing for ch in head)

    def match(self, text: str, i: int, end: int, window: int | None = None) -> int:
        """Offset of the bracket that closes the one opened at text[i], looked for before `end` (and within
        `window` characters of i); -1 if there is none."""
        depth = 0
        stop = end if window is None else min(end, i + window)
        for bracket in self._next_bracket.finditer(text, i, stop):
            if bracket.group() in self.opening:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return bracket.start()
        return -1

    def groups(
        self, text: str, start: int = 0, end: int | None = None, window: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of every outermost bracketed group in text[start:end], brackets included; an
        opening bracket that nothing closes is skipped and the scan goes on inside it."""
        stop = len(text) if end is None else end
        opening = self._next_opening.search(text, start, stop)
        while opening:
            i = opening.start()
            close = self.match(text, i, stop, window)
            if close >= 0:
                yield i, close + 1
            opening = self._next_opening.search(text, close + 1 if close >= 0 else i + 1, stop)

    def split(self, s: str, separators: str) -> list[tuple[str, int]]:
        """Parts of s between separators that stand outside brackets, each with its offset; empty parts
        kept. A stray closing bracket does not take the depth below zero."""
        parts: list[tuple[str, int]] = []
        depth, start = 0, 0
        for i, ch in enumerate(s):
            if ch in self.opening:
                depth += 1
            elif ch in self.closing:
                depth = max(0, depth - 1)
            elif depth == 0 and ch in separators:
                parts.append((s[start:i], start))
                start = i + 1
        parts.append((s[start:], start))
        return parts

    def list_end(self, text: str, i: int, end: int, stops: str) -> int:
        """Where a run of text from i ends: the first `stops` character (at any depth) or the first closing
        bracket that closes nothing opened since i; `end` if neither comes."""
        depth = 0
        for j in range(i, end):
            ch = text[j]
            if ch in self.opening:
                depth += 1
            elif ch in self.closing:
                if depth == 0:
                    return j
                depth -= 1
            elif ch in stops:
                return j
        return end


PARENTHESES = Brackets("（(〔【", "）)〕】")
"""Round brackets of both widths and the square ones (〔〕【】) that notices use the same way."""

TITLE_MARKS = Brackets("《", "》")
"""Book-title marks: 《…》 around a cited document's title, nested ones kept inside."""
