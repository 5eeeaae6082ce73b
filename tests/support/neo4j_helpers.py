"""Helpers for the Neo4j tests: empty the test database, count what it holds, find a free port."""

from __future__ import annotations

import socket

from neo4j import Driver


def wipe(driver: Driver) -> None:
    """Empty the test database (data only; the schema stays)."""
    with driver.session(database="neo4j") as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
