"""Export the graph in the formats graph tools read: GraphML, GEXF, node-link JSON, neo4j-admin CSV, Cypher."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    cypher = "cypher"


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> None:
    """networkx node-link JSON (`nx.node_link_graph(data, edges="links")` reads it back)."""
    import networkx as nx

    data = nx.node_link_data(graph, edges="links")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def export_graph(graph: nx.MultiDiGraph, fmt: ExportFormat, out: Path) -> list[Path]:
    """Write `graph` to `out` (a file; a directory for csv) and return the files written."""
    from kg.export.admin_csv import write_admin_csv
    from kg.export.cypher_script import write_cypher
    from kg.export.xmlgraph import write_gexf, write_graphml

    if fmt is ExportFormat.csv:
        return write_admin_csv(graph, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writers = {
        ExportFormat.graphml: write_graphml,
        ExportFormat.gexf: write_gexf,
        ExportFormat.json: write_node_link,
        ExportFormat.cypher: write_cypher,
    }
    writers[fmt](graph, out)
    return [out]
