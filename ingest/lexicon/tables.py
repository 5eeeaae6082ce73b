"""Rule tables: the TOML files in a package's data/ folder that hold the genre's words and patterns.

A table is read once (each concept's loader caches it) and checked as it is read: `Row` hands out
typed values and compiled patterns, and anything missing, mistyped, misspelt or not compiling fails with
a `TableError` naming the file and the row. Keys are closed: a row with a key its loader does not know
(a misspelt `exmaple`) is an error, not a silently ignored rule.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from ingest.errors import InputError

Choice = TypeVar("Choice", bound=str)


class TableError(InputError):
    """A rule table that cannot be read or does not have the shape its loader expects."""


@dataclass(frozen=True)
class Row:
    """One TOML table (the file, a [section] or a [[row]]) and where it sits, for error messages."""

    file: str
    where: str
    values: dict[str, object]

    def fail(self, reason: str) -> TableError:
        """The error for this row: `file: where: reason`, one line."""
        return TableError(self.file, f"{self.where}: {reason}" if self.where else reason)

    def only(self, *keys: str) -> Row:
        """This row, after checking that it has no key outside `keys`."""
        unknown = sorted(set(self.values) - set(keys))
        if unknown:
            raise self.fail(f"unknown key {unknown[0]!r} (known: {', '.join(keys)})")
        return self

    def _get(self, key: str) -> object:
        if key not in self.values:
            raise self.fail(f"missing key {key!r}")
        return self.values[key]

    def text(self, key: str, default: str | None = None) -> str:
        """A non-empty string."""
        if default is not None and key not in self.values:
            return default
        value = self._get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(f"{key!r} must be a non-empty string")
        return value

    def texts(self, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """A list of non-empty strings."""
        if default is not None and key not in self.values:
            return default
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{key!r} must be a list of non-empty strings")
        return tuple(str(v) for v in value)

    def flag(self, key: str, default: bool) -> bool:
        """A boolean."""
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} must be true or false")
        return value

    def integer(self, key: str, default: int) -> int:
        """A non-negative integer."""
        value = self.values.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{key!r} must be a non-negative integer")
        return value

    def choice(self, key: str, allowed: tuple[Choice, ...]) -> Choice:
        """A string that is one of `allowed` (a closed vocabulary of ingest.records)."""
        value = self.text(key)
        for option in allowed:
            if value == option:
                return option
        raise self.fail(f"{key!r} is {value!r}, not one of {', '.join(allowed)}")

    def pattern(self, key: str) -> re.Pattern[str]:
        """A regular expression (a TOML literal string '...' needs no doubled backslashes), compiled."""
        return self.compile(self.text(key), key)

    def compile(self, source: str, key: str) -> re.Pattern[str]:
        """`source` compiled; a pattern that does not compile is reported against this row's `key`."""
        try:
            return re.compile(source)
        except re.error as err:
            raise self.fail(f"{key!r} is not a valid pattern: {err}") from None

    def mapping(self, key: str) -> dict[str, str]:
        """A table of strings to strings."""
        value = self._get(key)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(f"{key!r} must be a table of strings")
        return {str(k): str(v) for k, v in value.items()}

    def section(self, key: str) -> Row:
        """A sub-table ([key] in the file)."""
        value = self._get(key)
        if not isinstance(value, dict):
            raise self.fail(f"{key!r} must be a table")
        return Row(self.file, self._inner(key), {str(k): v for k, v in value.items()})

    def sections(self, key: str) -> tuple[tuple[str, Row], ...]:
        """The named sub-tables of the table `key` ([key.name] in the file), in printed order."""
        outer = self.section(key)
        return tuple((name, outer.section(name)) for name in outer.values)

    def rows(self, key: str) -> tuple[Row, ...]:
        """An array of tables ([[key]] rows, or a list of inline tables), each checked to be a table."""
        value = self._get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"{key!r} must be a non-empty list of tables")
        rows = []
        for n, item in enumerate(value, start=1):
            where = f"{self._inner(key)} row {n}"
            if not isinstance(item, dict):
                raise TableError(self.file, f"{where}: must be a table")
            rows.append(Row(self.file, where, {str(k): v for k, v in item.items()}))
        return tuple(rows)

    def _inner(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key


@dataclass(frozen=True)
class Patterned:
    """A rule written as a pattern, with the text it is shown on (tests run the pattern on it)."""

    pattern: re.Pattern[str]
    example: str


def patterned(row: Row) -> Patterned:
    """A row of `pattern` and `example`."""
    row.only("pattern", "example")
    return Patterned(row.pattern("pattern"), row.text("example"))


def alternation(rules: tuple[Patterned, ...]) -> str:
    """One regex matching where any of the rules' patterns matches."""
    return "|".join(f"(?:{rule.pattern.pattern})" for rule in rules)


def read_table(source: Traversable | Path) -> Row:
    """The top-level table of a TOML file; a file that is missing or not TOML is a one-line TableError."""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as err:
        raise TableError(str(source), f"cannot be read ({err.strerror or err})") from None
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TableError(str(source), f"not valid TOML: {err}") from None
    return Row(str(source), "", values)


def packaged(package: str, name: str) -> Traversable:
    """The file `name` in `package`'s data/ folder (inside an installed wheel as well)."""
    return resources.files(package).joinpath(f"data/{name}")


def words_pattern(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first (so 委员会 is tried before 委)."""
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True))
