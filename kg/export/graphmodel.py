"""How a policy-kg graph sits in networkx: node attribute `labels` plus properties, edge attribute `type`.

Every exporter, the trace and the echo detector read the graph through these helpers, so the
in-memory convention lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

LABELS = "labels"
TYPE = "type"


def node_labels(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """The node's labels, e.g. ["Agency", "ResponsibleUnit"]."""
    return list(graph.nodes[node].get(LABELS, []))


def node_properties(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """The node's properties (everything but its labels)."""
    return {k: v for k, v in graph.nodes[node].items() if k != LABELS}


def edge_properties(data: dict[str, Any]) -> dict[str, Any]:
    """A relationship's properties (everything but its type)."""
    return {k: v for k, v in data.items() if k != TYPE}


def relationships(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Every relationship as (start, end, type, properties)."""
    for start, end, data in graph.edges(data=True):
        yield start, end, data[TYPE], edge_properties(data)


def has_label(graph: nx.MultiDiGraph, node: str, label: str) -> bool:
    return label in graph.nodes[node].get(LABELS, ())


def nodes_with_label(graph: nx.MultiDiGraph, label: str) -> list[str]:
    """Ids of the nodes carrying `label`, in graph order."""
    return [n for n, data in graph.nodes(data=True) if label in data.get(LABELS, ())]


def graph_from_json(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Build the in-memory graph from a parsed graph.json document (DESIGN.md's artifact)."""
    graph = nx.MultiDiGraph(meta=data.get("meta", {}))
    for node in data["nodes"]:
        graph.add_node(node["id"], **{LABELS: list(node["labels"])}, **node.get("properties", {}))
    for rel in data["relationships"]:
        graph.add_edge(rel["start"], rel["end"], **{TYPE: rel["type"]}, **rel.get("properties", {}))
    return graph


def graph_to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph.json document for an in-memory graph (inverse of graph_from_json)."""
    return {
        "meta": graph.graph.get("meta", {}),
        "nodes": [
            {"id": n, "labels": node_labels(graph, n), "properties": node_properties(graph, n)} for n in graph
        ],
        "relationships": [
            {"type": t, "start": s, "end": e, "properties": p} for s, e, t, p in relationships(graph)
        ],
    }
