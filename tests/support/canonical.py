"""Test helper: a graph as sorted JSON strings, so two graphs compare equal iff their contents do."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from kg.graphjson import graph_to_dict


def canonical(graph: nx.MultiDiGraph | dict[str, Any]) -> tuple[list[str], list[str]]:
    """Nodes and relationships (of a graph or of graph.json content) as sorted JSON strings; meta left out."""
    data = graph if isinstance(graph, dict) else graph_to_dict(graph, {})
    nodes = sorted(json.dumps(n, sort_keys=True, ensure_ascii=False) for n in data["nodes"])
    rels = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in data["relationships"])
    return nodes, rels
