"""Write docs/queries.md from queries/*.cypher, with one example output each from the connected Neo4j.

The example outputs come from whatever graph the database holds (load the sample first:
`kg build data/east-china-2023.txt`). Connection: NEO4J_URI/NEO4J_PASSWORD, else the local server.

Usage: .venv/bin/python scripts/gen_query_docs.py [--source "the bundled sample"]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kg.neo4j.catalogue import bind, load_catalogue
from kg.neo4j.connection import open_driver, resolve_connection
from kg.neo4j.querydocs import render
from kg.neo4j.runner import run

DOC = Path(__file__).resolve().parents[1] / "docs" / "queries.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="the bundled sample (`kg build data/east-china-2023.txt`)")
    args = parser.parse_args()
    catalogue = load_catalogue()
    conn = resolve_connection(
        uri=os.environ.get("NEO4J_URI"),
        user=os.environ.get("NEO4J_USERNAME"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE"),
    )
    with open_driver(conn) as driver:
        examples = {
            name: run(driver, conn.database, q.text, bind(q, {})).rows for name, q in catalogue.items()
        }
    DOC.write_text(render(list(catalogue.values()), examples, args.source), encoding="utf-8")
    print(f"wrote {DOC} ({len(catalogue)} queries)")


if __name__ == "__main__":
    main()
