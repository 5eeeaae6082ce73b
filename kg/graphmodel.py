"""Read access to the in-memory graph of kg.graphjson: a node carries `labels` (list) and `properties`
(dict), an edge `type` and `properties`. Exporters, the trace and the echo detector go through these helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, get_args

import networkx as nx

from ingest.records import Level

# The graph's own vocabularies (properties no extraction record carries); the rest are in ingest.records.
Status = Literal["in_force", "expired", "not_yet", "repealed"]  # of a corpus Document as of a day
Direction = Literal["vertical", "horizontal"]  # of ECHOES and reuse IMPLEMENTS: across levels or within one
ImplementsVia = Literal["citation", "reuse"]

LEVEL_RANK: dict[str, int] = {level: rank for rank, level in enumerate(reversed(get_args(Level)))}


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


def level_rank(graph: nx.MultiDiGraph, node: str) -> int | None:
    """How high the node's `level` sits: district 0, city 1, province 2, national 3; None without one."""
    level = graph.nodes[node].get("properties", {}).get("level")
    return LEVEL_RANK.get(level) if isinstance(level, str) else None


def nodes_with_label(graph: nx.MultiDiGraph, label: str) -> list[str]:
    """Ids of the nodes carrying `label`, in graph order."""
    return [n for n, data in graph.nodes(data=True) if label in data.get("labels", ())]
