"""`kg export` from graph.json: formats, filters, summary, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from kg.cli.main import app
from tests.support.trace_graph import write_graph_json

runner = CliRunner()


def _export(tmp_path: Path, *args: str) -> tuple[dict, nx.MultiDiGraph]:
    path = write_graph_json(tmp_path)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["export", str(path), "--to", "json", "--out", str(out), "--json", *args])
    assert result.exit_code == 0, result.output
    graph = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    return json.loads(result.stdout), graph


def test_full_export_summary_matches_file(tmp_path: Path) -> None:
    summary, graph = _export(tmp_path)
    assert summary["nodes"] == graph.number_of_nodes() == 14
    assert summary["relationships"] == graph.number_of_edges() == 17


def test_region_keeps_its_documents_and_what_hangs_off_them(tmp_path: Path) -> None:
    _, graph = _export(tmp_path, "--region", "上海")
    assert {"doc:sh", "doc:hp", "m:sh:1", "m:hp:1", "agency:shgov", "dl:2023-12-31", "doc:gwy"} <= set(graph)
    assert not {"doc:zj", "doc:hz", "doc:hz2"} & set(graph)


def test_labels_filter(tmp_path: Path) -> None:
    _, graph = _export(tmp_path, "--labels", "Document")
    assert len(graph) == 8 and all(d["labels"] == ["Document"] for _, d in graph.nodes(data=True))
    assert {d["type"] for _, _, d in graph.edges(data=True)} == {"CITES", "IMPLEMENTS", "SUPERSEDES"}


def test_trace_filter(tmp_path: Path) -> None:
    _, graph = _export(tmp_path, "--trace", "浙政发〔2023〕5号")
    assert set(graph) == {"doc:zj", "doc:hz", "doc:nb"}


def test_unknown_region_fails_without_output(tmp_path: Path) -> None:
    path = write_graph_json(tmp_path)
    out = tmp_path / "none.graphml"
    result = runner.invoke(
        app, ["export", str(path), "--to", "graphml", "--out", str(out), "--region", "西藏"]
    )
    assert result.exit_code == 2 and "西藏" in result.output
    assert not out.exists()


def test_missing_graph_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "nope.json"), "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_no_graph_and_no_neo4j_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and "--from-neo4j" in result.output
