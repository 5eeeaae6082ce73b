"""GraphML, GEXF and node-link JSON written by kg.export read back by networkx with nothing lost."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from kg.export import ExportFormat, export_graph
from kg.export.admin_csv import column_type
from kg.export.cypher_script import statements
from kg.export.xmlgraph import read_xml_graph
from kg.graphjson import dict_to_graph
from tests.support.canonical import canonical
from tests.support.trace_graph import graph_json


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return dict_to_graph(graph_json())


@pytest.mark.parametrize("fmt", [ExportFormat.graphml, ExportFormat.gexf])
def test_xml_round_trip_keeps_everything(graph: nx.MultiDiGraph, fmt: ExportFormat, tmp_path: Path) -> None:
    path = tmp_path / f"g.{fmt.value}"
    export_graph(graph, fmt, path)
    back = read_xml_graph(path)
    assert canonical(back) == canonical(graph)
    agency = back.nodes["agency:shgov"]["properties"]
    assert agency["aliases"] == ["市政府办公厅", "上海市政府办公厅"]
    assert back.nodes["agency:none"]["properties"]["aliases"] == []
    assert back.nodes["doc:gwy"]["properties"]["inCorpus"] is False
    assert isinstance(back.nodes["doc:sh"]["properties"]["pageStart"], int)
    assert back.number_of_edges("doc:sh", "doc:gwy") == 2


def test_xml_files_carry_display_labels_and_types(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    export_graph(graph, ExportFormat.graphml, tmp_path / "g.graphml")
    raw = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert raw.nodes["agency:shgov"]["labels"] == ":Agency:ResponsibleUnit"
    assert raw.nodes["doc:sh"]["label"].startswith("上海市人民政府办公厅")
    assert {d["label"] for _, _, d in raw.edges(data=True)} >= {"CITES", "ISSUES", "ECHOES"}
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert 'attr.name="pageStart" attr.type="long"' in text or 'attr.name="pageStart" attr.type="int"' in text
    assert 'attr.name="aliases[]"' in text


def test_node_link_json_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    export_graph(graph, ExportFormat.json, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links")
    assert canonical(back) == canonical(graph)


def test_admin_csv_headers_and_rows(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    files = export_graph(graph, ExportFormat.csv, tmp_path / "csv")
    names = {f.name for f in files}
    assert {
        "nodes_Agency_ResponsibleUnit.csv",
        "nodes_Document.csv",
        "relationships_CITES.csv",
        "import.args",
    } <= names
    with (tmp_path / "csv" / "nodes_Document.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:2] == ["uid:ID", ":LABEL"]
    assert "pageStart:int" in header and "inCorpus:boolean" in header and "title:string" in header
    assert len(rows) - 1 == 8
    with (tmp_path / "csv" / "nodes_Agency_ResponsibleUnit.csv").open(encoding="utf-8") as handle:
        agency = list(csv.DictReader(handle))
    args = (tmp_path / "csv" / "import.args").read_text(encoding="utf-8").split()
    delimiter = next(a.split("=", 1)[1] for a in args if a.startswith("--array-delimiter="))
    assert agency[0][":LABEL"].split(delimiter) == ["Agency", "ResponsibleUnit"]
    assert agency[0]["aliases:string[]"].split(delimiter) == ["市政府办公厅", "上海市政府办公厅"]
    with (tmp_path / "csv" / "relationships_CITES.csv").open(encoding="utf-8") as handle:
        cites = list(csv.DictReader(handle))
    assert len(cites) == 6 and {":START_ID", ":END_ID", ":TYPE", "page:int", "purpose:string"} <= set(
        cites[0]
    )
    rel_rows = sum(
        1 for f in files if f.name.startswith("relationships_") for _ in f.open(encoding="utf-8")
    ) - sum(1 for f in files if f.name.startswith("relationships_"))
    assert rel_rows == graph.number_of_edges()


def test_column_types() -> None:
    assert column_type([1, 2]) == "int"
    assert column_type([1, 2**40]) == "long"
    assert column_type([1, 0.5]) == "double"
    assert column_type([True, False]) == "boolean"
    assert column_type([["a"], []]) == "string[]"
    assert column_type([[1, 2], [3]]) == "int[]"
    assert column_type(["a", 1]) == "string"


def test_cypher_script_is_one_statement_per_line(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    export_graph(graph, ExportFormat.cypher, tmp_path / "g.cypher")
    lines = (tmp_path / "g.cypher").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("//")]
    assert body == list(statements(graph)) and all(line.endswith(";") for line in body)
    assert any(line.startswith("CREATE CONSTRAINT uid_Agency ") for line in body)
    assert sum("CREATE (a)-[r:CITES]->(b)" in line for line in body) >= 1
