"""How a regulation prints its history and its duties, compiled from ingest/data/regulations.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import get_args

from ingest.lexicon.tables import Row, packaged, read_table, words_pattern
from ingest.records import EnactmentKind, Provisions

EVENT_KINDS: tuple[EnactmentKind, ...] = get_args(EnactmentKind)
TABLE = "regulations.toml"


@dataclass(frozen=True)
class EventKind:
    """A kind of step in a regulation's making and the verbs that end it."""

    kind: EnactmentKind
    verbs: tuple[str, ...]
    example: str


@dataclass(frozen=True)
class UnplacedIssuer:
    """The maker of a regulation whose title names no place and whose text prints no history."""

    title_words: tuple[str, ...]
    issuer: str
    example: str


@dataclass(frozen=True)
class Regulations:
    """The compiled table.

    `verb` finds the verb that ends a step (group `verb`); `ordinal` a session or meeting ordinal;
    `number` a 令 or 公告 number (groups `kind`, `seq`), `sequence` the number alone (第7号, （第18号）),
    `cover_line` a cover's first line (groups `body`, `kind`, `seq`); `decision` an amending decision
    (group 1); `connectives` the words around a body's name that are not part of it.
    """

    events: tuple[EventKind, ...]
    verb: re.Pattern[str]
    connectives: re.Pattern[str]
    ordinal: re.Pattern[str]
    ordinal_example: str
    number: re.Pattern[str]
    sequence: re.Pattern[str]
    cover_line: re.Pattern[str]
    number_example: str
    decision: re.Pattern[str]
    decision_example: str
    state_prefix: str
    unplaced_issuers: tuple[UnplacedIssuer, ...]
    general: tuple[str, ...]
    supplementary: tuple[str, ...]
    duty_cue: re.Pattern[str]
    lead_duty: re.Pattern[str]
    not_subjects: tuple[str, ...]

    def kind_of(self, verb: str) -> EnactmentKind:
        """The kind of step a verb ends (the first row that lists it)."""
        return next(e.kind for e in self.events if verb in e.verbs)

    def provisions(self, chapter_title: str) -> Provisions | None:
        """general for a 总则 chapter, supplementary for a 附则 one, else None."""
        if chapter_title in self.general:
            return "general"
        return "supplementary" if chapter_title in self.supplementary else None

    def unplaced_issuer(self, title: str) -> str | None:
        """The maker a title ending with one of a row's words implies, or None."""
        return next((r.issuer for r in self.unplaced_issuers if title.endswith(r.title_words)), None)


def _event(row: Row) -> EventKind:
    row.only("kind", "verbs", "example")
    event = EventKind(row.choice("kind", EVENT_KINDS), row.texts("verbs"), row.text("example"))
    if not event.example.endswith(event.verbs):
        raise row.fail(f"example {event.example!r} does not end with one of its verbs")
    return event


def _unplaced(row: Row) -> UnplacedIssuer:
    row.only("title_words", "issuer", "example")
    return UnplacedIssuer(row.texts("title_words"), row.text("issuer"), row.text("example"))


def load(source: Traversable | Path) -> Regulations:
    """Read and compile a regulations table."""
    table = read_table(source).only(
        "event",
        "connectives",
        "ordinal",
        "ordinal_example",
        "cover_kinds",
        "sequence",
        "number_example",
        "decision",
        "decision_example",
        "state_prefix",
        "unplaced_issuer",
        "provisions",
        "duty_cues",
        "lead_duties",
        "lead_after",
        "not_subjects",
    )
    events = tuple(_event(r) for r in table.rows("event"))
    provisions = table.section("provisions").only("general", "supplementary")
    sequence = table.pattern("sequence")
    if "seq" not in sequence.groupindex:
        raise table.fail("'sequence' needs a group 'seq' for the number")
    kinds = words_pattern(table.texts("cover_kinds"))
    decision = table.pattern("decision")
    if decision.groups < 1:
        raise table.fail("'decision' needs a group for the decision's title")
    verbs = words_pattern([v for e in events for v in e.verbs])
    return Regulations(
        events=events,
        verb=table.compile(f"(?P<verb>{verbs})", "event"),
        connectives=table.compile(f"^(?:{words_pattern(table.texts('connectives'))})+", "connectives"),
        ordinal=table.pattern("ordinal"),
        ordinal_example=table.text("ordinal_example"),
        number=table.compile(f"(?P<kind>{kinds}){sequence.pattern}", "sequence"),
        sequence=sequence,
        cover_line=table.compile(
            rf"(?P<body>[\u4e00-\u9fff]*?)(?P<kind>{kinds})(?:{sequence.pattern})?", "cover_kinds"
        ),
        number_example=table.text("number_example"),
        decision=decision,
        decision_example=table.text("decision_example"),
        state_prefix=table.text("state_prefix"),
        unplaced_issuers=tuple(_unplaced(r) for r in table.rows("unplaced_issuer")),
        general=provisions.texts("general"),
        supplementary=provisions.texts("supplementary"),
        duty_cue=table.compile(f"(?:{words_pattern(table.texts('duty_cues'))})(?!人)", "duty_cues"),
        lead_duty=table.compile(
            f"(?:{words_pattern(table.texts('lead_after'))})?(?:{words_pattern(table.texts('lead_duties'))})",
            "lead_duties",
        ),
        not_subjects=table.texts("not_subjects"),
    )


@cache
def regulations() -> Regulations:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
