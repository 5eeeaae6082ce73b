"""Running Cypher: canned queries and ad-hoc statements, read-only unless writes are asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship

from ingest.errors import InputError

WRITE_TYPES = ("rw", "w", "s")


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


def query_type(driver: Driver, database: str, text: str, params: dict[str, Any]) -> str:
    """The query type the planner reports (r, rw, w, s) without running the query."""
    try:
        summary = driver.execute_query("EXPLAIN " + text, params, database_=database).summary
    except ClientError as err:
        raise InputError("cypher", _first_line(err)) from None
    return summary.query_type or "r"


def run(
    driver: Driver, database: str, text: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> QueryResult:
    """Run one statement in READ access mode (or WRITE when `write`); a write without `write` is refused."""
    params = params or {}
    if not write and query_type(driver, database, text, params) in WRITE_TYPES:
        raise InputError("cypher", "this statement writes to the database; rerun with --write to allow it")
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
