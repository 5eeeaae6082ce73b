"""kg build, README's first command: ingest the sample, load it, print the overview."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j.connection import Connection, open_driver
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
