"""kg build, README's first command: ingest the sample, load it, print the overview."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j.connection import Connection, open_driver
from tests.support.echo_notices import PROVINCE_NOTICE
from tests.support.neo4j_helpers import counts, wipe
from tests.support.paths import SAMPLE

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_kg_build_ingests_loads_and_summarises_the_sample(
    conn: Connection, cli_env: dict[str, str], tmp_path: Path
) -> None:
    with open_driver(conn) as driver:
        wipe(driver)
    result = CliRunner().invoke(
        app, ["build", str(SAMPLE), "--out", str(tmp_path), "--as-of", "2023-12-31", "--json"], env=cli_env
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    graph = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert report["load"]["nodesCreated"] == len(graph["nodes"])
    with open_driver(conn) as driver:
        assert counts(driver)["relationships"] == len(graph["relationships"])
    labels = {r["name"]: r["count"] for r in report["label-counts"] if r["kind"] == "label"}
    assert labels["Document"] == sum(1 for n in graph["nodes"] if "Document" in n["labels"])
    assert (
        report["top-cited-documents"][0]["docNumber"] == "沪府办规〔2023〕1号"
    )  # 徐汇, 金山, 嘉定 … cite it
    assert report["lead-agency-workload"] and report["indicator-coverage"]


def test_kg_build_names_a_missing_source(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", str(tmp_path / "missing.txt"), "--out", str(tmp_path)], env=cli_env
    )
    assert result.exit_code == 2 and "missing.txt" in result.stderr
    assert not (tmp_path / "graph.json").exists()


def test_kg_build_leaves_another_corpus_alone_unless_replace(
    conn: Connection, cli_env: dict[str, str], tmp_path: Path
) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(PROVINCE_NOTICE, encoding="utf-8")
    build = ["build", str(notice), "--no-nlp", "--json"]
    with open_driver(conn) as driver:
        wipe(driver)
    first = CliRunner().invoke(app, [*build, "--out", str(tmp_path / "one")], env=cli_env)
    assert first.exit_code == 0, first.output
    with open_driver(conn) as driver:
        before = counts(driver)
    refused = CliRunner().invoke(app, [*build, "--out", str(tmp_path / "two")], env=cli_env)
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "--replace" in refused.stderr
    with open_driver(conn) as driver:
        assert counts(driver) == before
    replaced = CliRunner().invoke(app, [*build, "--out", str(tmp_path / "two"), "--replace"], env=cli_env)
    assert replaced.exit_code == 0, replaced.output
    corpus = json.loads((tmp_path / "two" / "graph.json").read_text(encoding="utf-8"))["meta"]["corpus"]
    with open_driver(conn) as driver:
        loaded = driver.execute_query("MATCH (n) RETURN collect(DISTINCT n.loadedCorpus) AS c").records
    assert loaded[0]["c"] == [corpus]
