"""Target comparators (不低于, 压缩至, 以上 …) compiled from ingest/data/target_comparators.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import get_args

from ingest.lexicon.tables import Row, packaged, read_table, words_pattern
from ingest.records import Comparator

COMPARATORS: tuple[Comparator, ...] = get_args(Comparator)
TABLE = "target_comparators.toml"


@dataclass(frozen=True)
class ComparatorWords:
    """Words that commit a number to `comparator`; `pattern` finds one at the end of the text before the
    number (a `before` row) or at the start of the text after it (an `after` row); `reach` is the longest
    text a before row's pattern matches."""

    comparator: Comparator
    words: tuple[str, ...]
    gap: int
    pattern: re.Pattern[str]
    example: str
    reach: int


@dataclass(frozen=True)
class TargetComparators:
    """The compiled table: `before` and `after` rows in order; `negated`, `condition` and `cap` end the
    text before a number (未, 不得低于, 最高不超过); `after_word` is any after-row word at a text's start."""

    before: tuple[ComparatorWords, ...]
    after: tuple[ComparatorWords, ...]
    negated: re.Pattern[str]
    condition: re.Pattern[str]
    cap: re.Pattern[str]
    after_word: re.Pattern[str]
    negation_reach: int

    def word_before(self, before: str) -> tuple[str, Comparator] | None:
        """(the comparator word ending `before`, its comparator), unless negated (未达到); else None. Only
        the end of `before` is read (each pattern's reach), so a long text costs no more than a short one."""
        for row in self.before:
            m = row.pattern.search(before, max(0, len(before) - row.reach))
            if m:
                negated = self.negated.search(before, max(0, m.start() - self.negation_reach), m.start())
                return None if negated else (m.group(), row.comparator)
        return None

    def word_after(self, after: str) -> Comparator | None:
        """The comparator of the after-row word `after` starts with (以上 → >=), else None."""
        return next((row.comparator for row in self.after if row.pattern.match(after)), None)


def _comparator(row: Row, particles: tuple[str, ...], before: bool) -> ComparatorWords:
    row.only("comparator", "words", "gap", "example")
    words = row.texts("words")
    gap = row.integer("gap", 0) if before else 0
    if not before and "gap" in row.values:
        raise row.fail("'gap' is for [[before]] rows")
    if not before:
        source = f"^(?:{words_pattern(words)})"
    elif gap:
        source = rf"(?:{words_pattern(words)})[\u4e00-\u9fff]{{1,{gap}}}$"
    else:
        source = f"(?:{words_pattern(words)})(?:{words_pattern(particles)})?$"
    reach = _longest(words) + (gap or _longest(particles))
    return ComparatorWords(
        row.choice("comparator", COMPARATORS),
        words,
        gap,
        row.compile(source, "words"),
        row.text("example"),
        reach,
    )


def _longest(words: tuple[str, ...]) -> int:
    return max(map(len, words), default=0)


def _ending(table: Row, key: str) -> re.Pattern[str]:
    return table.compile(f"(?:{words_pattern(table.texts(key))})$", key)


def load(source: Traversable | Path) -> TargetComparators:
    """Read and compile a target-comparator table."""
    table = read_table(source).only("particles", "negations", "conditions", "caps", "before", "after")
    particles = table.texts("particles")
    after = tuple(_comparator(r, particles, before=False) for r in table.rows("after"))
    return TargetComparators(
        before=tuple(_comparator(r, particles, before=True) for r in table.rows("before")),
        after=after,
        negated=_ending(table, "negations"),
        condition=_ending(table, "conditions"),
        cap=_ending(table, "caps"),
        after_word=table.compile(f"^(?:{words_pattern([w for row in after for w in row.words])})", "after"),
        negation_reach=_longest(table.texts("negations")),
    )


@cache
def target_comparators() -> TargetComparators:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
