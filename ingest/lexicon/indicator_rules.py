"""The indicator taxonomy and its reading rules: ingest/data/indicators.json (the indicators and their cues),
indicator_clauses.toml (what in a measure is no evidence) and indicator_senses.toml (cues with two meanings)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from ingest.lexicon.phrases import PhraseFinder
from ingest.lexicon.tables import Patterned, Row, alternation, packaged, patterned, read_table
from ingest.lexicon.unit_labels import unit_labels

TAXONOMY = "indicators.json"
CLAUSES = "indicator_clauses.toml"
SENSES = "indicator_senses.toml"
_SENTENCE_END = re.compile(r"[。；！？\n]")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding text[start:end] (sentences end at 。；！？ or a line break)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


@dataclass(frozen=True)
class Sense:
    """When a cue counts for an indicator: the sentence has one of `needs` (if any) and none of `unless`, and
    the cue is not directly preceded by a `not_after` or followed by a `not_before` string. With `in_title`,
    the document's title is read with the sentence (调解 in a patent-dispute plan is the patent's dispute)."""

    needs: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    in_title: bool = False

    def allows(self, text: str, start: int, end: int, title: str = "") -> bool:
        """Whether the cue at text[start:end] is used in this sense (in a document of that `title`)."""
        if any(text.endswith(s, 0, start) for s in self.not_after):
            return False
        if any(text.startswith(s, end) for s in self.not_before):
            return False
        sentence = sentence_around(text, start, end)
        if self.in_title:
            sentence = f"{sentence}\n{title}"
        if self.needs and not any(w in sentence for w in self.needs):
            return False
        return not any(w in sentence for w in self.unless)


@dataclass(frozen=True)
class SenseRow:
    """A row of the senses table: the indicator, its cues the sense is for, and a text in each sense (with
    `in_title`, each read in a document of its title, none if not given)."""

    indicator: str
    cues: tuple[str, ...]
    sense: Sense
    own: str
    other: str
    own_title: str = ""
    other_title: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator of the taxonomy with its cues."""

    name: str
    group: str
    bready: str | None
    heading_cues: tuple[str, ...]
    strong_cues: tuple[str, ...]
    weak_cues: tuple[str, ...]


@dataclass(frozen=True)
class Organisational:
    """Organisational heading words, how many characters may stand around them, and a heading of each kind."""

    words: PhraseFinder
    slack: int
    example: str
    counter: str


@dataclass(frozen=True)
class FormalChapters:
    """Chapters of a rule that hold only formal clauses (法律责任, 附则), with an article of one and its chapter."""

    words: frozenset[str]
    example: str
    chapter: str


@dataclass(frozen=True)
class Purpose:
    """A purpose clause, blanked in measure texts and, when `in_headings`, in headings too."""

    rule: Patterned
    in_headings: bool


@dataclass(frozen=True)
class Predicate:
    """A clause-initial verb and how many characters after it a cue may start to head its object."""

    rule: Patterned
    reach: int


@dataclass(frozen=True)
class Clauses:
    """The clause rules, each with its example: formal sentences, unit lists, purpose clauses, organisational headings,
    lists of examples, insertions inside words, article numbers and titles, umbrella headings, indicator fields, the
    predicate whose object names an indicator; and the compiled patterns."""

    formal_rows: tuple[Patterned, ...]
    unit_rows: tuple[Patterned, ...]
    purpose_rows: tuple[Purpose, ...]
    organisational: Organisational
    example_list: Patterned
    open_list: Patterned
    insertion: Patterned
    article: Patterned
    formal_chapter: FormalChapters
    article_title: Patterned
    umbrella: Patterned
    field_section: Patterned
    predicate: Predicate
    formal: re.Pattern[str]
    units: re.Pattern[str]
    purpose: re.Pattern[str]
    heading_purpose: re.Pattern[str]


@dataclass(frozen=True)
class Taxonomy:
    """The indicator system, its indicators and the cue patterns built from them."""

    system: str
    indicators: tuple[Indicator, ...]
    clauses: Clauses
    sense_rows: tuple[SenseRow, ...]
    heading_re: PhraseFinder
    heading_owner: dict[str, tuple[str, ...]]
    cue_re: PhraseFinder
    cue_weights: dict[str, tuple[tuple[str, int], ...]]
    senses: dict[tuple[str, str], tuple[Sense, ...]]
    cross_cutting: dict[str, frozenset[str]]
    city: frozenset[str]


def _purpose(row: Row) -> Purpose:
    row.only("pattern", "example", "in_headings")
    rule = Patterned(row.pattern("pattern"), row.text("example"))
    return Purpose(rule, row.flag("in_headings", False))


def _predicate(row: Row) -> Predicate:
    row.only("pattern", "example", "reach")
    return Predicate(Patterned(row.pattern("pattern"), row.text("example")), row.integer("reach", 0))


def _formal_chapters(row: Row) -> FormalChapters:
    row.only("words", "example", "chapter")
    return FormalChapters(frozenset(row.texts("words")), row.text("example"), row.text("chapter"))


def _never(rows: tuple[Patterned, ...]) -> re.Pattern[str]:
    return re.compile(alternation(rows) if rows else r"(?!)")


