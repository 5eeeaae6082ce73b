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
class Exclusion:
    """A rule that makes a number no target: its words (none when the row is a `pattern`), compiled, and an
    example that is no target."""

    words: tuple[str, ...]
    pattern: re.Pattern[str]
    example: str


@dataclass(frozen=True)
class TargetComparators:
    """The compiled table: `before` and `after` rows in order; `negated`, `condition` and `cap` end the
    text before a number (未, 不得低于, 最高不超过); `after_word` is any after-row word at a text's start;
    `reach` is how far back from a number a before-row word and its negation can start. What makes a number
    no target whatever its comparator, each with its example: `benefits` (anywhere in its clause), `names`
    (a name the time runs on into, at the start of the text after the number), `qualifiers` (at the end of the text before it, when 的
    follows it), `requirements` (in its sentence before it) and `joined` (in its clause before it)."""

    before: tuple[ComparatorWords, ...]
    after: tuple[ComparatorWords, ...]
    negated: re.Pattern[str]
    condition: re.Pattern[str]
    cap: re.Pattern[str]
    after_word: re.Pattern[str]
    reach: int
    benefits: Exclusion
    names: Exclusion
    qualifiers: Exclusion
    requirements: Exclusion
    joined: Exclusion

    def word_before(self, before: str) -> tuple[str, Comparator] | None:
        """(the comparator word ending `before`, its comparator), unless negated (未达到); else None."""
        before = before[-self.reach :]  # only the end can hold the word: the search stays short
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


def _exclusion(table: Row, key: str, source: str = "") -> Exclusion:
    """A section of `words` (compiled into `source` at {words}) or of a `pattern`, with its `example`."""
    if not source:
        row = table.section(key).only("pattern", "example")
        return Exclusion((), row.pattern("pattern"), row.text("example"))
    row = table.section(key).only("words", "example")
    words = row.texts("words")
    return Exclusion(
        words, row.compile(source.format(words=words_pattern(words)), "words"), row.text("example")
    )


def load(source: Traversable | Path) -> TargetComparators:
    """Read and compile a target-comparator table."""
    table = read_table(source).only(
        "particles",
        "negations",
        "conditions",
        "caps",
        "benefits",
        "names",
        "qualifiers",
        "requirements",
        "joined",
        "before",
        "after",
    )
    particles = words_pattern(table.texts("particles"))
    after = tuple(_comparator(r, particles, before=False) for r in table.rows("after"))
    before = tuple(_comparator(r, particles, before=True) for r in table.rows("before"))
    # a word, its particle or gap, and a negation before it: all the end of the text a word can reach
    reach = sum(
        max(lengths)
        for lengths in (
            [len(w) for row in before for w in row.words],
            [row.gap for row in before],
            [len(w) for w in table.texts("particles")],
            [len(w) for w in table.texts("negations")],
        )
    )
    return TargetComparators(
        before=before,
        after=after,
        negated=_ending(table, "negations"),
        condition=_ending(table, "conditions"),
        cap=_ending(table, "caps"),
        after_word=table.compile(f"^(?:{words_pattern([w for row in after for w in row.words])})", "after"),
        reach=reach,
        benefits=_exclusion(table, "benefits", "(?:{words})"),
        names=_exclusion(table, "names", "^[\u4e00-\u9fff“”]{{0,8}}?(?:{words})"),
        qualifiers=_exclusion(table, "qualifiers", f"(?:{{words}})(?:{particles})?$"),
        requirements=_exclusion(table, "requirements"),
        joined=_exclusion(table, "joined", "(?:{words})"),
    )


@cache
def target_comparators() -> TargetComparators:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
