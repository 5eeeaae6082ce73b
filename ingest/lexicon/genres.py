"""Genres of document and their conventions, compiled from ingest/data/genres.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from ingest.lexicon.dates import DATE_TEXT
from ingest.lexicon.tables import Patterned, Row, packaged, patterned, read_table, words_pattern

TABLE = "genres.toml"


@dataclass(frozen=True)
class Subject:
    """Where a cover notice's title names the attached document (group 1), and a prefix to cut from it."""

    pattern: re.Pattern[str]
    drop_prefix: str
    example: str


@dataclass(frozen=True)
class Numbering:
    """A numbering style: its name, the pattern of its number (group 1), the label its items print in a
    path ({n} the number), whether its items hold no items (terminal), and whether a number of this style
    after a colon is text (not_after_colon: 内容为：（1）…)."""

    style: str
    pattern: re.Pattern[str]
    label: str
    terminal: bool
    not_after_colon: bool
    example: str


@dataclass(frozen=True)
class Genre:
    """One genre's words and conventions (see the table).

    `publication` finds a time limit's start in the document's own publication (本方案印发后, 本通知
    发布之日起); `non_action` tells a heading that assigns no work; `issuer_end` ends the issuer
    printed before a title (group 1 the issuer).
    """

    name: str
    title_words: tuple[str, ...]
    subjects: tuple[Subject, ...]
    numbering: tuple[Numbering, ...]
    non_action_headings: tuple[str, ...]
    body_end: tuple[Patterned, ...]
    promulgation: tuple[Patterned, ...]
    publication: re.Pattern[str]
    non_action: re.Pattern[str]
    issuer_end: re.Pattern[str]

    def style(self, name: str) -> Numbering:
        """The numbering style called `name`."""
        return next(n for n in self.numbering if n.style == name)

    def ends_body(self, line: str) -> bool:
        """True when `line` ends the operative body (附件：…, 抄送：…, the signature's date)."""
        return any(rule.pattern.match(line) for rule in self.body_end)

    def promulgates(self, sentence: str) -> bool:
        """True when `sentence` holds the document's promulgation (现予公布)."""
        return any(rule.pattern.search(sentence) for rule in self.promulgation)


@dataclass(frozen=True)
class Citations:
    """Citation cues and the title words that tell a document from a form (see the table)."""

    basis_cues: tuple[str, ...]
    implement_cues: tuple[str, ...]
    printing_cues: tuple[str, ...]
    legal_title_words: tuple[str, ...]
    national_title_words: tuple[str, ...]
    not_document: re.Pattern[str]
    not_document_example: str


@dataclass(frozen=True)
class Genres:
    """The compiled table: the genres (the first is the default), and what all of them share.

    `effective` finds 自2023年7月1日起施行 (group 1 the date or event), `expiry` 有效期至2025年12月31日
    (group 1 the date); `title_words` are every genre's, longest first.
    """

    genres: tuple[Genre, ...]
    draft_marks: tuple[str, ...]
    circled: str
    citations: Citations
    effective_events: tuple[str, ...]
    effective_verbs: tuple[str, ...]
    expiry_phrases: tuple[str, ...]
    effective: re.Pattern[str]
    expiry: re.Pattern[str]
    title_words: tuple[str, ...]

    @property
    def default(self) -> Genre:
        """The genre a document is read as (the first; the only one for now)."""
        return self.genres[0]


def _subject(row: Row) -> Subject:
    row.only("pattern", "drop_prefix", "example")
    subject = Subject(row.pattern("pattern"), row.text("drop_prefix", default=""), row.text("example"))
    if subject.pattern.groups < 1:
        raise row.fail("'pattern' needs a group for the title")
    return subject


