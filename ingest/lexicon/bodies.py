"""What a body's name ends with and what kind of body it is, compiled from ingest/data/bodies.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import get_args

from ingest.lexicon.tables import Row, packaged, read_table, words_pattern
from ingest.records import BodyKind

GROUPS = ("organ", "place", "category")
DEFAULT_KIND: BodyKind = "department"
# The kinds a [[kind]] row may give; a body no row matches is DEFAULT_KIND.
KINDS: tuple[BodyKind, ...] = tuple(k for k in get_args(BodyKind) if k != DEFAULT_KIND)
TABLE = "bodies.toml"


@dataclass(frozen=True)
class Ending:
    """A word a body's name ends with (see the table's header for the fields)."""

    ending: str
    group: str
    example: str
    running_text: bool
    not_after: str
    takes_list_level: bool
    branch: bool
    also_ordinary: bool


@dataclass(frozen=True)
class Kind:
    """A kind of body and the pattern that tells it (searched in the printed name)."""

    kind: BodyKind
    pattern: re.Pattern[str]
    example: str


@dataclass(frozen=True)
class Bodies:
    """The compiled table.

    `unit_ending`: the end of a unit's name in a list, a place included (市商务委, 闵行区);
    `body_ending`: the end of a body proper (市商务委, not 闵行区 or 一网通办);
    `addressee_ending`: the same or a kind of body (各金融机构), the end of a notice's addressee list;
    `list_item_ending`: the same without the endings of ordinary words (场所): a bracketed item of a list;
    `department_ending`: the end of a department that takes its list's level (省商务厅、工信厅);
    `branch`: a branch's ending anywhere in a name (奉贤分局 in 上海市公安局奉贤分局);
    `actor_endings`: an alternation (not anchored) of the endings read in running text (市商务局负责…);
    `organ_ending`: an organ ending anywhere in a text (not anchored: the ends of the names a text prints);
    `generic_start`: the start of a generic unit (各区政府, 有关部门);
    `level_prefixes`: the level a short name starts with (省, 市, 区, 县: 市商务委).
    """

    level_prefixes: tuple[str, ...]
    endings: tuple[Ending, ...]
    kinds: tuple[Kind, ...]
    unit_ending: re.Pattern[str]
    body_ending: re.Pattern[str]
    addressee_ending: re.Pattern[str]
    list_item_ending: re.Pattern[str]
    department_ending: re.Pattern[str]
    branch: re.Pattern[str]
    actor_endings: str
    organ_ending: re.Pattern[str]
    generic_start: re.Pattern[str]

    def kind_of(self, name: str) -> BodyKind:
        """The kind of the first row that matches `name`, else department."""
        return next((k.kind for k in self.kinds if k.pattern.search(name)), DEFAULT_KIND)


def _ending(row: Row) -> Ending:
    row.only(
        "ending",
        "group",
        "example",
        "running_text",
        "not_after",
        "takes_list_level",
        "branch",
        "also_ordinary",
    )
    ending = Ending(
        row.text("ending"),
        row.choice("group", GROUPS),
        row.text("example"),
        row.flag("running_text", False),
        row.text("not_after", default=""),
        row.flag("takes_list_level", False),
        row.flag("branch", False),
        row.flag("also_ordinary", False),
    )
    if not ending.example.endswith(ending.ending):
        raise row.fail(f"example {ending.example!r} does not end with {ending.ending!r}")
    return ending


def _ending_pattern(endings: list[Ending], exceptions: bool) -> str:
    """`(?:…)$` over the endings, longest first; with `exceptions`, each ending's not_after applied."""
    ordered = sorted(endings, key=lambda e: len(e.ending), reverse=True)
    parts = [
        (f"(?<![{re.escape(e.not_after)}])" if exceptions and e.not_after else "") + re.escape(e.ending)
        for e in ordered
    ]
    return "(?:" + "|".join(parts) + ")$"


def _kind(row: Row, endings: tuple[Ending, ...]) -> Kind:
    row.only("kind", "starts", "contains", "ends", "ending_groups", "example")
    starts, ends = row.texts("starts", ()), row.texts("ends", ())
    contains = row.texts("contains", ())
    groups = row.texts("ending_groups", ())
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        raise row.fail(f"'ending_groups' has {unknown[0]!r}, not one of {', '.join(GROUPS)}")
    ends += tuple(e.ending for e in endings if e.group in groups)
    parts = [f"^(?:{words_pattern(starts)})"] if starts else []
    parts += [f"(?:{c})" for c in contains]
    parts += [f"(?:{words_pattern(ends)})$"] if ends else []
    if not parts:
        raise row.fail("needs at least one of 'starts', 'contains', 'ends', 'ending_groups'")
    for n, pattern in enumerate(contains):
        row.compile(pattern, f"contains[{n}]")
    return Kind(row.choice("kind", KINDS), row.compile("|".join(parts), "kind"), row.text("example"))


def load(source: Traversable | Path) -> Bodies:
    """Read and compile a bodies table."""
    table = read_table(source).only("level_prefixes", "ending", "kind")
    endings = tuple(_ending(r) for r in table.rows("ending"))
    kind_rows = table.rows("kind")
    kinds = tuple(_kind(r, endings) for r in kind_rows)
    generic = next((r for r, k in zip(kind_rows, kinds, strict=True) if k.kind == "generic"), None)
    if generic is None or not generic.texts("starts", ()):
        raise table.fail("needs a [[kind]] row of kind 'generic' with 'starts'")
    organ = [e for e in endings if e.group == "organ"]
    units = [e for e in endings if e.group != "category"]
    addressees = [e for e in endings if e.group != "place"]
    return Bodies(
        level_prefixes=table.texts("level_prefixes"),
        endings=endings,
        kinds=kinds,
        unit_ending=table.compile(_ending_pattern(units, exceptions=False), "ending"),
        body_ending=table.compile(_ending_pattern(organ, exceptions=True), "ending"),
        addressee_ending=table.compile(_ending_pattern(addressees, exceptions=True), "ending"),
        list_item_ending=table.compile(
            _ending_pattern([e for e in organ if not e.also_ordinary], exceptions=True), "ending"
        ),
        department_ending=table.compile(
            _ending_pattern([e for e in endings if e.takes_list_level], exceptions=True), "ending"
        ),
        branch=table.compile(words_pattern([e.ending for e in endings if e.branch]), "ending"),
        actor_endings=words_pattern([e.ending for e in endings if e.running_text]),
        organ_ending=table.compile(_ending_pattern(organ, exceptions=True).removesuffix("$"), "ending"),
        generic_start=table.compile(f"^(?:{words_pattern(generic.texts('starts'))})", "kind"),
    )


@cache
def bodies() -> Bodies:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
