"""IMPLEMENTS {via: citation}: a document that cites a higher-level one as what it carries out.

A corpus document whose citation's purpose is `implements` (为贯彻落实《X》) or `basis` (根据《X》，制定本办法)
and whose cited document (in the corpus or known only by the citation) sits at a higher level
(district < city < province < national) implements it: `(lower)-[:IMPLEMENTS {via: "citation", purpose,
asPrinted, page, direction: "vertical"}]->(higher)`, one edge per pair, from the first such citation in
page order. A citation at the same level, or of a document whose level is unknown, is left a citation.
"""

from __future__ import annotations

import networkx as nx

from kg.graphmodel import has_label, level_rank

CARRIED_OUT = ("implements", "basis")  # the CITES purposes that say the citing document carries out the cited


def add_citation_implements(graph: nx.MultiDiGraph) -> int:
    """Add IMPLEMENTS {via: citation} for the graph's CITES edges between documents; return how many."""
    cited: list[tuple[str, str, int, str, str | None]] = []
    for start, end, data in graph.edges(data=True):
        props = data.get("properties", {})
        if data["type"] != "CITES" or props.get("purpose") not in CARRIED_OUT:
            continue
        if not (has_label(graph, start, "Document") and has_label(graph, end, "Document")):
            continue
        low, high = level_rank(graph, start), level_rank(graph, end)
        if low is not None and high is not None and high > low:
            cited.append((start, end, props.get("page") or 0, props["purpose"], props.get("asPrinted")))
    added: set[tuple[str, str]] = set()
    for start, end, page, purpose, as_printed in sorted(cited, key=lambda c: c[:4]):
        if (start, end) in added:
            continue
        added.add((start, end))
        props = {"via": "citation", "purpose": purpose, "asPrinted": as_printed, "page": page or None}
        graph.add_edge(start, end, type="IMPLEMENTS", properties={**props, "direction": "vertical"})
    return len(added)
