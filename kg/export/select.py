"""Sub-graphs to export: the documents of a region and what hangs off them, a label set, a node set."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.graphmodel import has_label, node_labels, node_properties, nodes_with_label

_REGION_KEYS = ("province", "city", "district")
_REGION_SUFFIXES = ("省", "市", "区", "县", "自治区", "自治州")


def _region_names(name: str) -> set[str]:
    base = name
    for suffix in _REGION_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            base = base[: -len(suffix)]
            break
    return {name, base} | {base + suffix for suffix in _REGION_SUFFIXES}


def region_documents(graph: nx.MultiDiGraph, region: str) -> list[str]:
    """Documents whose province, city or district is `region` (上海 and 上海市 both match)."""
    names = _region_names(region)
    return [
        n
        for n in nodes_with_label(graph, "Document")
        if any(node_properties(graph, n).get(k) in names for k in _REGION_KEYS)
    ]


def measures_of(graph: nx.MultiDiGraph, documents: Iterable[str]) -> set[str]:
    """Every Measure under the documents: HAS_MEASURE, then PART_OF downwards."""
    found: set[str] = set()
    stack = [m for d in documents for _, m, e in graph.out_edges(d, data=True) if e["type"] == "HAS_MEASURE"]
    while stack:
        measure = stack.pop()
        if measure in found:
            continue
        found.add(measure)
        stack.extend(child for child, _, e in graph.in_edges(measure, data=True) if e["type"] == "PART_OF")
    return found


def hanging_off(graph: nx.MultiDiGraph, documents: Iterable[str]) -> set[str]:
    """The documents, their measures, and every node one step from them that is not another document's measure."""
    core = set(documents) | measures_of(graph, documents)
    keep = set(core)
    for node in core:
        for other in nx.all_neighbors(graph, node):
            if other not in core and not has_label(graph, other, "Measure"):
                keep.add(other)
    return keep


def region_nodes(graph: nx.MultiDiGraph, region: str) -> set[str]:
    """The nodes `kg export --region` keeps; empty when no document is in the region."""
    return hanging_off(graph, region_documents(graph, region))


def label_nodes(graph: nx.MultiDiGraph, labels: Iterable[str]) -> set[str]:
    """Nodes carrying any of `labels`."""
    wanted = set(labels)
    return {n for n in graph if wanted & set(node_labels(graph, n))}


def restrict(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """An independent copy of the sub-graph induced by `keep` (relationships between kept nodes)."""
    return graph.subgraph(keep).copy()
