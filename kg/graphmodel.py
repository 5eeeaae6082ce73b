"""Read access to the in-memory graph of kg.graphjson: a node carries `labels` (list) and `properties`
(dict), an edge `type` and `properties`. Exporters, the trace and the echo detector go through these helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx


def node_labels(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """The node's labels, e.g. ["Agency", "ResponsibleUnit"]."""
    return list(graph.nodes[node].get("labels", []))


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """Properties without the None values (graph.json omits them; no export format can hold them)."""
    return {k: v for k, v in props.items() if v is not None}


def node_properties(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """The node's properties, None values left out."""
    return _present(graph.nodes[node].get("properties", {}))


def relationships(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Every relationship as (start, end, type, properties)."""
    for start, end, data in graph.edges(data=True):
        yield start, end, data["type"], _present(data.get("properties", {}))


def has_label(graph: nx.MultiDiGraph, node: str, label: str) -> bool:
    return label in graph.nodes[node].get("labels", ())


def nodes_with_label(graph: nx.MultiDiGraph, label: str) -> list[str]:
    """Ids of the nodes carrying `label`, in graph order."""
    return [n for n, data in graph.nodes(data=True) if label in data.get("labels", ())]
