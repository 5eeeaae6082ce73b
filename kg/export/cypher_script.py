"""A Cypher script that rebuilds the graph in an empty Neo4j database (cypher-shell -f, or statement by statement).

One statement per line, each ending in `;`: uniqueness constraints on `uid` for every label, then nodes and
relationships in batches of literal rows (`UNWIND [...] AS row CREATE ...`). No APOC, no parameters.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graphmodel import node_labels, node_properties, relationships

BATCH = 500
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def name(identifier: str) -> str:
    """A label, type or key as Cypher writes it (backticks when it is not a plain identifier)."""
    return identifier if _IDENT.match(identifier) else "`" + identifier.replace("`", "``") + "`"


def literal(value: Any) -> str:
    """A Cypher literal for a graph.json value (string, number, bool, list or map)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + json.dumps(value, ensure_ascii=False)[1:-1].replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _batches(rows: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def statements(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The script's statements, in order, each one line ending with `;`."""
    by_labels: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for node in graph:
        by_labels[tuple(node_labels(graph, node))].append(node)
    for label in sorted({label for labels in by_labels for label in labels}):
        yield f"CREATE CONSTRAINT {name('uid_' + label)} IF NOT EXISTS FOR (n:{name(label)}) REQUIRE n.uid IS UNIQUE;"
    for labels, nodes in sorted(by_labels.items()):
        pattern = "".join(":" + name(label) for label in labels)
        for batch in _batches(nodes):
            rows = literal([{"uid": n, "props": node_properties(graph, n)} for n in batch])
            yield f"UNWIND {rows} AS row CREATE (n{pattern} {{uid: row.uid}}) SET n += row.props;"
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for start, end, rel_type, props in relationships(graph):
        first = (node_labels(graph, start) or [""])[0], (node_labels(graph, end) or [""])[0]
        grouped[(rel_type, *first)].append({"s": start, "e": end, "props": props})
    for (rel_type, start_label, end_label), rels in sorted(grouped.items()):
        a = f"(a:{name(start_label)} {{uid: row.s}})" if start_label else "(a {uid: row.s})"
        b = f"(b:{name(end_label)} {{uid: row.e}})" if end_label else "(b {uid: row.e})"
        for batch in _batches(rels):
            yield (
                f"UNWIND {literal(batch)} AS row MATCH {a} MATCH {b} "
                f"CREATE (a)-[r:{name(rel_type)}]->(b) SET r += row.props;"
            )


def write_cypher(graph: nx.MultiDiGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("// policy-kg graph: run into an empty database, e.g. cypher-shell -f this-file\n")
        for statement in statements(graph):
            handle.write(statement + "\n")
