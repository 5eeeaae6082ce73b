"""kg load against the real local Neo4j: counts, idempotence, replacement of an older load, the cjk
full-text index, and a load interrupted by killing the server."""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ingest.errors import InputError
from kg.cli.main import app
from kg.neo4j import server
from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.home import Neo4jHome
from kg.neo4j.loader import load_graph
from tests.support.minigraph import mini_graph
from tests.support.neo4j_helpers import counts, wipe

pytestmark = pytest.mark.neo4j


def expected_counts(graph: dict[str, Any]) -> dict[str, int]:
    """What the database must hold for graph.json: its labels (plus the key label Entity) and types."""
    result = {
        f"label:{label}": c for label, c in Counter(lb for n in graph["nodes"] for lb in n["labels"]).items()
    }
    result["label:Entity"] = len(graph["nodes"])
    result.update({f"type:{t}": c for t, c in Counter(r["type"] for r in graph["relationships"]).items()})
    result["nodes"] = len(graph["nodes"])
    result["relationships"] = len(graph["relationships"])
    return result


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


def test_a_load_killed_with_the_server_reruns_to_the_same_counts(
    conn: Connection, test_home: Neo4jHome, sample_graph: dict[str, Any]
) -> None:
    with open_driver(conn) as driver:
        wipe(driver)
    killed = threading.Event()

    def kill_midway(stage: str, done: int, total: int) -> None:
        if done >= total // 3 and not killed.is_set():
            killed.set()
            threading.Thread(target=server.kill, args=(test_home,)).start()

    with pytest.raises(InputError, match="neo4j at bolt://127.0.0.1"), open_driver(conn) as driver:
        load_graph(driver, conn.database, sample_graph, batch_size=1000, progress=kill_midway)
    assert killed.is_set()
    assert server.running_pid(test_home) is None
    server.start(test_home)
    with open_driver(conn) as driver:
        assert counts(driver)["nodes"] in (0,)  # the killed transaction left nothing half-loaded
        load_graph(driver, conn.database, sample_graph)
        assert counts(driver) == expected_counts(sample_graph)
