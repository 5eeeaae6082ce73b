"""kg load against the real local Neo4j: counts, idempotence, replacement of an older load, the cjk
full-text index, and a load whose process is killed half-way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.loader import load_graph
from kg.neo4j.plan import plan_load
from tests.support.minigraph import mini_graph
from tests.support.neo4j_helpers import State, counts, database_state, expected_counts, wipe
from tests.support.paths import ROOT

pytestmark = pytest.mark.neo4j


def test_sample_loads_with_the_counts_of_graph_json_and_a_second_load_changes_nothing(
    conn: Connection, sample_graph: dict[str, Any], tmp_path: Path, cli_env: dict[str, str]
) -> None:
    with open_driver(conn) as driver:
        wipe(driver)
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(sample_graph, ensure_ascii=False), encoding="utf-8")
    first = CliRunner().invoke(app, ["load", str(path), "--json"], env=cli_env)
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["nodesCreated"] == len(sample_graph["nodes"]) > 1000
    assert summary["relationshipsCreated"] == len(sample_graph["relationships"])
    with open_driver(conn) as driver:
        before = counts(driver)
    assert before == expected_counts(sample_graph)
    second = json.loads(CliRunner().invoke(app, ["load", str(path), "--json"], env=cli_env).stdout)
    changed = [
        k
        for k in (
            "nodesCreated",
            "nodesUpdated",
            "nodesDeleted",
            "relationshipsCreated",
            "relationshipsUpdated",
            "relationshipsDeleted",
        )
        if second[k]
    ]
    assert changed == []
    with open_driver(conn) as driver:
        assert counts(driver) == before


def test_a_newer_graph_of_the_same_source_replaces_the_old_subgraph(conn: Connection) -> None:
    old = mini_graph()
    new = mini_graph()
    new["nodes"] = [n for n in new["nodes"] if n["id"] not in ("m:zj2",)]
    new["relationships"] = [r for r in new["relationships"] if "m:zj2" not in (r["start"], r["end"])]
    next(n for n in new["nodes"] if n["id"] == "doc:hz")["properties"]["title"] = (
        "杭州市优化营商环境实施方案（修订）"
    )
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, old)
        summary = load_graph(driver, conn.database, new)
        assert (summary.nodesDeleted, summary.nodesUpdated, summary.nodesCreated) == (1, 1, 0)
        assert summary.relationshipsDeleted == 4  # HAS_MEASURE, two ASSIGNS, ADDRESSES of the dropped measure
        assert counts(driver) == expected_counts(new)
        titles = [
            r["t"]
            for r in driver.execute_query("MATCH (d:Document {uid: 'doc:hz'}) RETURN d.title AS t").records
        ]
        assert titles == ["杭州市优化营商环境实施方案（修订）"]


def test_another_source_is_left_alone_by_a_reload(conn: Connection) -> None:
    other = {
        "meta": {"sources": [{"file": "other.txt"}]},
        "nodes": [
            {
                "id": "doc:other",
                "labels": ["Document"],
                "properties": {"title": "另一个通知", "inCorpus": True, "source": "other.txt"},
            }
        ],
        "relationships": [],
    }
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, other)
        load_graph(driver, conn.database, mini_graph())
        smaller = mini_graph()
        smaller["nodes"] = [n for n in smaller["nodes"] if n["id"] != "doc:nj"]
        smaller["relationships"] = [
            r for r in smaller["relationships"] if "doc:nj" not in (r["start"], r["end"])
        ]
        load_graph(driver, conn.database, smaller)
        uids = {r["u"] for r in driver.execute_query("MATCH (d:Document) RETURN d.uid AS u").records}
    assert "doc:other" in uids and "doc:nj" not in uids and "doc:zj" in uids


def test_dates_become_neo4j_dates_and_the_cjk_fulltext_index_finds_chinese(conn: Connection) -> None:
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, mini_graph())
        kinds = driver.execute_query(
            "MATCH (x:Deadline {uid: 'dl:2023-06'}) RETURN valueType(x.date) AS t"
        ).records
        assert kinds[0]["t"].startswith("DATE")
        hits = driver.execute_query(
            "CALL db.index.fulltext.queryNodes('policyText', $q) YIELD node RETURN node.uid AS uid",
            q="接电时间",
        ).records
        assert hits and hits[0]["uid"] == "m:hz1"
        titles = driver.execute_query(
            "CALL db.index.fulltext.queryNodes('policyText', $q) YIELD node WHERE node:Document RETURN node.uid AS uid",
            q="南京",
        ).records
        assert [r["uid"] for r in titles] == ["doc:nj"]


def _visible_documents(driver: Driver) -> int:
    return driver.execute_query("MATCH (d:Document {inCorpus: true}) RETURN count(d) AS n").records[0]["n"]


def _kill_half_way(graph_path: Path, env: dict[str, str], driver: Driver, documents: int) -> bool:
    """Run `kg load` in a process of its own and SIGKILL it once some documents are committed; False when it
    finished before that."""
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg), "load", str(graph_path), "--batch-size", "1000"]
    process = subprocess.Popen(
        command, env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL
    )
    try:
        while process.poll() is None and _visible_documents(driver) == 0:
            time.sleep(0.05)
    finally:
        process.kill()
        process.wait()
    return 0 < _visible_documents(driver) < documents


def test_a_load_killed_half_way_shows_whole_documents_and_a_rerun_ends_as_an_uninterrupted_load(
    conn: Connection, sample_graph: dict[str, Any], tmp_path: Path, cli_env: dict[str, str]
) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(sample_graph, ensure_ascii=False), encoding="utf-8")
    plan = plan_load(sample_graph)
    documents = sum(1 for n in sample_graph["nodes"] if n["properties"].get("inCorpus"))
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, sample_graph)
        expected = database_state(driver)
        for _attempt in range(3):  # a load that ends before the poll sees a document is tried again
            wipe(driver)
            if _kill_half_way(path, cli_env, driver, documents):
                break
        partial = database_state(driver)
        assert 0 < _visible_documents(driver) < documents
        # whole documents only: every relationship of the graph whose two ends are visible is visible too,
        # and every visible document has all its measures
        held = set(partial["nodes"])
        due = {r["uid"] for r in plan.relationships if r["start"] in held and r["end"] in held}
        assert due == set(partial["relationships"])
        measures = {r["end"] for r in plan.relationships if r["type"] == "HAS_MEASURE" and r["start"] in held}
        assert measures <= held <= plan.node_uids
        load_graph(driver, conn.database, sample_graph)
        assert database_state(driver) == expected


def _with_corpus(graph: dict[str, Any], corpus: str) -> dict[str, Any]:
    return {**graph, "meta": {**graph.get("meta", {}), "corpus": corpus}}


def test_a_database_holding_another_corpus_is_not_merged_without_replace(
    conn: Connection, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    first, second = _with_corpus(mini_graph(), "a" * 32), _with_corpus(mini_graph(), "b" * 32)
    second["nodes"] = [n for n in second["nodes"] if n["id"] != "doc:nj"]
    second["relationships"] = [r for r in second["relationships"] if "doc:nj" not in (r["start"], r["end"])]
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, first)
        before = database_state(driver)
    _refused_then_replaced(conn, path, cli_env, before, "corpus aaaaaaaaaaaa")
    with open_driver(conn) as driver:
        assert counts(driver) == expected_counts(second)
        corpora = driver.execute_query("MATCH (n) RETURN collect(DISTINCT n.loadedCorpus) AS c").records
    assert corpora[0]["c"] == ["b" * 32]


def test_a_corpus_graph_is_mirrored_a_document_gone_from_the_corpus_is_gone(conn: Connection) -> None:
    whole = _with_corpus(mini_graph(), "c" * 32)
    smaller = _with_corpus(mini_graph(), "c" * 32)
    smaller["nodes"] = [n for n in smaller["nodes"] if n["id"] != "doc:nj"]
    smaller["relationships"] = [r for r in smaller["relationships"] if "doc:nj" not in (r["start"], r["end"])]
    smaller["meta"]["sources"] = [{"file": "other.txt"}]  # the corpus no longer holds the source of doc:nj
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, whole)
        summary = load_graph(driver, conn.database, smaller)
        assert counts(driver) == expected_counts(smaller)
    assert summary.nodesDeleted >= 1 and summary.nodesCreated == summary.nodesUpdated == 0


def test_nodes_no_load_wrote_are_named_and_nothing_is_loaded_without_replace(
    conn: Connection, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A database holding nodes another tool wrote (here a Cypher script's Agency) is refused in one line,
    not failed on a uniqueness constraint half-way; --replace loads into it."""
    graph = mini_graph()
    agency = next(n for n in graph["nodes"] if "Agency" in n["labels"])
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(graph, ensure_ascii=False), encoding="utf-8")
    with open_driver(conn) as driver:
        wipe(driver)
        driver.execute_query("CREATE (:Agency {uid: $uid})", uid=agency["id"], database_=conn.database)
        before = database_state(driver)
    _refused_then_replaced(conn, path, cli_env, before, "holds 1 node that kg load did not write")
    with open_driver(conn) as driver:
        assert counts(driver) == expected_counts(graph)


def _refused_then_replaced(
    conn: Connection, path: Path, cli_env: dict[str, str], before: State, reason: str
) -> None:
    """`kg load PATH` is refused in one line naming `reason` and --replace, leaving the database as it was
    (`before`); `kg load PATH --replace` then succeeds."""
    refused = CliRunner().invoke(app, ["load", str(path)], env=cli_env)
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1
    assert reason in refused.stderr and "--replace" in refused.stderr
    with open_driver(conn) as driver:
        assert database_state(driver) == before
    replaced = CliRunner().invoke(app, ["load", str(path), "--replace"], env=cli_env)
    assert replaced.exit_code == 0, replaced.output
