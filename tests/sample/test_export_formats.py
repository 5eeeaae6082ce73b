"""The whole sample's graph written by kg.export as GraphML, GEXF and node-link JSON reads back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.export import ExportFormat, export_graph
from kg.export.xmlgraph import read_xml_graph
from kg.graphjson import dict_to_graph
from tests.support.canonical import canonical


@pytest.mark.parametrize("fmt", [ExportFormat.graphml, ExportFormat.gexf, ExportFormat.json])
def test_sample_round_trip(sample_graph: dict, fmt: ExportFormat, tmp_path: Path) -> None:
    sample = dict_to_graph(sample_graph)
    path = tmp_path / f"sample.{fmt.value}"
    export_graph(sample, fmt, path)
    if fmt is ExportFormat.json:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    else:
        back = read_xml_graph(path)
    assert len(back) > 4000 and canonical(back) == canonical(sample)
