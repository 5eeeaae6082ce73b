"""Benchmark: a corpus of 20 copies of the sample loaded transactionally (kg load) and in bulk (kg load --bulk,
neo4j-admin), in the same run, into the local server's emptied database; prints both times, the bulk load's
steps, and the ratio (target: bulk >= 10x). A bulk load returns while the full-text index is still being
filled (kg.neo4j.bulk): the time until it is online, and that ratio, are printed too.

The copies are bench_corpus.py's (doc numbers and titles changed, so they are distinct documents), ingested
into a corpus without NLP.

Usage: .venv/bin/python bench/bench_load.py [--copies 20] [GRAPH_JSON]
Needs the local server (`kg neo4j install`; POLICY_KG_HOME picks which): bulk import works on its files.
The database is emptied and left holding the graph.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench_corpus import copies

from ingest.errors import InputError
from kg.graphjson import load_graph_dict
from kg.neo4j import server
from kg.neo4j.bulk import bulk_load
from kg.neo4j.connection import Connection, open_driver, resolve_connection
from kg.neo4j.home import Neo4jHome
from kg.neo4j.loader import DEFAULT_BATCH, load_graph
from kg.neo4j.schema import fulltext_online
from kg.neo4j.tenant import empty_database
from kg.pipeline import ingest_into_corpus


def corpus_graph(count: int) -> dict[str, Any]:
    """The graph of a corpus of `count` copies of the sample, ingested without NLP."""
    with tempfile.TemporaryDirectory(prefix="bench-load-") as work:
        sources = copies(Path(work), count)
        ingest_into_corpus(sources, Path(work) / "corpus", as_of=date(2023, 12, 31), nlp=False)
        return load_graph_dict(Path(work) / "corpus" / "graph.json")


def local_server() -> tuple[Neo4jHome, Connection]:
    """The local server's home (POLICY_KG_HOME picks which) and a connection to it, started if it is not."""
    home = Neo4jHome.default()
    if server.running_pid(home) is None:
        server.start(home)
    return home, resolve_connection(home=home)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, help="a graph.json instead of the copies")
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    began = time.perf_counter()
    graph = load_graph_dict(args.graph) if args.graph else corpus_graph(args.copies)
    print(f"graph: {len(graph['nodes'])} nodes, {len(graph['relationships'])} relationships", end=" ")
    print(f"({time.perf_counter() - began:.1f} s to make)")
    home, conn = local_server()
    with open_driver(conn) as driver:
        empty_database(driver, conn.database)
        driver.execute_query("CALL db.awaitIndexes(300)")
        began = time.perf_counter()
        summary = load_graph(driver, conn.database, graph)
        transactional = time.perf_counter() - began
    assert summary.nodesCreated == len(graph["nodes"]), summary
    steps: list[tuple[str, float]] = []

    def step(name: str) -> None:
        steps.append((name, time.perf_counter()))

    began = time.perf_counter()
    bulk_load(home, conn, graph, replace=True, step=step)
    bulk = time.perf_counter() - began
    with open_driver(conn) as driver:
        fulltext_online(driver, conn.database)
    searchable = time.perf_counter() - began
    print(
        f"transactional (kg load, {DEFAULT_BATCH} rows a transaction, {summary.batches} transactions): ",
        end="",
    )
    print(f"{transactional:.1f} s")
    print(f"bulk (kg load --bulk --replace): {bulk:.1f} s")
    marks = [("preparing the rows", began), *steps, ("done", began + bulk)]
    for (name, start), (_, end) in zip(marks, marks[1:], strict=False):
        print(f"  {name.rstrip('.')}: {end - start:.1f} s")
    print(f"  (then the full-text index, filled in the background, online at {searchable:.1f} s)")
    print(f"ratio transactional / bulk: {transactional / bulk:.1f}x")
    print(
        f"ratio transactional / bulk until the full-text index is online: {transactional / searchable:.1f}x"
    )


if __name__ == "__main__":
    try:
        main()
    except InputError as err:
        sys.exit(f"error: {err}")
