"""Unit-list labels, role phrases and lead rules, compiled from ingest/data/unit_labels.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal, get_args

from ingest.lexicon.tables import Patterned, Row, alternation, packaged, patterned, read_table, words_pattern
from ingest.records import UnitRole

ROLES: tuple[UnitRole, ...] = get_args(UnitRole)
JoinKind = Literal["and", "etc"]
JOINS: tuple[JoinKind, ...] = get_args(JoinKind)
TABLE = "unit_labels.toml"


@dataclass(frozen=True)
class Worded:
    """A word that gives a role (a label word or a phrase verb), with the text it is shown on."""

    word: str
    role: UnitRole
    example: str


@dataclass(frozen=True)
class Joiner:
    """A word that joins units inside one list part (`and`: 及; `etc`: 等), the words that, right after it,
    make it part of a phrase (及其), and the units its example reads as."""

    word: str
    joins: JoinKind
    not_before: tuple[str, ...]
    example: str
    gives: tuple[str, ...]


@dataclass(frozen=True)
class UnitLabels:
    """The compiled table.

    `label` finds 牵头单位： (group 1 the label word); `label_opening` tells a parenthesis that opens with
    a label, colon or not: （责任单位 …; `labelled_tail` is a parenthesised labelled list and all after it
    (（责任单位：市商务委） cut off a heading); `role_phrase` reads one clause `X牵头` (groups `units`,
    `verb`); `trailing_verb` is a responsible verb ending a list part (按职责分工负责); `support_after` the
    support verb after a unit in running text (要积极配合); `first_leads` finds the document-wide lead
    rule, `rule_clause` a lead rule or note inside a list; `task_label` opens a task breakdown;
    `and_joiner` finds a word joining two units in one list part (及, not 及其), `etc_joiner` one closing a
    named unit before its generic set (等).
    """

    labels: tuple[Worded, ...]
    verbs: tuple[Worded, ...]
    lead_rules: tuple[Patterned, ...]
    list_notes: tuple[Patterned, ...]
    task_labels: tuple[Patterned, ...]
    joiners: tuple[Joiner, ...]
    and_joiner: re.Pattern[str]
    etc_joiner: re.Pattern[str]
    label: re.Pattern[str]
    label_opening: re.Pattern[str]
    labelled_tail: re.Pattern[str]
    role_phrase: re.Pattern[str]
    first_leads: re.Pattern[str]
    rule_clause: re.Pattern[str]
    task_label: re.Pattern[str]
    support_after: re.Pattern[str]
    trailing_verb: re.Pattern[str]

    def label_role(self, word: str) -> UnitRole:
        """The role a label word gives (responsible for a word the table does not know)."""
        return next((w.role for w in self.labels if w.word == word), "responsible")

    def verb_role(self, word: str) -> UnitRole:
        """The role a phrase verb gives (responsible for a word the table does not know)."""
        return next((w.role for w in self.verbs if w.word == word), "responsible")

    def role_after(self, rest: str) -> UnitRole:
        """The role the words after a unit in running text give it: 牵头… lead, 要积极配合… support."""
        if rest.startswith(tuple(v.word for v in self.verbs if v.role == "lead")):
            return "lead"
        return "support" if self.support_after.match(rest) else "responsible"


def _worded(row: Row) -> Worded:
    row.only("word", "role", "example")
    return Worded(row.text("word"), row.choice("role", ROLES), row.text("example"))


def _joiner(row: Row) -> Joiner:
    row.only("word", "joins", "not_before", "example", "gives")
    return Joiner(
        row.text("word"),
        row.choice("joins", JOINS),
        row.texts("not_before", ()),
        row.text("example"),
        row.texts("gives"),
    )


def _joiner_pattern(joiners: list[Joiner]) -> str:
    """Any of the joiners' words, each not followed by one of its `not_before` words (never matches when
    there are none)."""
    parts = [
        re.escape(j.word) + (f"(?!{words_pattern(list(j.not_before))})" if j.not_before else "")
        for j in sorted(joiners, key=lambda j: len(j.word), reverse=True)
    ]
    return "|".join(parts) or "(?!)"


def load(source: Traversable | Path) -> UnitLabels:
    """Read and compile a unit-label table."""
    table = read_table(source).only(
        "qualifiers",
        "infixes",
        "nouns",
        "colons",
        "label",
        "phrase",
        "verb",
        "lead_rule",
        "list_note",
        "task_label",
        "running_text",
        "joiner",
    )
    labels = tuple(_worded(r) for r in table.rows("label"))
    verbs = tuple(_worded(r) for r in table.rows("verb"))
    phrase = table.section("phrase").only("before_verb", "after_verb")
    lead_rules = tuple(patterned(r) for r in table.rows("lead_rule"))
    notes = tuple(patterned(r) for r in table.rows("list_note"))
    tasks = tuple(patterned(r) for r in table.rows("task_label"))
    joiners = tuple(_joiner(r) for r in table.rows("joiner"))
    running = table.section("running_text").only("modals", "adverbs")
    support = words_pattern([v.word for v in verbs if v.role == "support"])
    modals, adverbs = words_pattern(running.texts("modals")), words_pattern(running.texts("adverbs"))
    qualifier = words_pattern(table.texts("qualifiers"))
    infix = words_pattern(table.texts("infixes"))
    noun = words_pattern(table.texts("nouns"))
    colon = "[" + re.escape("".join(table.texts("colons"))) + "]"
    words = words_pattern([w.word for w in labels])
    label = f"(?:{qualifier})?({words})(?:{infix})?(?:{noun})"
    before = words_pattern(phrase.texts("before_verb"))
    role_phrase = (
        rf"^(?P<units>.+?)(?:{before})?"
        rf"(?P<verb>{words_pattern([v.word for v in verbs])})(?:{words_pattern(phrase.texts('after_verb'))})?$"
    )
    return UnitLabels(
        labels=labels,
        verbs=verbs,
        lead_rules=lead_rules,
        list_notes=notes,
        task_labels=tasks,
        joiners=joiners,
        and_joiner=table.compile(_joiner_pattern([j for j in joiners if j.joins == "and"]), "joiner"),
        etc_joiner=table.compile(_joiner_pattern([j for j in joiners if j.joins == "etc"]), "joiner"),
        label=table.compile(label + colon, "label"),
        label_opening=table.compile(rf"^[（(]{label}", "label"),
        labelled_tail=table.compile(rf"[（(]{label}{colon}.*$", "label"),
        role_phrase=table.compile(role_phrase, "verb"),
        first_leads=table.compile(alternation(lead_rules), "lead_rule"),
        rule_clause=table.compile(rf"(?:{alternation(lead_rules)})\w*|{alternation(notes)}", "list_note"),
        task_label=table.compile(alternation(tasks), "task_label"),
        trailing_verb=table.compile(
            f"(?:{before})?(?:{words_pattern([v.word for v in verbs if v.role == 'responsible'])})$", "verb"
        ),
        support_after=table.compile(f"^(?:{modals})?(?:{adverbs})?(?:{support})", "running_text"),
    )


@cache
def unit_labels() -> UnitLabels:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
