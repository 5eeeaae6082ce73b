"""Load the sample graph batched (kg load) and one row per transaction (baseline), in the same run.

Both load into an emptied database with the same queries; the baseline runs each node and relationship in a
transaction of its own. Prints both times and the ratio (target: batched <= 5 s, ratio >= 10x).

Usage: .venv/bin/python bench/bench_load.py [GRAPH_JSON]   (default: ingests data/east-china-2023.txt)
Connection: NEO4J_URI / NEO4J_PASSWORD, else the local server (`kg neo4j start`). The database is emptied.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from ingest.errors import InputError
from kg.graphjson import graph_to_dict, load_graph_dict
from kg.neo4j.connection import open_driver, resolve_connection
from kg.neo4j.loader import LoadPlan, LoadSummary, load_graph, merge_nodes, merge_relationships, plan_load
from kg.neo4j.schema import ensure_schema
from kg.pipeline import ingest_paths

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "east-china-2023.txt"


def _sample() -> dict[str, Any]:
    if len(sys.argv) > 1:
        return load_graph_dict(Path(sys.argv[1]))
    result = ingest_paths([SAMPLE], as_of=date(2023, 12, 31))
    return graph_to_dict(result.graph, result.meta)


def _wipe(driver: Driver) -> None:
    """Empty the database and wait for its indexes to be online again, so the next timed load
    does not pay for the background work of the deletion."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("CALL db.awaitIndexes(300)").consume()


def _count(driver: Driver) -> tuple[int, int]:
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    return nodes, rels


def one_row_per_transaction(driver: Driver, database: str, graph: dict[str, Any]) -> None:
    """The baseline: the loader's own queries, one node or relationship per transaction."""
    plan = plan_load(graph)
    ensure_schema(driver, database, plan.labels)
    summary = LoadSummary(sources=plan.sources)

    def ignore(stage: str, rows: int) -> None:
        return None

    with driver.session(database=database) as session:
        for row in plan.nodes:
            single = LoadPlan(sources=plan.sources, nodes=[row], relationships={})
            session.execute_write(lambda tx, p=single: merge_nodes(tx, p, summary, 1, ignore))
        for rel_type, rows in plan.relationships.items():
            for row in rows:
                single = LoadPlan(sources=plan.sources, nodes=[], relationships={rel_type: [row]})
                session.execute_write(
                    lambda tx, p=single: merge_relationships(tx, p, summary, 1, ignore, set())
                )


def main() -> None:
    graph = _sample()
    conn = resolve_connection(uri=os.environ.get("NEO4J_URI"), password=os.environ.get("NEO4J_PASSWORD"))
    expected = (len(graph["nodes"]), len(graph["relationships"]))
    with open_driver(conn) as driver:
        _wipe(driver)
        load_graph(driver, conn.database, graph)  # warm-up: schema, query plans, page cache
        _wipe(driver)
        began = time.perf_counter()
        load_graph(driver, conn.database, graph)
        batched = time.perf_counter() - began
        assert _count(driver) == expected, _count(driver)
        _wipe(driver)
        began = time.perf_counter()
        one_row_per_transaction(driver, conn.database, graph)
        baseline = time.perf_counter() - began
        assert _count(driver) == expected, _count(driver)
        _wipe(driver)
        load_graph(driver, conn.database, graph)  # leave the sample loaded
    print(f"graph: {expected[0]} nodes, {expected[1]} relationships")
    print(f"batched (UNWIND, 5000 rows a batch, one transaction): {batched:.2f} s")
    print(f"baseline (one row per transaction):                   {baseline:.2f} s")
    print(f"ratio: {baseline / batched:.1f}x")


if __name__ == "__main__":
    try:
        main()
    except InputError as err:
        sys.exit(f"error: {err}")
