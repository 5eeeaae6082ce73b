"""The prefixes of national bodies' names, compiled from ingest/data/national_bodies.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from ingest.lexicon.tables import Patterned, Row, alternation, packaged, patterned, read_table, words_pattern

TABLE = "national_bodies.toml"


@dataclass(frozen=True)
class Prefix:
    """A prefix of national bodies' names, whether they are bodies of the central state, and a name."""

    prefix: str
    central: bool
    example: str


@dataclass(frozen=True)
class NationalBodies:
    """The compiled table: `prefixes` (all, for str.startswith), `central` (a name or title that starts
    like a body of the central state: a central prefix or a title pattern)."""

    prefixes: tuple[str, ...]
    prefix_rows: tuple[Prefix, ...]
    title_rows: tuple[Patterned, ...]
    central: re.Pattern[str]


def _prefix(row: Row) -> Prefix:
    row.only("prefix", "central", "example")
    return Prefix(row.text("prefix"), row.flag("central", False), row.text("example"))


def load(source: Traversable | Path) -> NationalBodies:
    """Read and compile a national-bodies table."""
    table = read_table(source).only("prefix", "title_pattern")
    prefixes = tuple(_prefix(r) for r in table.rows("prefix"))
    titles = tuple(patterned(r) for r in table.rows("title_pattern"))
    central = f"^(?:{words_pattern([p.prefix for p in prefixes if p.central])})|{alternation(titles)}"
    return NationalBodies(
        prefixes=tuple(p.prefix for p in prefixes),
        prefix_rows=prefixes,
        title_rows=titles,
        central=table.compile(central, "title_pattern"),
    )


@cache
def national_bodies() -> NationalBodies:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
