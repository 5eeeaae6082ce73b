"""Bulk load: the local server's database rebuilt by `neo4j-admin database import full` from CSV files.

The loader's own rows (plan.py: Entity label, uids, Neo4j dates, bookkeeping) go through the neo4j-admin CSV
exporter (kg.export.admin_csv), so the imported graph is the one a transactional load of an empty database
leaves. The command checks that the database is empty (or that the caller asked to replace it) and that no
load is running, stops the server (while it writes the CSV files), imports, starts it again (returning as
soon as Bolt answers), and makes the schema the transactional loader makes (constraints, indexes, the
full-text index, in one transaction). It returns once every constraint and lookup index is online: the
graph is then complete and every query answers in full, while Lucene still fills the full-text index in the
background (a full-text search waits for it; `schema.fulltext_online` waits too). A stopped server is not
started first unless it must say whether its database is empty, so the load restarts the server at most
once. The import tool writes the store files directly, so it needs the server's files: a
remote server is refused.
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from neo4j.exceptions import Neo4jError

from ingest.errors import InputError
from kg.collector import collector_paused
from kg.export.admin_csv import ARGS_FILE, NodeLine, RelationshipLine, column_type, write_import_files
from kg.neo4j import server
from kg.neo4j.connection import Connection, open_driver, where
from kg.neo4j.home import Neo4jHome
from kg.neo4j.loader import LoadSummary, summarise
from kg.neo4j.lock import load_lock
from kg.neo4j.plan import LoadPlan, Value, plan_load
from kg.neo4j.schema import KEY_LABEL, create_after_import
from kg.neo4j.tenant import node_count

LOCK_WAIT = 5.0  # seconds to wait for a running load before giving up
Step = Callable[[str], None]


def import_lines(plan: LoadPlan) -> tuple[list[NodeLine], list[RelationshipLine]]:
    """The rows a transactional load of an empty database writes, as the CSV exporter takes them."""
    nodes: list[NodeLine] = [
        (n["uid"], [*n["labels"], KEY_LABEL], {**n["props"], "uid": n["uid"], **plan.bookkeeping(None)})
        for n in plan.nodes
    ]
    rels: list[RelationshipLine] = [
        (r["start"], r["end"], r["type"], {**r["props"], "uid": r["uid"], **plan.bookkeeping(None)})
        for r in plan.relationships
    ]
    return nodes, rels


def _kind(value: Value) -> str:
    return (
        "[" + ",".join(sorted({type(v).__name__ for v in value})) + "]"
        if isinstance(value, list)
        else type(value).__name__
    )


def check_columns(nodes: list[NodeLine], rels: list[RelationshipLine]) -> None:
    """InputError when a property holds values of more than one type under one label set or relationship type:
    a CSV column has one type, so the import would change some of them."""
    kinds: dict[tuple[str, str], dict[str, Value]] = defaultdict(dict)
    for _, labels, props in nodes:
        for key, value in props.items():
            kinds[("+".join(labels), key)].setdefault(_kind(value), value)
    for _, _, rel_type, props in rels:
        for key, value in props.items():
            kinds[(rel_type, key)].setdefault(_kind(value), value)
    for (owner, key), found in kinds.items():
        types = {column_type([value]) for value in found.values()}
        if len(types) > 1:
            raise InputError(
                "graph.json",
                f"{owner}.{key} holds {' and '.join(sorted(types))} values, which one CSV column cannot keep "
                "apart: load without --bulk",
            )


def _never_started(home: Neo4jHome, database: str) -> bool:
    """True when the server has never made this database's store files (so it holds nothing)."""
    return not (home.data / "databases" / database).exists()


def _check_target(home: Neo4jHome, conn: Connection, *, replace: bool, step: Step) -> None:
    """The database may be imported into: no load running (the load lock free) and, unless `replace`, empty.
    A stopped server runs no load; it is started only when it must be asked whether its database is empty."""
    if server.running_pid(home) is None:
        if replace or _never_started(home, conn.database):
            return
        step("starting the local Neo4j...")
        server.start(home)
    with open_driver(conn) as driver:
        try:
            with load_lock(driver, conn.database, timeout=LOCK_WAIT):
                pass
        except Neo4jError:
            raise InputError(where(conn), "a load is running: try --bulk again when it ends") from None
        held = 0 if replace else node_count(driver, conn.database)
    if held:
        raise InputError(
            f"neo4j database {conn.database}",
            f"holds {held} nodes: --bulk imports into an empty database "
            "(--replace replaces what it holds; without --bulk a load updates it)",
        )


def _stop_if_running(home: Neo4jHome) -> None:
    if server.running_pid(home) is not None:
        server.stop(home)


def bulk_load(
    home: Neo4jHome, conn: Connection, graph: dict[str, Any], *, replace: bool, step: Step
) -> LoadSummary:
    """Import the graph into the local server's empty database (any database with `replace`)."""
    began = time.monotonic()
    if not conn.local:
        raise InputError(
            where(conn),
            "--bulk imports into the local server only (neo4j-admin writes its files): load without it",
        )
    with collector_paused():
        plan = plan_load(graph)
        nodes, rels = import_lines(plan)
        check_columns(nodes, rels)
    _check_target(home, conn, replace=replace, step=step)
    with (
        tempfile.TemporaryDirectory(prefix="kg-import-", dir=home.root) as folder,
        ThreadPoolExecutor(1, thread_name_prefix="kg-stop-neo4j") as pool,
    ):
        stopping = pool.submit(_stop_if_running, home)  # Neo4j checkpoints while this thread writes the CSV
        try:
            step("writing the CSV files (the local Neo4j stopping meanwhile)...")
            with collector_paused():
                write_import_files(nodes, rels, Path(folder))
            arguments = [a for a in (Path(folder) / ARGS_FILE).read_text(encoding="utf-8").splitlines() if a]
            step("waiting for the local Neo4j to stop...")
            stopping.result()
            step("importing with neo4j-admin...")
            server.import_database(home, Path(folder), arguments, conn.database)
        finally:
            wait([stopping])
            if server.running_pid(home) is None:
                step("starting the local Neo4j...")
                server.start(home, ready=server.BOLT_READY)
    step("creating the constraints and indexes...")
    with open_driver(conn) as driver:
        create_after_import(driver, conn.database, plan.labels, plan.types)
    summary = summarise(plan)
    summary.method = "bulk"
    summary.nodesCreated, summary.relationshipsCreated = summary.nodes, summary.relationships
    summary.seconds = round(time.monotonic() - began, 2)
    return summary
