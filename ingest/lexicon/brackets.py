"""Bracket-aware scanning: depth, matching bracket, top-level groups and splits, for any bracket set.

Any closing bracket of a set closes any opening one (PDF text mixes （ with ) often enough that pairing
by type loses more than it finds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate


@dataclass(frozen=True)
class Brackets:
    """A set of opening and closing brackets."""

    opening: str
    closing: str
    _next_bracket: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_next_bracket", re.compile(f"[{re.escape(self.opening + self.closing)}]"))

    def depth(self, s: str, i: int) -> int:
        """Brackets opened minus brackets closed in s[:i] (negative after a stray closing bracket)."""
        head = s[:i]
        return sum(ch in self.opening for ch in head) - sum(ch in self.closing for ch in head)

    def depths(self, s: str) -> list[int]:
        """`depth(s, i)` for every i from 0 to len(s), in one pass (for a loop that asks at many offsets)."""
        steps = (1 if ch in self.opening else -1 if ch in self.closing else 0 for ch in s)
        return list(accumulate(steps, initial=0))

    def pairs(self, text: str, start: int = 0, end: int | None = None) -> tuple[dict[int, int], list[int]]:
        """In one pass over text[start:end]: the offset of the bracket that closes each opening bracket
        (by its offset), and the opening brackets that nothing closes, in order."""
        closes: dict[int, int] = {}
        stack: list[int] = []
        for bracket in self._next_bracket.finditer(text, start, len(text) if end is None else end):
            if bracket.group() in self.opening:
                stack.append(bracket.start())
            elif stack:
                closes[stack.pop()] = bracket.start()
        return closes, stack

    def groups(
        self, text: str, start: int = 0, end: int | None = None, window: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of every outermost bracketed group in text[start:end], brackets included, whose
        closing bracket comes within `window` characters of its opening one; an opening bracket that
        nothing closes (or not in time) is skipped and the scan goes on inside it."""
        closes, _ = self.pairs(text, start, end)
        resume = start
        for i in sorted(closes):
            if i < resume:
                continue
            close = closes[i]
            if window is None or close < i + window:
                yield i, close + 1
                resume = close + 1

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
