"""The CSV export imported with neo4j-admin, and the Cypher script run, each into an empty Neo4j database,
give back the counts of graph.json (the bundled sample), labels, types and typed property values.

Each database lives in its own local server (Neo4j Community runs one user database per server), installed
with kg.neo4j.server.install into a temporary home on free ports and stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver, GraphDatabase

from kg.export import ExportFormat, export_graph
from kg.export.admin_csv import ARGS_FILE
from kg.export.graphmodel import node_labels, relationships
from kg.neo4j import server
from kg.neo4j.home import Neo4jHome
from kg.pipeline import ingest_paths

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "east-china-2023.txt"
pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return ingest_paths([SAMPLE], as_of=date(2023, 12, 31), nlp=False).graph


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Neo4jHome]]:
    """Two fresh, installed, stopped servers; stopped again (if started) at the end."""
    root = tmp_path_factory.mktemp("neo4j")
    homes = [Neo4jHome(root / name) for name in ("imported", "scripted")]
    for home in homes:
        server.install(home, bolt_port=_free_port(), http_port=_free_port())
    yield homes
    for home in homes:
        if server.running_pid(home) is not None:
            server.stop(home)


def _driver(home: Neo4jHome) -> Driver:
    return GraphDatabase.driver(home.bolt_uri, auth=("neo4j", home.password()))


def _counts(driver: Driver) -> tuple[int, int, Counter, Counter]:
    with driver.session(database="neo4j") as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        rels = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
        labels = Counter(
            {
                r["label"]: r["c"]
                for r in session.run("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS c")
            }
        )
        types = Counter(
            {r["t"]: r["c"] for r in session.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c")}
        )
    return nodes, rels, labels, types


def _expected(graph: nx.MultiDiGraph) -> tuple[int, int, Counter, Counter]:
    labels = Counter(label for node in graph for label in node_labels(graph, node))
    types = Counter(rel_type for _, _, rel_type, _ in relationships(graph))
    return graph.number_of_nodes(), graph.number_of_edges(), labels, types


def _check_values(driver: Driver, graph: nx.MultiDiGraph) -> None:
    """A Document's int and bool properties and an Agency's list of aliases keep their types and values."""
    doc = next(
        n
        for n in graph
        if "Document" in node_labels(graph, n) and "pageStart" in graph.nodes[n]["properties"]
    )
    agency = next(n for n in graph if len(graph.nodes[n]["properties"].get("aliases", [])) > 1)
    with driver.session(database="neo4j") as session:
        row = session.run("MATCH (n {uid: $uid}) RETURN n.pageStart AS p, n.inCorpus AS c", uid=doc).single()
        aliases = session.run("MATCH (n {uid: $uid}) RETURN n.aliases AS a", uid=agency).single()["a"]
    props = graph.nodes[doc]["properties"]
    assert (row["p"], row["c"]) == (props["pageStart"], props["inCorpus"])
    assert aliases == graph.nodes[agency]["properties"]["aliases"]


def test_csv_imported_with_neo4j_admin(
    graph: nx.MultiDiGraph, installed: list[Neo4jHome], tmp_path: Path
) -> None:
    home = installed[0]
    export_graph(graph, ExportFormat.csv, tmp_path / "csv")
    args = (tmp_path / "csv" / ARGS_FILE).read_text(encoding="utf-8").split("\n")
    java = shutil.which("java")
    assert java, "java is needed for neo4j-admin"
    command = [java, "-cp", f"{home.conf_dir}{os.pathsep}{home.lib}/*", server.ADMIN_ENTRY_POINT]
    command += [
        "database",
        "import",
        "full",
        *[a for a in args if a],
        "--overwrite-destination=true",
        "neo4j",
    ]
    env = dict(os.environ, NEO4J_HOME=str(home.root), NEO4J_CONF=str(home.conf_dir))
    done = subprocess.run(command, cwd=tmp_path / "csv", env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    server.start(home)
    with _driver(home) as driver:
        assert _counts(driver) == _expected(graph)
        _check_values(driver, graph)


def test_cypher_script_rebuilds_the_graph(
    graph: nx.MultiDiGraph, installed: list[Neo4jHome], tmp_path: Path
) -> None:
    home = installed[1]
    export_graph(graph, ExportFormat.cypher, tmp_path / "graph.cypher")
    server.start(home)
    lines = (tmp_path / "graph.cypher").read_text(encoding="utf-8").splitlines()
    with _driver(home) as driver:
        assert _counts(driver)[:2] == (0, 0)
        with driver.session(database="neo4j") as session:
            for statement in lines:
                if not statement.startswith("//"):
                    session.run(statement).consume()
        assert _counts(driver) == _expected(graph)
        _check_values(driver, graph)
