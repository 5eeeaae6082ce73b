"""The test session's Neo4j: a local server of its own, started once and reused across the session, so
sessions running at the same time (several developers' suites) never share a database. Its jars come from
the shared test home (`test` under the user's data root), installed from Maven Central on first use.
Tests point the CLI at it through NEO4J_URI and NEO4J_PASSWORD (`cli_env`), or through POLICY_KG_HOME as
the local server (`local_env`).
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import os
import shutil
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from kg.neo4j import server
from kg.neo4j.connection import Connection, open_driver, resolve_connection
from kg.neo4j.home import Neo4jHome, data_root
from kg.neo4j.loader import load_graph
from tests.support.neo4j_helpers import free_port, wipe
from tests.support.paths import ROOT

COPIES = 20


def test_root() -> Path:
    """Where the test servers live: $POLICY_KG_TEST_HOME, else `test` under the user's data root."""
    return Path(os.environ.get("POLICY_KG_TEST_HOME", data_root() / "test"))


@pytest.fixture(scope="session")
def test_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jHome]:
    """This session's server: the jars installed once in the shared test home (under a file lock, so
    concurrent sessions fetch them once), a home of its own on free ports, stopped at the end."""
    shared = Neo4jHome(test_root() / "neo4j")
    shared.root.mkdir(parents=True, exist_ok=True)
    with open(shared.root / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        server.install(shared)
    home = Neo4jHome(tmp_path_factory.mktemp("policy-kg") / "neo4j")
    home.root.mkdir()
    home.lib.symlink_to(shared.lib, target_is_directory=True)
    server.install(home, bolt_port=free_port(), http_port=free_port())
    server.start(home)
    yield home
    if server.running_pid(home) is not None:
        server.stop(home)


def fresh_database(home: Neo4jHome, database: str) -> None:
    """Give the session's server a new, empty database in place of `database` (no data, no schema): the server
    stopped, the database's store and transaction files deleted, the server started (it makes the database
    again). Seconds, where deleting a graph of 20 copies of the sample in transactions takes a minute."""
    server.stop(home)
    for folder in (home.data / "databases" / database, home.data / "transactions" / database):
        shutil.rmtree(folder)
    server.start(home)


@pytest.fixture
def emptied_afterwards(test_home: Neo4jHome, conn: Connection) -> Iterator[None]:
    """The test's database replaced by an empty one when the test ends (`fresh_database`)."""
    yield
    fresh_database(test_home, conn.database)


@pytest.fixture(scope="session")
def conn(test_home: Neo4jHome) -> Connection:
    return resolve_connection(uri=test_home.bolt_uri, password=test_home.password(), home=test_home)


@pytest.fixture
def driver(conn: Connection) -> Iterator[Driver]:
    with open_driver(conn) as drv:
        yield drv


@pytest.fixture
def cli_env(conn: Connection) -> dict[str, str]:
    """Environment that points every kg command at the test server."""
    return {
        "NEO4J_URI": conn.uri,
        "NEO4J_USERNAME": conn.user,
        "NEO4J_PASSWORD": conn.password,
        "NEO4J_DATABASE": conn.database,
    }


@pytest.fixture
def local_env(test_home: Neo4jHome) -> dict[str, str]:
    """Environment in which the test server is the CLI's local server (password read from its file)."""
    return {"POLICY_KG_HOME": str(test_home.root.parent)}


@pytest.fixture(scope="module")
def sample_loaded(conn: Connection, sample_graph: dict[str, Any]) -> dict[str, Any]:
    """The test database holding exactly the sample graph (the session's `sample_graph`, tests/conftest.py)."""
    with open_driver(conn) as drv:
        wipe(drv)
        load_graph(drv, conn.database, sample_graph)
    return sample_graph


GRAPH_INPUTS = ("ingest", "kg", "bench/bench_corpus.py", "data/east-china-2023.txt")
NOT_GRAPH_INPUTS = ("kg/neo4j", "kg/cli", "kg/eval", "kg/export")  # what ingest_into_corpus never runs


def graph_inputs_digest() -> str:
    """SHA-256 over the code, tables and text the 20-copy graph is made from, and the libraries it uses: a
    cached graph of another digest is stale."""
    digest = hashlib.sha256(f"{COPIES} {version('networkx')} {version('datasketch')}".encode())
    files = (
        p
        for name in GRAPH_INPUTS
        for p in ([ROOT / name] if (ROOT / name).is_file() else (ROOT / name).rglob("*"))
    )
    for path in sorted(files):
        relative = path.relative_to(ROOT).as_posix()
        if path.suffix in {".py", ".toml", ".json", ".txt"} and "__pycache__" not in path.parts:
            if not relative.startswith(NOT_GRAPH_INPUTS):
                digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def twenty_copies(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The graph of a corpus holding 20 distinct copies of the sample (about 1,700 notices), made as
    bench/bench_corpus.py makes its copies and ingested without NLP. Making it takes minutes, so it is kept in
    the pytest cache under the digest of what it is made from, and made again when any of that changes."""
    from ingest.cores import usable_cores
    from kg.graphjson import load_graph_dict
    from kg.mapstage.runners import MapSettings
    from kg.pipeline import ingest_into_corpus

    cache = getattr(request.config, "cache", None)  # None under `-p no:cacheprovider`
    folder = Path(cache.mkdir("twenty-copies")) if cache else tmp_path_factory.mktemp("twenty-copies")
    cached = folder / f"graph-{graph_inputs_digest()}.json"
    if cached.exists():
        return load_graph_dict(cached)
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "bench_corpus.py")
    assert spec and spec.loader
    bench_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_corpus)
    work = tmp_path_factory.mktemp("copies")
    sources = bench_corpus.copies(work, COPIES)
    mapping = MapSettings(workers=usable_cores())  # as `kg ingest` maps: on 2 cores 42 s, not 64 s serially
    ingest_into_corpus(sources, work / "corpus", as_of=date(2023, 12, 31), nlp=False, mapping=mapping)
    for stale in folder.glob("graph-*.json"):
        stale.unlink()
    shutil.copyfile(work / "corpus" / "graph.json", cached)
    return load_graph_dict(cached)
