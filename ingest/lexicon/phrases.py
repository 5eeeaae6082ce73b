"""Find many literal phrases in a text at once (Aho-Corasick), the way a longest-first regex alternation
does: scanning left to right, the longest phrase starting at each position, matches never overlapping."""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


class PhraseFinder:
    """Leftmost-longest, non-overlapping occurrences of a fixed set of phrases."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase in set(phrases):
            if phrase:
                self._automaton.add_word(phrase, phrase)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, phrase) in text order."""
        if self._empty or not text:
            return []
        hits = sorted(((end - len(p) + 1, -len(p), p) for end, p in self._automaton.iter(text)))
        found, taken_to = [], 0
        for start, negative_length, phrase in hits:
            if start >= taken_to:
                found.append((start, start - negative_length, phrase))
                taken_to = start - negative_length
        return found
