"""Running Cypher: canned queries and ad-hoc statements, read-only unless writes are asked for.

Read mode means the statement reads the database and nothing else. The planner's EXPLAIN decides, before
anything runs: a plan that writes (query type rw, w or s), loads from outside (LoadCSV: http, https, ftp and
file URLs alike; Community Edition has no LOAD privilege to limit URLs, and the local server's configuration
turns file URLs off for every mode), acts on other sessions (TerminateTransactions), or calls a procedure that
is not one of Neo4j's own READ procedures (dbms.killConnections, or a plugin's apoc.load.json, which fetches
URLs) is refused. Administration commands plan as one opaque operator: those that start with SHOW only read
and run; every other one is refused. The session then runs in READ access mode, where the server refuses any
write the check missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, Session
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship

from ingest.errors import InputError

WRITE_TYPES = ("rw", "w", "s")
OUTSIDE_OPERATORS = {
    "LoadCSV": "reads from outside the database (LOAD CSV)",
    "TerminateTransactions": "acts on other sessions (TERMINATE TRANSACTIONS)",
}
BUILTIN_NAMESPACES = ("db.", "dbms.", "tx.")
_LEADING = re.compile(r"(?:\s|//[^\n]*|/\*.*?\*/)*+(\w*)", re.S)
_WRITE_HINT = "; rerun with --write to allow it"


@dataclass
class QueryResult:
    """Rows as plain values, their column names, and the update counters when the query wrote."""

    columns: list[str]
    rows: list[dict[str, Any]]
    counters: dict[str, int] = field(default_factory=dict)


def plain(value: Any) -> Any:
    """A Neo4j value as JSON-friendly Python: nodes and relationships become maps, temporals ISO strings."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


@dataclass(frozen=True)
class Operator:
    """One operator of an EXPLAIN plan: its type (without the `@database` suffix) and its details."""

    name: str
    details: str


def plan_operators(plan: Mapping[str, object] | None) -> Iterator[Operator]:
    """Every operator of a plan as the driver gives it (nested dicts with operatorType, args, children)."""
    if not plan:
        return
    args = plan.get("args")
    details = args.get("Details", "") if isinstance(args, dict) else ""
    yield Operator(str(plan.get("operatorType", "")).split("@")[0], str(details))
    children = plan.get("children")
    for child in children if isinstance(children, list) else []:
        if isinstance(child, dict):
            yield from plan_operators(child)


def procedure_name(operator: Operator) -> str:
    """`db.labels` from the details `db.labels() :: (label :: STRING)` of a ProcedureCall."""
    return operator.details.split("(", 1)[0].strip()


def first_keyword(text: str) -> str:
    """The statement's first word after leading comments and whitespace, upper-cased."""
    match = _LEADING.match(text)
    return match.group(1).upper() if match else ""


def read_refusal(text: str, query_type: str, operators: list[Operator], modes: dict[str, str]) -> str | None:
    """Why read mode refuses the statement (None when it only reads the database); `modes` gives the
    server's mode (READ, WRITE, SCHEMA, DBMS) of each procedure the plan calls."""
    for operator in operators:
        if operator.name in OUTSIDE_OPERATORS:
            return f"this statement {OUTSIDE_OPERATORS[operator.name]}{_WRITE_HINT}"
        if operator.name == "ProcedureCall":
            name = procedure_name(operator)
            if not name.startswith(BUILTIN_NAMESPACES) or modes.get(name) != "READ":
                return f"this statement calls {name}, which is not one of Neo4j's read-only procedures{_WRITE_HINT}"
    if any(operator.name == "AdministrationCommand" for operator in operators):
        if first_keyword(text) == "SHOW":
            return None
        return f"this administration command changes the DBMS{_WRITE_HINT}"
    if query_type in WRITE_TYPES:
        return f"this statement writes to the database{_WRITE_HINT}"
    return None


def _procedure_modes(session: Session, names: list[str]) -> dict[str, str]:
    """The server's mode (READ, WRITE, SCHEMA, DBMS) of each named procedure."""
    query = "SHOW PROCEDURES YIELD name, mode WHERE name IN $names RETURN name, mode"
    return {record["name"]: record["mode"] for record in session.run(query, names=names)}


def check_read_only(driver: Driver, database: str, text: str, params: dict[str, Any]) -> None:
    """Refuse, with a one-line error, a statement whose plan does more than read the database (asked in
    auto-commit queries, which the driver does not retry: a lost connection fails at once)."""
    with driver.session(database=database) as session:
        try:
            summary = session.run("EXPLAIN " + text, params).consume()
        except ClientError as err:
            raise InputError("cypher", _first_line(err)) from None
        operators = list(plan_operators(summary.plan))
        called = sorted({procedure_name(op) for op in operators if op.name == "ProcedureCall"})
        modes = _procedure_modes(session, called) if called else {}
    reason = read_refusal(text, summary.query_type or "r", operators, modes)
    if reason:
        raise InputError("cypher", reason)


def run(
    driver: Driver, database: str, text: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> QueryResult:
    """Run one statement in READ access mode (or WRITE when `write`); without `write`, a statement that does
    more than read the database is refused before it runs."""
    params = params or {}
    if not write:
        check_read_only(driver, database, text, params)
    mode = WRITE_ACCESS if write else READ_ACCESS
    try:
        with driver.session(database=database, default_access_mode=mode) as session:
            result = session.run(text, params)
            columns = list(result.keys())
            rows = [{k: plain(v) for k, v in record.items()} for record in result]
            counters = {
                k: v
                for k, v in vars(result.consume().counters).items()
                if isinstance(v, int) and v and not k.startswith("_")
            }
    except ClientError as err:
        raise InputError("cypher", _first_line(err)) from None
    return QueryResult(columns=columns, rows=rows, counters=counters)


def _first_line(err: ClientError) -> str:
    message = (err.message or str(err)).strip().splitlines()
    return message[0][:300] if message else err.code or "query failed"
