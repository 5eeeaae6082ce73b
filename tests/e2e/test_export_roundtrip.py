"""The CSV export imported with neo4j-admin, and the Cypher script run, each into an empty Neo4j database,
give back the counts of graph.json (the bundled sample), and typed property values.

The Cypher script runs into the session's test server (conftest.py), emptied first. neo4j-admin imports
offline into a database that does not run, and Neo4j Community runs one user database per server, so the
CSV goes into a second server, installed with the same kg.neo4j.server.install into a temporary home on
free ports, started after the import and stopped at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from neo4j import Driver
from typer.testing import CliRunner

from kg.analysis.trace import resolve_document, trace, trace_to_dict
from kg.cli.main import app
from kg.export import ExportFormat, export_graph
from kg.export.admin_csv import ARGS_FILE
from kg.export.cypher_script import name
from kg.graphjson import dict_to_graph, graph_to_dict
from kg.neo4j import server
from kg.neo4j.connection import open_driver, resolve_connection
from kg.neo4j.home import Neo4jHome
from tests.support.neo4j_helpers import counts, wipe

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def import_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jHome]:
    """A fresh, installed, never started server; stopped at the end if a test started it."""
    home = Neo4jHome(tmp_path_factory.mktemp("neo4j-import") / "neo4j")
    server.install(home, bolt_port=_free_port(), http_port=_free_port())
    yield home
    if server.running_pid(home) is not None:
        server.stop(home)


def _expected(graph: dict[str, Any]) -> dict[str, int]:
    """What counts() should find: graph.json's nodes and relationships, per label and type, and totals."""
    found = Counter("label:" + label for node in graph["nodes"] for label in node["labels"])
    found.update("type:" + rel["type"] for rel in graph["relationships"])
    return {**found, "nodes": len(graph["nodes"]), "relationships": len(graph["relationships"])}


def _check_values(driver: Driver, graph: dict[str, Any]) -> None:
    """A Document's int and bool properties and an Agency's list of aliases keep their types and values."""
    doc = next(n for n in graph["nodes"] if "Document" in n["labels"] and "pageStart" in n["properties"])
    agency = next(n for n in graph["nodes"] if len(n["properties"].get("aliases", [])) > 1)
    with driver.session(database="neo4j") as session:
        row = session.run(
            "MATCH (n {uid: $uid}) RETURN n.pageStart AS p, n.inCorpus AS c", uid=doc["id"]
        ).single()
        aliases = session.run("MATCH (n {uid: $uid}) RETURN n.aliases AS a", uid=agency["id"]).single()["a"]
    assert (row["p"], row["c"]) == (doc["properties"]["pageStart"], doc["properties"]["inCorpus"])
    assert aliases == agency["properties"]["aliases"]


def test_csv_imported_with_neo4j_admin(
    sample_graph: dict[str, Any], import_home: Neo4jHome, tmp_path: Path
) -> None:
    home = import_home
    export_graph(dict_to_graph(sample_graph), ExportFormat.csv, tmp_path / "csv")
    args = [a for a in (tmp_path / "csv" / ARGS_FILE).read_text(encoding="utf-8").split("\n") if a]
    java = shutil.which("java")
    assert java, "java is needed for neo4j-admin"
    command = [java, "-cp", f"{home.conf_dir}{os.pathsep}{home.lib}/*", server.ADMIN_ENTRY_POINT]
    command += ["database", "import", "full", *args, "--overwrite-destination=true", "neo4j"]
    env = dict(os.environ, NEO4J_HOME=str(home.root), NEO4J_CONF=str(home.conf_dir))
    done = subprocess.run(command, cwd=tmp_path / "csv", env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    server.start(home)
    conn = resolve_connection(uri=home.bolt_uri, password=home.password(), home=home)
    with open_driver(conn) as driver:
        assert counts(driver) == _expected(sample_graph)
        _check_values(driver, sample_graph)


@contextmanager
def _replayed_cypher(graph: dict[str, Any], driver: Driver, path: Path) -> Iterator[None]:
    """Export `graph` as a Cypher script and run it statement by statement, line by line, into the emptied
    database; afterwards the database is emptied again and the script's constraints dropped (the loader's
    schema, which later tests compare, has other names)."""
    export_graph(dict_to_graph(graph), ExportFormat.cypher, path)
    wipe(driver)
    assert counts(driver)["nodes"] == 0
    try:
        with driver.session(database="neo4j") as session:
            for statement in path.read_text(encoding="utf-8").splitlines():
                if not statement.startswith("//"):
                    session.run(statement).consume()
        yield
    finally:
        wipe(driver)
        for label in {label for n in graph["nodes"] for label in n["labels"]}:
            driver.execute_query(f"DROP CONSTRAINT {name('uid_' + label)} IF EXISTS")


def _check_everything(driver: Driver, graph: dict[str, Any]) -> None:
    """Every node with its labels and properties, every relationship with its type, ends and properties,
    each value compared with its type (1, 1.0 and True differ)."""
    nodes = driver.execute_query("MATCH (n) RETURN n.uid AS u, labels(n) AS l, properties(n) AS p").records
    assert sorted(_typed(r["u"], *sorted(r["l"]), props=r["p"]) for r in nodes) == sorted(
        _typed(n["id"], *sorted(n["labels"]), props={**n["properties"], "uid": n["id"]})
        for n in graph["nodes"]
    )
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.uid AS a, b.uid AS b, properties(r) AS p"
    ).records
    assert sorted(_typed(r["t"], r["a"], r["b"], props=r["p"]) for r in rels) == sorted(
        _typed(r["type"], r["start"], r["end"], props=r["properties"]) for r in graph["relationships"]
    )


