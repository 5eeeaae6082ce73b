"""Helpers for the Neo4j tests: empty the test database, count what it holds, read all of it, find a free
port."""

from __future__ import annotations

import socket
from collections import Counter
from typing import Any

from neo4j import Driver

State = dict[str, Any]


def wipe(driver: Driver) -> None:
    """Empty the test database (data only; the schema stays)."""
    with driver.session(database="neo4j") as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS").consume()


def counts(driver: Driver) -> dict[str, int]:
    """Nodes and relationships per label and type, and the totals."""
    result: dict[str, int] = {}
    for record in driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS l RETURN l AS k, count(*) AS c"
    ).records:
        result["label:" + record["k"]] = record["c"]
    for record in driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c").records:
        result["type:" + record["k"]] = record["c"]
    result["nodes"] = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    result["relationships"] = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    return result


def expected_counts(graph: dict[str, Any]) -> dict[str, int]:
    """What counts() must find after loading graph.json: its labels (plus the key label Entity) and types."""
    result = {
        f"label:{label}": c for label, c in Counter(lb for n in graph["nodes"] for lb in n["labels"]).items()
    }
    result["label:Entity"] = len(graph["nodes"])
    result.update({f"type:{t}": c for t, c in Counter(r["type"] for r in graph["relationships"]).items()})
    result["nodes"] = len(graph["nodes"])
    result["relationships"] = len(graph["relationships"])
    return result


def database_state(driver: Driver) -> State:
    """Every node and relationship by uid (labels or type, ends, properties), and the uids held twice."""
    nodes: dict[str, list[Any]] = {}
    for r in driver.execute_query(
        "MATCH (n) RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props"
    ).records:
        nodes.setdefault(r["uid"], []).append((sorted(r["labels"]), r["props"]))
    rels: dict[str, list[Any]] = {}
    for r in driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN r.uid AS uid, type(r) AS type, a.uid AS a, b.uid AS b, properties(r) AS props"
    ).records:
        rels.setdefault(r["uid"], []).append((r["type"], r["a"], r["b"], r["props"]))
    return {
        "nodes": nodes,
        "relationships": rels,
        "duplicateNodes": sorted(u for u, copies in nodes.items() if len(copies) > 1),
        "duplicateRelationships": sorted(u for u, copies in rels.items() if len(copies) > 1),
    }


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
