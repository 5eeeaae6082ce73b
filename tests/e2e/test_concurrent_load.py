"""Two loads at once against the real test server: same graph, a graph that adds relationships, different graphs
sharing nodes, into an empty database (schema included) or over an older load. Each run is compared, node
by node and relationship by relationship, with the same loads run one after the other; duplicates (nodes or
relationships sharing a uid) are counted. Also: the database itself refuses a second relationship with a
uid, duplicates an old database holds are merged when the constraint is added, and a load that loses a
uniqueness race to a writer outside the load lock is rerun."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import ConstraintError

from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.loader import load_graph
from kg.neo4j.upsert import CREATE_NODES
from tests.support.minigraph import mini_graph
from tests.support.neo4j_helpers import State, database_state, wipe

pytestmark = pytest.mark.neo4j


def drop_schema(driver: Driver) -> None:
    """Back to a database that has never been loaded: no constraint, no index but the built-in lookups."""
    for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
        driver.execute_query(f"DROP CONSTRAINT `{r['name']}`")
    for r in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").records:
        driver.execute_query(f"DROP INDEX `{r['name']}`")


def load_at_once(conn: Connection, graphs: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """Load the graphs from threads of their own (one driver each), released together; returns each load's
    (start, end) time. Any load's error fails the test."""
    barrier = threading.Barrier(len(graphs))
    spans: list[tuple[float, float]] = [(0.0, 0.0)] * len(graphs)
    errors: list[BaseException] = []

    def one(i: int, graph: dict[str, Any]) -> None:
        try:
            with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:
                driver.verify_connectivity()
                barrier.wait()
                began = time.monotonic()
                load_graph(driver, conn.database, graph)
                spans[i] = (began, time.monotonic())
        except BaseException as err:  # reported below, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=one, args=(i, g)) for i, g in enumerate(graphs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, [f"{type(e).__name__}: {e}" for e in errors]
    return spans


def without_type(graph: dict[str, Any], rel_type: str) -> dict[str, Any]:
    older = copy.deepcopy(graph)
    older["relationships"] = [r for r in older["relationships"] if r["type"] != rel_type]
    return older


def subgraph(graph: dict[str, Any], documents: int, source: str | None = None) -> dict[str, Any]:
    """The first documents with their measures and every relationship touching them (a graph whose nodes
    the whole graph shares); with `source`, as the graph of another source file."""
    docs = {n["id"] for n in graph["nodes"] if "Document" in n["labels"] and n["id"]}
    keep = set(sorted(docs)[:documents])
    keep |= {r["end"] for r in graph["relationships"] if r["type"] == "HAS_MEASURE" and r["start"] in keep}
    rels = [r for r in graph["relationships"] if r["start"] in keep or r["end"] in keep]
    keep |= {r["start"] for r in rels} | {r["end"] for r in rels}
    nodes = [copy.deepcopy(n) for n in graph["nodes"] if n["id"] in keep]
    meta = copy.deepcopy(graph["meta"])
    if source:
        meta["sources"] = [{"file": source}]
        for node in nodes:
            if "source" in node["properties"]:
                node["properties"]["source"] = source
    return {"meta": meta, "nodes": nodes, "relationships": copy.deepcopy(rels)}


Prepare = Callable[[Driver], None]


def sequential_states(conn: Connection, prepare: Prepare, graphs: list[dict[str, Any]]) -> list[State]:
    """The database after the loads one after the other, in each order (one when the graphs are the same)."""
    states = []
    for order in [graphs] if graphs[0] is graphs[-1] else [graphs, graphs[::-1]]:
        with open_driver(conn) as driver:
            prepare(driver)
            for graph in order:
                load_graph(driver, conn.database, graph)
            states.append(database_state(driver))
    return states


@pytest.fixture(scope="module")
def sample_part(sample_graph: dict[str, Any]) -> dict[str, Any]:
    """A sixth of the sample, ECHOES included: big enough for long transactions, small enough to load often."""
    part = subgraph(sample_graph, 45)
    assert sum(r["type"] == "ECHOES" for r in part["relationships"]) > 100
    return part


