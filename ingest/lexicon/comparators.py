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
    number (a `before` row) or at the start of the text after it (an `after` row)."""

    comparator: Comparator
    words: tuple[str, ...]
    gap: int
    pattern: re.Pattern[str]
    example: str


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

    def word_before(self, before: str) -> tuple[str, Comparator] | None:
        """(the comparator word ending `before`, its comparator), unless negated (未达到); else None."""
        for row in self.before:
            m = row.pattern.search(before)
            if m:
                return None if self.negated.search(before[: m.start()]) else (m.group(), row.comparator)
        return None

    def word_after(self, after: str) -> Comparator | None:
        """The comparator of the after-row word `after` starts with (以上 → >=), else None."""
        return next((row.comparator for row in self.after if row.pattern.match(after)), None)


def _comparator(row: Row, particles: str, before: bool) -> ComparatorWords:
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
        source = f"(?:{words_pattern(words)})(?:{particles})?$"
    return ComparatorWords(
        row.choice("comparator", COMPARATORS), words, gap, row.compile(source, "words"), row.text("example")
    )


def _ending(table: Row, key: str) -> re.Pattern[str]:
    return table.compile(f"(?:{words_pattern(table.texts(key))})$", key)


def load(source: Traversable | Path) -> TargetComparators:
    """Read and compile a target-comparator table."""
    table = read_table(source).only("particles", "negations", "conditions", "caps", "before", "after")
    particles = words_pattern(table.texts("particles"))
    after = tuple(_comparator(r, particles, before=False) for r in table.rows("after"))
    return TargetComparators(
        before=tuple(_comparator(r, particles, before=True) for r in table.rows("before")),
        after=after,
        negated=_ending(table, "negations"),
        condition=_ending(table, "conditions"),
        cap=_ending(table, "caps"),
        after_word=table.compile(f"^(?:{words_pattern([w for row in after for w in row.words])})", "after"),
    )


@cache
def target_comparators() -> TargetComparators:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
