"""The shared options mean the same on every command: --json is --format json, CSV prints, GRAPH is a file or
its directory, --as-of is one ISO date parser, and `kg build` on sources with no notice writes what `kg ingest`
writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from tests.support.notice_texts import COMPILATION
from tests.support.trace_graph import write_graph_json

runner = CliRunner()
NOT_A_NOTICE = "今天天气很好，我们去公园散步。\n晚上回家吃饭。\n"
# A Neo4j that is not the local server and is never reached: `kg build` resolves it, then stops at the ingest.
ELSEWHERE = ["--uri", "bolt://127.0.0.1:9", "--password", "unused"]


@pytest.fixture
def graph_dir(tmp_path: Path) -> Path:
    write_graph_json(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [["stats"], ["agencies"], ["trace", "doc:zj"], ["export", "--out", "{out}"]],
    ids=["stats", "agencies", "trace", "export"],
)
def test_json_is_format_json(graph_dir: Path, args: list[str]) -> None:
    args = [a.replace("{out}", str(graph_dir / "out.json")) for a in args]
    alias = runner.invoke(app, [*args, str(graph_dir), "--json"])
    spelled = runner.invoke(app, [*args, str(graph_dir), "--format", "json"])
    assert alias.exit_code == spelled.exit_code == 0, alias.output
    assert json.loads(alias.stdout) == json.loads(spelled.stdout)


def test_graph_is_the_file_or_its_directory(graph_dir: Path) -> None:
    by_dir = runner.invoke(app, ["stats", str(graph_dir), "--json"])
    by_file = runner.invoke(app, ["stats", str(graph_dir / "graph.json"), "--json"])
    assert by_dir.exit_code == 0 and json.loads(by_dir.stdout) == json.loads(by_file.stdout)


def test_a_summary_as_csv_is_one_key_value_line_per_field(graph_dir: Path) -> None:
    result = runner.invoke(app, ["stats", str(graph_dir), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    values = {row["key"]: row["value"] for row in rows}
    as_json = json.loads(runner.invoke(app, ["stats", str(graph_dir), "--json"]).stdout)
    assert list(values) == list(as_json)
    assert json.loads(values["labels"]) == as_json["labels"]


def test_trace_as_csv_has_one_row_per_document_of_the_tree(graph_dir: Path) -> None:
    result = runner.invoke(app, ["trace", "doc:hp", str(graph_dir), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [(r["direction"], r["depth"], r["uid"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    tree = json.loads(runner.invoke(app, ["trace", "doc:hp", str(graph_dir), "--json"]).stdout)

    def walk(direction: str, nodes: list[dict], depth: int) -> list[tuple[str, str, str]]:
        return [
            step
            for node in nodes
            for step in [(direction, str(depth), node["uid"]), *walk(direction, node["children"], depth + 1)]
        ]

    assert rows == walk("upstream", tree["upstream"], 1) + walk("downstream", tree["downstream"], 1)
    assert ("upstream", "2", "doc:gwy") in rows


def test_graph_and_from_neo4j_together_are_refused(graph_dir: Path) -> None:
    result = runner.invoke(app, ["trace", "doc:zj", str(graph_dir), "--from-neo4j", *ELSEWHERE])
    assert result.exit_code == 2 and "not both" in result.output


def test_as_of_is_one_iso_date_parser_everywhere(tmp_path: Path) -> None:
    source = tmp_path / "hubei.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    for command in (["ingest", str(source)], ["build", str(source), *ELSEWHERE]):
        result = runner.invoke(app, [*command, "--out", str(tmp_path / "o"), "--as-of", "31.12.2023"])
        assert result.exit_code == 2 and "is not a date like 2023-12-31" in result.output, command
    assert not (tmp_path / "o" / "graph.json").exists()
    good = runner.invoke(
        app, ["ingest", str(source), "--out", str(tmp_path / "ok"), "--as-of", "2023-12-31", "--no-nlp"]
    )
    assert good.exit_code == 0, good.output
    assert (
        json.loads((tmp_path / "ok" / "graph.json").read_text(encoding="utf-8"))["meta"]["asOf"]
        == "2023-12-31"
    )


def test_build_on_no_notices_writes_the_empty_graph_as_ingest_does(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text(NOT_A_NOTICE, encoding="utf-8")
    ingested = runner.invoke(app, ["ingest", str(prose), "--out", str(tmp_path / "ingest")])
    built = runner.invoke(app, ["build", str(prose), "--out", str(tmp_path / "build"), *ELSEWHERE])
    assert ingested.exit_code == built.exit_code == 1
    assert "no notices" in built.output and "no notices" in ingested.output
    assert (tmp_path / "build" / "graph.json").read_text(encoding="utf-8") == (
        tmp_path / "ingest" / "graph.json"
    ).read_text(encoding="utf-8")
