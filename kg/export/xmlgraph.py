"""GraphML and GEXF (Gephi, Cytoscape, yEd) through networkx, with lists kept intact.

Conventions (those of Neo4j's APOC GraphML export): node attribute `labels` holds ":Agency:ResponsibleUnit",
edge attribute `label` holds the relationship type, node attribute `label` is a display caption. XML
attribute types cannot say "list", so a list property `aliases` is written as the attribute `aliases[]`
holding a JSON array: the `[]` is the type marker read_xml_graph decodes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graphmodel import node_labels, node_properties, relationships

LIST_MARK = "[]"
CAPTION = "label"
_CAPTION_KEYS = ("title", "name", "heading", "text", "date")


def caption(graph: nx.MultiDiGraph, node: str) -> str:
    """A short display name: the title, name, heading or text of the node, else its id."""
    props = node_properties(graph, node)
    for key in _CAPTION_KEYS:
        if isinstance(props.get(key), str) and props[key]:
            return props[key][:40]
    return str(node)


def _encode(props: dict[str, Any]) -> dict[str, Any]:
    return {
        (k + LIST_MARK if isinstance(v, list) else k): (
            json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
        )
        for k, v in props.items()
    }


def _decode(attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        (k[: -len(LIST_MARK)] if k.endswith(LIST_MARK) else k): (
            json.loads(v) if k.endswith(LIST_MARK) else v
        )
        for k, v in attrs.items()
    }


def xml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `graph` with scalar-only attributes in the GraphML/GEXF conventions above."""
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in graph:
        labels = "".join(":" + label for label in node_labels(graph, node))
        out.add_node(node, **_encode(node_properties(graph, node)), labels=labels, label=caption(graph, node))
    for start, end, rel_type, props in relationships(graph):
        out.add_edge(start, end, **_encode(props), label=rel_type)
    return out


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(xml_ready(graph), path, encoding="utf-8")


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    nx.write_gexf(xml_ready(graph), path, encoding="utf-8")


def read_xml_graph(path: Path) -> nx.MultiDiGraph:
    """Read a GraphML or GEXF file written here back into kg.graphjson's in-memory graph."""
    if path.suffix.lower() == ".gexf":
        raw = nx.read_gexf(path)
    else:
        raw = nx.read_graphml(path, force_multigraph=True)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, attrs in raw.nodes(data=True):
        props = {k: v for k, v in attrs.items() if k not in ("labels", CAPTION)}
        labels = [label for label in attrs.get("labels", "").split(":") if label]
        graph.add_node(node, labels=labels, properties=_decode(props))
    for start, end, attrs in raw.edges(data=True):
        props = {k: v for k, v in attrs.items() if k not in (CAPTION, "id", "networkx_key")}
        graph.add_edge(start, end, type=attrs[CAPTION], properties=_decode(props))
    return graph
