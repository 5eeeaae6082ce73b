"""How a target's metric is read (lead and tail words, anchors, heads), from ingest/data/target_metrics.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from ingest.lexicon.tables import Row, packaged, read_table, words_pattern

TABLE = "target_metrics.toml"
SECTIONS = ("lead", "tail", "anchors", "heads")


@dataclass(frozen=True)
class MetricWords:
    """One section: its words, `pattern` (the words, or a match of the section's own `pattern`, at the start
    of a text for `lead`, at its end for the others; `lead` and `tail` repeated), and its example with the
    metric it gives ("" for none)."""

    words: tuple[str, ...]
    pattern: re.Pattern[str]
    example: str
    metric: str


@dataclass(frozen=True)
class TargetMetrics:
    """The compiled table."""

    lead: MetricWords
    tail: MetricWords
    anchors: MetricWords
    heads: MetricWords

    def subject(self, before: str) -> str:
        """`before` (the clause before a number, its comparator word removed) without its lead and tail words."""
        return self.tail.pattern.sub("", self.lead.pattern.sub("", before))

    def sections(self) -> tuple[MetricWords, ...]:
        """The sections in the table's order."""
        return (self.lead, self.tail, self.anchors, self.heads)


def _section(table: Row, key: str) -> MetricWords:
    row = table.section(key).only("words", "pattern", "example", "metric")
    words = row.texts("words")
    extra = row.text("pattern", "")
    alternation = f"(?:{extra}|{words_pattern(words)})" if extra else f"(?:{words_pattern(words)})"
    source = {"lead": f"^{alternation}+", "tail": f"{alternation}+$"}.get(key, f"{alternation}$")
    metric = row.values.get("metric")
    if not isinstance(metric, str):
        raise row.fail("'metric' must be a string")
    return MetricWords(words, row.compile(source, "words"), row.text("example"), metric)


def load(source: Traversable | Path) -> TargetMetrics:
    """Read and compile a target-metric table."""
    table = read_table(source).only(*SECTIONS)
    return TargetMetrics(*(_section(table, key) for key in SECTIONS))


@cache
def target_metrics() -> TargetMetrics:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
