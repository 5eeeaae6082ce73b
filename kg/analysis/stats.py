"""Summaries of a graph.json: counts by label and type, documents by province and level, gaps."""

from __future__ import annotations

from collections import Counter
from typing import Any


def graph_stats(graph: dict[str, Any]) -> dict[str, Any]:
    """Counts a person checks first, plus the measures that name no responsible unit."""
    nodes = graph["nodes"]
    rels = graph["relationships"]
    documents = [n["properties"] for n in nodes if "Document" in n["labels"]]
    corpus = [d for d in documents if d.get("inCorpus")]
    cites = [r for r in rels if r["type"] == "CITES"]
    in_corpus = {n["id"] for n in nodes if n["properties"].get("inCorpus")}
    return {
        "nodes": sum(1 for _ in nodes),
        "relationships": len(rels),
        "labels": dict(Counter(label for n in nodes for label in n["labels"]).most_common()),
        "relationship_types": dict(Counter(r["type"] for r in rels).most_common()),
        "documents_in_corpus": len(corpus),
        "documents_external": len(documents) - len(corpus),
        "documents_by_province": dict(Counter(d.get("province") or "(none)" for d in corpus).most_common()),
        "documents_by_level": dict(Counter(d.get("level") or "(none)" for d in corpus).most_common()),
        "citations_resolved": sum(1 for r in cites if r["end"] in in_corpus),
        "citations_external": sum(1 for r in cites if r["end"] not in in_corpus),
        "supersedes": sum(1 for r in rels if r["type"] == "SUPERSEDES"),
        "measures_without_units": measures_without_units(graph),
    }


def measures_without_units(graph: dict[str, Any]) -> list[dict[str, Any]]:
    """Leaf measures that neither name a unit nor sit under a measure that does (section-level leads
    such as 一、企业开办领域（省市场监管局牵头） cover their items): document title, path, heading, page."""
    assigned = {r["start"] for r in graph["relationships"] if r["type"] == "ASSIGNS"}
    parent = {r["start"]: r["end"] for r in graph["relationships"] if r["type"] == "PART_OF"}
    owner = {r["end"]: r["start"] for r in graph["relationships"] if r["type"] == "HAS_MEASURE"}
    titles = {n["id"]: n["properties"].get("title") for n in graph["nodes"] if "Document" in n["labels"]}

    def covered(uid: str | None) -> bool:
        while uid is not None:
            if uid in assigned:
                return True
            uid = parent.get(uid)
        return False

    has_children = set(parent.values())
    return [
        {
            "document": titles.get(owner.get(n["id"])),
            "path": n["properties"].get("path"),
            "heading": n["properties"].get("heading"),
            "page": n["properties"].get("pageStart"),
        }
        for n in graph["nodes"]
        if "Measure" in n["labels"] and n["id"] not in has_children and not covered(n["id"])
    ]