@pytest.mark.parametrize("scenario", ["same graph, empty database", "adding ECHOES", "sharing nodes"])
def test_two_loads_at_once_leave_what_two_in_sequence_leave(
    conn: Connection, sample_part: dict[str, Any], scenario: str
) -> None:
    graphs = [sample_part, sample_part]
    if scenario == "same graph, empty database":

        def prepare(driver: Driver) -> None:
            wipe(driver)
            drop_schema(driver)

    elif scenario == "adding ECHOES":
        older = without_type(sample_part, "ECHOES")

        def prepare(driver: Driver) -> None:
            wipe(driver)
            load_graph(driver, conn.database, older)

    else:
        graphs = [sample_part, subgraph(sample_part, 15, "other-copy.txt")]

        def prepare(driver: Driver) -> None:
            wipe(driver)

    expected = sequential_states(conn, prepare, graphs)
    for _attempt in range(5):  # on a loaded machine one thread may finish before the other starts: try again
        with open_driver(conn) as driver:
            prepare(driver)
        spans = load_at_once(conn, graphs)
        if max(s for s, _ in spans) < min(e for _, e in spans):
            break
    with open_driver(conn) as driver:
        state = database_state(driver)
    assert max(s for s, _ in spans) < min(e for _, e in spans)  # the two loads really overlapped
    assert state["duplicateNodes"] == [] and state["duplicateRelationships"] == []
    assert len(state["relationships"]) == len(sample_part["relationships"])
    assert state in expected
    if scenario == "sharing nodes":
        shared = graphs[1]["nodes"][0]["id"]
        assert sorted(state["nodes"][shared][0][1]["loadedFrom"]) == ["east-china-2023.txt", "other-copy.txt"]


def test_the_database_refuses_a_second_relationship_with_a_uid(conn: Connection) -> None:
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, mini_graph())
        uid = driver.execute_query("MATCH ()-[r:ASSIGNS]->() RETURN r.uid AS uid LIMIT 1").records[0]["uid"]
        with pytest.raises(ConstraintError):
            driver.execute_query(
                "MATCH (a)-[r:ASSIGNS {uid: $uid}]->(b) CREATE (a)-[:ASSIGNS {uid: $uid}]->(b)", uid=uid
            )
        assert database_state(driver)["duplicateRelationships"] == []


def test_duplicates_an_old_load_left_are_merged_when_the_constraint_is_added(conn: Connection) -> None:
    graph = mini_graph()
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, graph)
        expected = database_state(driver)
        driver.execute_query("DROP CONSTRAINT assigns_rel_uid")
        copied = driver.execute_query(
            "MATCH (a)-[r:ASSIGNS]->(b) CREATE (a)-[c:ASSIGNS]->(b) SET c = properties(r) "
            "SET c.loadedFrom = r.loadedFrom + ['older.txt'] RETURN count(c) AS n"
        ).records[0]["n"]
        assert copied >= 2 and len(database_state(driver)["duplicateRelationships"]) == copied
        load_graph(driver, conn.database, graph)
        state = database_state(driver)
        names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert state["duplicateRelationships"] == [] and "assigns_rel_uid" in names
    assert state["relationships"].keys() == expected["relationships"].keys()
    merged = [c[0][3]["loadedFrom"] for c in state["relationships"].values() if c[0][0] == "ASSIGNS"]
    assert merged and all(sources == ["mini.txt", "older.txt"] for sources in merged)


def test_a_load_that_loses_a_uniqueness_race_to_another_writer_is_rerun(conn: Connection) -> None:
    """A writer that does not take the load lock creates one of the graph's nodes while the load runs: the
    load's CREATE waits for the writer's transaction (seen blocked in SHOW TRANSACTIONS), fails with a
    ConstraintError when it commits, and the rerun finds the node and updates it."""
    graph = mini_graph()
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, graph)
        expected = database_state(driver)
        wipe(driver)
    summaries = []
    with open_driver(conn) as driver, driver.session(database=conn.database) as session:
        tx = session.begin_transaction()
        tx.run("CREATE (:Entity:Document {uid: 'doc:zj', title: '别的写入'})").consume()

        def load() -> None:
            with open_driver(conn) as own:
                summaries.append(load_graph(own, conn.database, graph))

        loader = threading.Thread(target=load)
        loader.start()
        deadline = time.monotonic() + 60
        while not blocked_creates(driver) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert blocked_creates(driver), "the load never waited for the other writer"
        tx.commit()
        loader.join()
        state = database_state(driver)
    assert len(summaries) == 1
    assert summaries[0].nodesUpdated == 1 and summaries[0].nodesCreated == len(graph["nodes"]) - 1
    assert state == expected


def blocked_creates(driver: Driver) -> list[str]:
    """The transactions waiting for a lock while creating nodes (the loader's CREATE_NODES)."""
    records = driver.execute_query("SHOW TRANSACTIONS YIELD transactionId, status, currentQuery").records
    return [
        r["transactionId"]
        for r in records
        if str(r["status"]).startswith("Blocked") and CREATE_NODES.strip() in (r["currentQuery"] or "")
    ]