def load_clauses(source: Traversable | Path) -> Clauses:
    """The clauses table, checked and compiled."""
    table = read_table(source).only(
        "formal",
        "units",
        "purpose",
        "organisational",
        "example_list",
        "open_list",
        "insertion",
        "article",
        "formal_chapter",
        "article_title",
        "umbrella",
        "field_section",
        "predicate",
    )
    formal = tuple(patterned(r) for r in table.rows("formal"))
    units = tuple(patterned(r) for r in table.rows("units"))
    purpose = tuple(_purpose(r) for r in table.rows("purpose"))
    org = table.section("organisational").only("words", "slack", "example", "counter")
    return Clauses(
        formal_rows=formal,
        unit_rows=units,
        purpose_rows=purpose,
        organisational=Organisational(
            PhraseFinder(org.texts("words")),
            org.integer("slack", 0),
            org.text("example"),
            org.text("counter"),
        ),
        example_list=patterned(table.section("example_list")),
        open_list=patterned(table.section("open_list")),
        insertion=patterned(table.section("insertion")),
        article=patterned(table.section("article")),
        formal_chapter=_formal_chapters(table.section("formal_chapter")),
        article_title=patterned(table.section("article_title")),
        umbrella=patterned(table.section("umbrella")),
        field_section=patterned(table.section("field_section")),
        predicate=_predicate(table.section("predicate")),
        formal=_never(formal),
        units=re.compile(f"{alternation(units)}|(?:{unit_labels().label.pattern})[^。；]*"),
        purpose=_never(tuple(p.rule for p in purpose)),
        heading_purpose=_never(tuple(p.rule for p in purpose if p.in_headings)),
    )


def _sense_row(row: Row, names: set[str]) -> SenseRow:
    keys = ("indicator", "cues", "needs", "unless", "not_after", "not_before", "in_title", "own", "other")
    row.only(*keys, *(("own_title", "other_title") if row.flag("in_title", False) else ()))
    indicator = row.text("indicator")
    if indicator not in names:
        raise row.fail(f"'indicator' {indicator!r} is not an indicator of {TAXONOMY}")
    needs, unless, not_after, not_before = (
        row.texts(k, ()) for k in ("needs", "unless", "not_after", "not_before")
    )
    sense = Sense(needs, unless, not_after, not_before, row.flag("in_title", False))
    titles = (row.text(k, "") for k in ("own_title", "other_title"))
    return SenseRow(indicator, row.texts("cues"), sense, row.text("own"), row.text("other"), *titles)


def load_senses(source: Traversable | Path, names: set[str]) -> tuple[SenseRow, ...]:
    """The senses table, checked against the taxonomy's indicator names."""
    return tuple(_sense_row(r, names) for r in read_table(source).only("sense").rows("sense"))


def _senses_by_cue(rows: tuple[SenseRow, ...]) -> dict[tuple[str, str], tuple[Sense, ...]]:
    """(indicator, cue) -> the senses of every row naming the cue for the indicator (all must allow it)."""
    senses: dict[tuple[str, str], list[Sense]] = defaultdict(list)
    for row in rows:
        for cue in row.cues:
            senses[(row.indicator, cue)].append(row.sense)
    return {key: tuple(found) for key, found in senses.items()}


@cache
def taxonomy() -> Taxonomy:
    """The packaged taxonomy and its rule tables, read once."""
    data = json.loads(packaged("ingest", TAXONOMY).read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(
            name=i["name"],
            group=i["group"],
            bready=i.get("bready"),
            heading_cues=tuple(dict.fromkeys([i["name"], *i.get("variants", []), *i["heading_cues"]])),
            strong_cues=tuple(dict.fromkeys([i["name"], *i.get("variants", []), *i["strong_cues"]])),
            weak_cues=tuple(i["weak_cues"]),
        )
        for i in data["indicators"]
    )
    sense_rows = load_senses(packaged("ingest", SENSES), {i.name for i in indicators})
    weights: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for ind in indicators:
        for cue, weight in [*((c, 2) for c in ind.strong_cues), *((c, 1) for c in ind.weak_cues)]:
            if ind.name not in (name for name, _ in weights[cue]):
                weights[cue].append((ind.name, weight))
    heading_owner: dict[str, list[str]] = defaultdict(list)
    for ind in indicators:
        for cue in ind.heading_cues:
            heading_owner[cue].append(ind.name)
    return Taxonomy(
        system=data["system"],
        indicators=indicators,
        clauses=load_clauses(packaged("ingest", CLAUSES)),
        sense_rows=sense_rows,
        heading_re=PhraseFinder(heading_owner),
        heading_owner={k: tuple(v) for k, v in heading_owner.items()},
        cue_re=PhraseFinder(weights),
        cue_weights={k: tuple(v) for k, v in weights.items()},
        senses=_senses_by_cue(sense_rows),
        city=frozenset(i.name for i in indicators if i.group == "city"),
        cross_cutting={
            i["name"]: frozenset(i["tool_cues"]) for i in data["indicators"] if i.get("cross_cutting")
        },
    )
