"""Benchmark: the sample's `kg export --to cypher` script replayed into the local server, statement by
statement, and in the same run the old form of the script (each batch a literal list of maps,
`UNWIND [{uid: ..., props: {...}}, ...] AS row CREATE ... SET n += row.props`, 500 rows a batch); prints
both times and the ratio (issue 15: the new script replays several times faster).

Both replays start from the emptied database with the query caches cleared, the new script first; each
must give back the graph's node and relationship counts.

Usage: .venv/bin/python bench/bench_cypher_replay.py [GRAPH_JSON]   (default: the sample, ingested with NLP)
Needs the local server (`kg neo4j install`; started if it is not running). The database is emptied and left
holding the replayed graph, which kg load does not take for its own: `kg build ... --replace` loads it again.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import networkx as nx
from bench_load import local_server
from neo4j import Driver

from kg.export.cypher_script import literal, name, statements
from kg.graphjson import load_graph
from kg.graphmodel import node_labels, node_properties, relationships
from kg.neo4j.connection import open_driver
from kg.neo4j.tenant import empty_database
from kg.pipeline import ingest_paths

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "east-china-2023.txt"
OLD_BATCH = 500


def map_literal(value: object) -> str:
    """The old script's literal: lists and maps written out in full."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(map_literal, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(k)}: {map_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def old_statements(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The old script: the same constraints, then rows as maps (one label set, one type per group)."""
    yield from (s for s in statements(graph) if s.startswith("CREATE CONSTRAINT"))
    groups: dict[str, list[dict[str, object]]] = {}
    for node in graph:
        pattern = "".join(":" + name(label) for label in node_labels(graph, node))
        row = {"uid": node, "props": node_properties(graph, node)}
        groups.setdefault(f"CREATE (n{pattern} {{uid: row.uid}}) SET n += row.props", []).append(row)
    for start, end, rel_type, props in relationships(graph):
        a, b = (name(node_labels(graph, n)[0]) for n in (start, end))
        tail = (
            f"MATCH (a:{a} {{uid: row.s}}) MATCH (b:{b} {{uid: row.e}}) CREATE (a)-[r:{name(rel_type)}]->(b)"
        )
        groups.setdefault(tail + " SET r += row.props", []).append({"s": start, "e": end, "props": props})
    for tail, rows in groups.items():
        for i in range(0, len(rows), OLD_BATCH):
            yield f"UNWIND {map_literal(rows[i : i + OLD_BATCH])} AS row {tail};"


def replay(driver: Driver, database: str, script: list[str], graph: nx.MultiDiGraph) -> float:
    """Seconds to run the script into the emptied database; the counts must come back."""
    empty_database(driver, database)
    driver.execute_query("CALL db.clearQueryCaches()", database_=database)
    began = time.perf_counter()
    with driver.session(database=database) as session:
        for statement in script:
            session.run(statement).consume()
    seconds = time.perf_counter() - began
    found = driver.execute_query(
        "MATCH (n) WITH count(n) AS n OPTIONAL MATCH ()-[r]->() RETURN n, count(r) AS r", database_=database
    ).records[0]
    assert (found["n"], found["r"]) == (graph.number_of_nodes(), graph.number_of_edges()), found
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, help="a graph.json instead of the sample")
    args = parser.parse_args()
    graph = load_graph(args.graph) if args.graph else ingest_paths([SAMPLE], as_of=date(2023, 12, 31)).graph
    new, old = list(statements(graph)), list(old_statements(graph))
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")
    _, conn = local_server()
    with open_driver(conn) as driver:
        new_seconds = replay(driver, conn.database, new, graph)
        print(
            f"new script (one string a batch): {len(new):4} statements, {sum(map(len, new)) / 1e6:5.1f} MB: {new_seconds:7.1f} s"
        )
        old_seconds = replay(driver, conn.database, old, graph)
        print(
            f"old script (map literals):      {len(old):4} statements, {sum(map(len, old)) / 1e6:5.1f} MB: {old_seconds:7.1f} s"
        )
    print(f"ratio old / new: {old_seconds / new_seconds:.1f}x")


if __name__ == "__main__":
    main()
