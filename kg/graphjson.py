"""graph.json, the artifact everything downstream reads: networkx MultiDiGraph <-> the DESIGN.md contract.

In memory a node carries `labels` (list) and `properties` (dict); an edge carries `type` and `properties`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from ingest.errors import InputError

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(row, ensure_ascii=False), built once
_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_ENDS = itemgetter("type", "start", "end")
_FIRST = itemgetter(0)
_ROW_BREAK = "\0row\0"  # between the rows encoded in one call (`_lines`)
_ENCODED_BREAK = f", {_ENCODER.encode(_ROW_BREAK)}, "


def _clean(properties: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v or (v is not None and v != [] and v != "")}


def graph_to_dict(graph: nx.MultiDiGraph, meta: dict[str, Any]) -> dict[str, Any]:
    """The graph.json structure, nodes and relationships in a stable order: nodes by id, relationships by
    type, start and end, then by their properties' JSON."""
    nodes = [
        {"id": uid, "labels": sorted(data["labels"]), "properties": _clean(data["properties"])}
        for uid, data in sorted(graph.nodes(data=True), key=_FIRST)
    ]
    relationships = [
        {"type": data["type"], "start": u, "end": v, "properties": _clean(data.get("properties", {}))}
        for u, v, data in graph.edges(data=True)
    ]
    return {"meta": meta, "nodes": nodes, "relationships": _in_order(relationships)}


def _in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The relationships ordered by (type, start, end, properties' JSON), stable.

    Each is keyed by one string, type, start and end joined by NUL (the lowest character, so the string
    order is the tuple order), and only where that is not unique followed by its properties' JSON (which
    never holds a raw NUL): strings compare far faster than tuples. Ids holding a NUL get the tuple keys.
    """
    keys = [f"{r['type']}\0{r['start']}\0{r['end']}" for r in rows]
    if "".join(keys).count("\0") != 2 * len(keys):
        return sorted(rows, key=lambda r: (*_ENDS(r), _SORTED.encode(r["properties"])))
    counts = Counter(keys)
    for i, key in enumerate(keys):
        if counts[key] > 1:
            keys[i] = f"{key}\0{_SORTED.encode(rows[i]['properties'])}"
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]


def write_graph(graph: nx.MultiDiGraph, meta: dict[str, Any], path: Path) -> None:
    """Write graph.json atomically (a reader never sees half a file), one node or relationship a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = graph_to_dict(graph, meta)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".graph.", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write('{"meta": ' + json.dumps(data["meta"], ensure_ascii=False))
        for key in ("nodes", "relationships"):
            rows = _lines(data[key])
            handle.write(f',\n"{key}": [\n{rows}\n]' if rows else f',\n"{key}": []')
        handle.write("}\n")
    os.replace(tmp, path)


def _lines(rows: list[dict[str, Any]]) -> str:
    """The rows one a line, exactly as ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) gives
    them, in one call of the encoder (its per-call overhead was a quarter of the cost): the rows are encoded
    as one list with a marker string between them, and each encoded marker with its separators becomes a
    line break. The encoded marker, with its quotes, cannot come from inside a row (a quote in a string is
    escaped) unless a list property holds the marker itself; then the count disagrees and each row is
    encoded alone."""
    if not rows:
        return ""
    marked: list[object] = [_ROW_BREAK] * (2 * len(rows) - 1)
    marked[0::2] = rows
    encoded = _ENCODER.encode(marked)[1:-1]
    if encoded.count(_ENCODED_BREAK) != len(rows) - 1:
        return ",\n".join(map(_ENCODER.encode, rows))
    return encoded.replace(_ENCODED_BREAK, ",\n")


def load_graph_dict(path: Path) -> dict[str, Any]:
    """Read graph.json as a dict, or fail with a one-line reason naming the file."""
    where = str(path)
    if not path.is_file():
        raise InputError(where, "no such file" if not path.exists() else "not a file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(where, f"not a graph.json file ({err.__class__.__name__})") from None
    if not isinstance(data, dict) or not {"nodes", "relationships"} <= data.keys():
        raise InputError(where, "not a graph.json file (no nodes and relationships)")
    return data


def dict_to_graph(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Rebuild the in-memory graph from graph.json content."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in data["nodes"]:
        graph.add_node(node["id"], labels=list(node["labels"]), properties=dict(node["properties"]))
    for rel in data["relationships"]:
        graph.add_edge(rel["start"], rel["end"], type=rel["type"], properties=dict(rel["properties"]))
    return graph


def load_graph(path: Path) -> nx.MultiDiGraph:
    """Read graph.json into a MultiDiGraph."""
    return dict_to_graph(load_graph_dict(path))
