"""Test helper: graph.json by its plain definition (rows sorted as tuples, each encoded on its own), to hold
the writer's fast paths (string sort keys, one-call encoding, lines kept from the documents' parts) to it."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def _clean(properties: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v is not None and v != [] and v != ""}


def plain_graph_json(graph: nx.MultiDiGraph, meta: dict[str, Any]) -> str:
    """The text graph.json should hold for `graph` and `meta`."""
    nodes = [
        {"id": n, "labels": sorted(d["labels"]), "properties": _clean(d["properties"])}
        for n, d in sorted(graph.nodes(data=True), key=lambda item: item[0])
    ]
    rels = [
        {"type": d["type"], "start": u, "end": v, "properties": _clean(d.get("properties", {}))}
        for u, v, d in graph.edges(data=True)
    ]
    rels.sort(
        key=lambda r: (
            r["type"],
            r["start"],
            r["end"],
            json.dumps(r["properties"], ensure_ascii=False, sort_keys=True),
        )
    )
    body = ""
    for key, rows in (("nodes", nodes), ("relationships", rels)):
        lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
        body += f',\n"{key}": [\n{lines}\n]' if lines else f',\n"{key}": []'
    return '{"meta": ' + json.dumps(meta, ensure_ascii=False) + body + "}\n"
