"""The agency-name rules of kg/data/agency_rules.toml, read once and compiled (see the table's header)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import get_args

from ingest.lexicon.tables import Row, packaged, read_table
from ingest.records import RegionLevel

LEVELS: tuple[RegionLevel, ...] = get_args(RegionLevel)
TABLE = "agency_rules.toml"


@dataclass(frozen=True)
class Rewrite:
    """A whole-name rewrite: names `pattern` matches become `replacement` (example → gives)."""

    pattern: re.Pattern[str]
    replacement: str
    example: str
    gives: str

    def apply(self, name: str) -> str | None:
        """The rewritten name, or None when the pattern does not match at the start of `name`."""
        return self.pattern.sub(self.replacement, name) if self.pattern.match(name) else None


@dataclass(frozen=True)
class AgencyRules:
    """The compiled table; `core_suffixes` longest first, as they are tried."""

    rewrites: tuple[Rewrite, ...]
    keep: tuple[str, ...]
    internal_suffixes: tuple[str, ...]
    not_districts: tuple[str, ...]
    party_committees: tuple[str, ...]
    cores: Mapping[str, str]
    core_suffixes: tuple[tuple[str, str], ...]
    level_cores: Mapping[str, Mapping[str, str]]


def _rewrite(row: Row) -> Rewrite:
    row.only("pattern", "replacement", "example", "gives")
    rewrite = Rewrite(row.pattern("pattern"), row.text("replacement"), row.text("example"), row.text("gives"))
    try:
        rewrite.apply(rewrite.example)
    except re.error as err:
        raise row.fail(f"'replacement' does not fit the pattern: {err}") from None
    return rewrite


def _level_forms(row: Row) -> dict[str, str]:
    row.only(*LEVELS)
    return {level: row.text(level) for level in LEVELS if level in row.values}


def load(source: Traversable | Path) -> AgencyRules:
    """Read and compile an agency-rules table."""
    table = read_table(source).only(
        "keep",
        "internal_suffixes",
        "not_districts",
        "party_committees",
        "rewrite",
        "cores",
        "core_suffixes",
        "level_cores",
    )
    suffixes = table.mapping("core_suffixes")
    level_cores = {core: _level_forms(forms) for core, forms in table.sections("level_cores")}
    return AgencyRules(
        rewrites=tuple(_rewrite(r) for r in table.rows("rewrite")),
        keep=table.texts("keep"),
        internal_suffixes=table.texts("internal_suffixes"),
        not_districts=table.texts("not_districts"),
        party_committees=table.texts("party_committees"),
        cores=table.mapping("cores"),
        core_suffixes=tuple(sorted(suffixes.items(), key=lambda kv: -len(kv[0]))),
        level_cores=level_cores,
    )


@cache
def agency_rules() -> AgencyRules:
    """The packaged table, read once."""
    return load(packaged("kg", TABLE))
