"""Neo4j mirrors the corpus: the sample cut into three parts, each part ingested into one corpus and loaded on
its own, leaves the database holding what one ingest and load of the whole sample leaves, and the trace
from a district plan reaches the municipal rule it implements. The same through `kg build` into the default
corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.segment import segment_pages
from ingest.sources.auto import read_source
from kg.cli.main import app
from kg.graphjson import graph_to_dict
from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.loader import load_graph
from kg.pipeline import ingest_paths
from tests.support.neo4j_helpers import counts, wipe
from tests.support.paths import SAMPLE
from tests.support.sample_parts import split_sample

runner = CliRunner()
DAY = "2023-12-31"


def _parts(folder: Path) -> list[Path]:
    docs = segment_pages(read_source(SAMPLE).pages, SAMPLE.name)
    return split_sample([13, next(d.index for d in docs if d.section == "安徽")], folder)


def _state(conn: Connection) -> tuple[dict[str, int], set[str]]:
    with open_driver(conn) as driver:
        docs = {r["uid"] for r in driver.execute_query("MATCH (d:Document) RETURN d.uid AS uid").records}
        return counts(driver), docs


def _whole(conn: Connection) -> tuple[dict[str, int], set[str]]:
    """The database after one ingest (no NLP) and load of the whole sample."""
    result = ingest_paths([SAMPLE], as_of=date.fromisoformat(DAY), nlp=False)
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, graph_to_dict(result.graph, result.meta))
    return _state(conn)


def _reaches(env: dict[str, str], start: str, target: str) -> bool:
    traced = runner.invoke(app, ["trace", start, "--from-neo4j", "--json"], env=env)
    assert traced.exit_code == 0, traced.output
    return target in traced.stdout


def _three_times(
    conn: Connection, step: Callable[[Path], None], parts: list[Path]
) -> tuple[dict[str, int], set[str]]:
    with open_driver(conn) as driver:
        wipe(driver)
    for part in parts:
        step(part)
    return _state(conn)


@pytest.fixture
def parts(tmp_path: Path) -> list[Path]:
    return _parts(tmp_path)


def test_three_ingests_each_loaded_mirror_one_ingest(
    conn: Connection, cli_env: dict[str, str], tmp_path: Path, parts: list[Path]
) -> None:
    corpus = tmp_path / "corpus"

    def ingest_and_load(part: Path) -> None:
        ingested = runner.invoke(app, ["ingest", str(part), "--out", str(corpus), "--as-of", DAY, "--no-nlp"])
        assert ingested.exit_code == 0, ingested.output
        loaded = runner.invoke(app, ["load", str(corpus)], env=cli_env)
        assert loaded.exit_code == 0, loaded.output

    in_parts = _three_times(conn, ingest_and_load, parts)
    assert _reaches(cli_env, "长发改规〔2023〕2号", "沪府办规〔2023〕1号")
    assert in_parts == _whole(conn)
    stubs = json.loads((corpus / "graph.json").read_text(encoding="utf-8"))
    assert sum(1 for n in stubs["nodes"] if n["properties"].get("inCorpus")) == 86


def test_kg_build_three_times_into_the_default_corpus(
    conn: Connection, cli_env: dict[str, str], tmp_path: Path, parts: list[Path]
) -> None:
    env = {**cli_env, "POLICY_KG_HOME": str(tmp_path / "home")}

    def build(part: Path) -> None:
        built = runner.invoke(app, ["build", str(part), "--as-of", DAY, "--no-nlp", "--json"], env=env)
        assert built.exit_code == 0, built.output

    in_parts = _three_times(conn, build, parts)
    assert (tmp_path / "home" / "corpus" / "corpus.json").is_file()
    assert _reaches(env, "长发改规〔2023〕2号", "沪府办规〔2023〕1号")
    assert in_parts == _whole(conn)
