"""The canned analyses: one .cypher file each in queries/, with a header that names, describes and types them.

Header lines (before the query):

    // name: measures-due
    // description: Measures whose deadline falls in a date window.
    // param: from date = 2023-01-01 -- first day of the window
    // columns: document, measure, deadline

Parameter types: string, int, float, bool, date. Values are always passed as query parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from ingest.errors import InputError

TYPES = ("string", "int", "float", "bool", "date")
_HEADER = re.compile(r"//\s*(name|description|param|columns):\s*(.*)")
_PARAM = re.compile(r"(\w+)\s+(\w+)\s*=(.*?)(?:\s--\s(.*))?")
_NAME = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Param:
    """A declared parameter: its type and its default as written in the header."""

    name: str
    type: str
    default: str
    description: str


@dataclass(frozen=True)
class CannedQuery:
    """One .cypher file: header fields and the query text."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path


def coerce(param: Param, raw: str) -> Any:
    """A parameter value typed from its declaration; a bad value is a one-line error."""
    try:
        if param.type == "int":
            return int(raw)
        if param.type == "float":
            return float(raw)
        if param.type == "date":
            return date.fromisoformat(raw)
        if param.type == "bool":
            lowered = raw.strip().lower()
            if lowered not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(raw)
            return lowered in ("true", "yes", "1")
    except ValueError:
        raise InputError(f"--param {param.name}", f"{raw!r} is not a valid {param.type}") from None
    return raw


def parse_query_file(path: Path) -> CannedQuery:
    """Read one .cypher file; a header missing a field or declaring a bad parameter is an error."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.fullmatch(line.strip()) if not body else None
        if match is None:
            if line.strip() or body:
                body.append(line)
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            pm = _PARAM.fullmatch(value)
            if pm is None or pm.group(2) not in TYPES:
                raise InputError(
                    str(path), f"bad param line {value!r} (want: NAME TYPE = DEFAULT -- description)"
                )
            param = Param(pm.group(1), pm.group(2), pm.group(3).strip(), (pm.group(4) or "").strip())
            coerce(param, param.default)
            params.append(param)
        else:
            fields[key] = value
    missing = [k for k in ("name", "description", "columns") if not fields.get(k)]
    if missing:
        raise InputError(str(path), f"header lacks {', '.join(missing)}")
    if not _NAME.fullmatch(fields["name"]) or fields["name"] != path.stem:
        raise InputError(str(path), f"name {fields['name']!r} must be kebab-case and match the file name")
    return CannedQuery(
        name=fields["name"],
        description=fields["description"],
        params=tuple(params),
        columns=tuple(c.strip() for c in fields["columns"].split(",") if c.strip()),
        text="\n".join(body).strip() + "\n",
        path=path,
    )


def queries_dir() -> Path:
    """The packaged `queries/` folder (shipped in the wheel; the repository's folder when editable)."""
    return Path(str(resources.files("queries")))


def load_catalogue(folder: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query in `folder` (default: the packaged queries), by name, in name order."""
    queries = [parse_query_file(path) for path in sorted((folder or queries_dir()).glob("*.cypher"))]
    return {q.name: q for q in queries}


def bind(query: CannedQuery, overrides: dict[str, str]) -> dict[str, Any]:
    """Parameters for a run: declared defaults, overridden by `--param k=v` values, all typed."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise InputError(f"query {query.name}", f"unknown parameter {unknown[0]!r} (declared: {known})")
    return {name: coerce(p, overrides.get(name, p.default)) for name, p in declared.items()}


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """`k=v` strings into a dict; the value is everything after the first '='."""
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param {pair}", "expected NAME=VALUE")
        result[key.strip()] = value
    return result