def _typed(*parts: str, props: dict[str, Any]) -> str:
    """Parts and properties as text; repr keeps floats exact and types apart; None (never stored) left out."""
    return repr((parts, sorted((k, repr(v)) for k, v in props.items() if v is not None)))


def test_cypher_script_rebuilds_the_graph(
    sample_graph: dict[str, Any], driver: Driver, tmp_path: Path
) -> None:
    with _replayed_cypher(sample_graph, driver, tmp_path / "graph.cypher"):
        assert counts(driver) == _expected(sample_graph)
        _check_everything(driver, sample_graph)


def test_cypher_script_keeps_every_value_exact(driver: Driver, tmp_path: Path) -> None:
    """Edge cases of the row encoding, through a real replay: quotes, line breaks, the separators, 64-bit ints,
    floats to the last bit, empty lists and strings, properties missing on some nodes of a label."""
    text = '它\'s \\ "x"\n\r\t\u2028\u2029\x85\x00\x1f\x1e\x1d 😀 \U0010ffff'
    many = {"uid": "n:1", "text": text, "empty": "", "big": 2**63 - 1, "small": -(2**63), "zero": 0}
    many |= {
        "third": 1 / 3,
        "tiny": 5e-324,
        "huge": 1.7976931348623157e308,
        "whole": 2.0,
        "inf": float("inf"),
    }
    many |= {"yes": True, "no": False, "none": [], "blank": [""], "items": ["a\x1e", "", "市政府;'"]}
    graph: dict[str, Any] = {
        "nodes": [
            {"id": "n:1", "labels": ["Odd Label", "X"], "properties": many},
            {
                "id": "n:2",
                "labels": ["Odd Label", "X"],
                "properties": {"uid": "n:2", "zero": 1, "text": None},
            },
            {"id": "n:3", "labels": ["Y"], "properties": {}},
        ],
        "relationships": [
            {"type": "ODD TYPE", "start": "n:1", "end": "n:3", "properties": {"w": 0.1, "s": text}},
            {"type": "ODD TYPE", "start": "n:1", "end": "n:3", "properties": {}},
            {"type": "R", "start": "n:3", "end": "n:2", "properties": {"order": 1, "l": []}},
        ],
    }
    with _replayed_cypher(graph, driver, tmp_path / "edge.cypher"):
        _check_everything(driver, graph)


def test_export_and_trace_from_neo4j(
    sample_loaded: dict[str, Any], cli_env: dict[str, str], tmp_path: Path
) -> None:
    """`--from-neo4j` reads back exactly the graph the loader wrote, and traces it like graph.json."""
    out = tmp_path / "from-neo4j.json"
    result = runner.invoke(app, ["export", "--from-neo4j", "--to", "json", "--out", str(out)], env=cli_env)
    assert result.exit_code == 0, result.output
    back = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    assert _canonical(graph_to_dict(back, {})) == _canonical(sample_loaded)
    traced = runner.invoke(
        app, ["trace", "黄府规〔2023〕4号", "--from-neo4j", "--format", "json"], env=cli_env
    )
    assert traced.exit_code == 0, traced.output
    graph = dict_to_graph(sample_loaded)
    assert json.loads(traced.stdout) == trace_to_dict(
        trace(graph, resolve_document(graph, "黄府规〔2023〕4号"))
    )


def _canonical(graph: dict[str, Any]) -> tuple[list[str], list[str]]:
    nodes = sorted(json.dumps(n, sort_keys=True, ensure_ascii=False) for n in graph["nodes"])
    rels = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in graph["relationships"])
    return nodes, rels