def _numbering(row: Row, numerals: dict[str, str]) -> Numbering:
    row.only("style", "pattern", "label", "terminal", "not_after_colon", "example")
    source = row.text("pattern")
    for name, chars in numerals.items():
        source = source.replace("{" + name + "}", re.escape(chars))
    numbering = Numbering(
        row.text("style"),
        row.compile(source, "pattern"),
        row.text("label", default="{n}"),
        row.flag("terminal", False),
        row.flag("not_after_colon", False),
        row.text("example"),
    )
    if numbering.pattern.groups < 1 or "{n}" not in numbering.label:
        raise row.fail("'pattern' needs a group for the number and 'label' a {n}")
    return numbering


def _genre(row: Row, numerals: dict[str, str]) -> Genre:
    row.only(
        "name",
        "title_words",
        "issuer_ends",
        "publication_verbs",
        "self_words",
        "non_action_headings",
        "subject",
        "numbering",
        "body_end",
        "promulgation",
    )
    title_words = row.texts("title_words")
    non_action = row.texts("non_action_headings")
    names = words_pattern([*title_words, *row.texts("self_words")])
    verbs = words_pattern(row.texts("publication_verbs"))
    numbering = tuple(_numbering(r, numerals) for r in row.rows("numbering"))
    styles = [n.style for n in numbering]
    if len(set(styles)) != len(styles):
        raise row.fail("two numbering rows share a style")
    return Genre(
        name=row.text("name"),
        title_words=title_words,
        subjects=tuple(_subject(r) for r in row.rows("subject")),
        numbering=numbering,
        non_action_headings=non_action,
        body_end=tuple(patterned(r) for r in row.rows("body_end")),
        promulgation=tuple(patterned(r) for r in row.rows("promulgation")),
        publication=row.compile(
            rf"本[\u4e00-\u9fff]{{0,6}}?(?:{names})(?:{verbs})(?:后|之日起)的?", "publication_verbs"
        ),
        non_action=row.compile(f"^(?:{words_pattern(non_action)})", "non_action_headings"),
        issuer_end=row.compile(f"^(.+?)(?:{words_pattern(row.texts('issuer_ends'))})", "issuer_ends"),
    )


def _citations(row: Row) -> Citations:
    row.only(
        "basis_cues",
        "implement_cues",
        "printing_cues",
        "legal_title_words",
        "national_title_words",
        "not_document",
        "not_document_example",
    )
    return Citations(
        basis_cues=row.texts("basis_cues"),
        implement_cues=row.texts("implement_cues"),
        printing_cues=row.texts("printing_cues"),
        legal_title_words=row.texts("legal_title_words"),
        national_title_words=row.texts("national_title_words"),
        not_document=row.pattern("not_document"),
        not_document_example=row.text("not_document_example"),
    )


def load(source: Traversable | Path) -> Genres:
    """Read and compile a genres table."""
    table = read_table(source).only("draft_marks", "numerals", "validity", "citations", "genre")
    numerals_row = table.section("numerals").only("cn", "circled")
    numerals = {"cn": numerals_row.text("cn"), "circled": numerals_row.text("circled")}
    validity = table.section("validity").only("effective_events", "effective_verbs", "expiry_phrases")
    events, verbs = validity.texts("effective_events"), validity.texts("effective_verbs")
    expiry = validity.texts("expiry_phrases")
    genres = tuple(_genre(r, numerals) for r in table.rows("genre"))
    title_words = sorted(dict.fromkeys(w for g in genres for w in g.title_words), key=len, reverse=True)
    return Genres(
        genres=genres,
        draft_marks=table.texts("draft_marks"),
        circled=numerals["circled"],
        citations=_citations(table.section("citations")),
        effective_events=events,
        effective_verbs=verbs,
        expiry_phrases=expiry,
        effective=validity.compile(
            rf"自({DATE_TEXT}|{words_pattern(events)})起(?:{words_pattern(verbs)})", "effective_events"
        ),
        expiry=validity.compile(rf"(?:{words_pattern(expiry)})({DATE_TEXT})", "expiry_phrases"),
        title_words=tuple(title_words),
    )


@cache
def genres() -> Genres:
    """The packaged table, read once."""
    return load(packaged("ingest", TABLE))
