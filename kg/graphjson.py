"""graph.json, the artifact everything downstream reads: networkx MultiDiGraph <-> the DESIGN.md contract.

In memory a node carries `labels` (list) and `properties` (dict); an edge carries `type` and `properties`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from ingest.errors import InputError

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(row, ensure_ascii=False), built once
_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_ENDS = itemgetter("type", "start", "end")
_FIRST = itemgetter(0)
_ROW_BREAK = "\0row\0"  # between the rows encoded in one call (`_encoded`)
_ENCODED_BREAK = f", {_ENCODER.encode(_ROW_BREAK)}, "
_CHUNK = 20_000  # rows encoded, or lines written, in one call


def _clean(properties: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v or (v is not None and v != [] and v != "")}


EdgeId = tuple[str, str, int | str]  # start, end and key of an edge of the multigraph
KeptNode = tuple[
    list[str], dict[str, Any], str
]  # a node's labels and properties when its line was encoded, and the line


def graph_to_dict(graph: nx.MultiDiGraph, meta: dict[str, Any]) -> dict[str, Any]:
    """The graph.json structure, nodes and relationships in a stable order: nodes by id, relationships by
    type, start and end, then by their properties' JSON."""
    rows = [relationship_row(u, v, data) for u, v, data in graph.edges(data=True)]
    order = _order([_ENDS(row) for row in rows], lambda i: rows[i]["properties"])
    return {"meta": meta, "nodes": _node_rows(graph), "relationships": [rows[i] for i in order]}


def relationship_row(start: str, end: str, data: dict[str, Any]) -> dict[str, Any]:
    """An edge's row of graph.json (`data` holds its type and properties)."""
    return {
        "type": data["type"],
        "start": start,
        "end": end,
        "properties": _clean(data.get("properties", {})),
    }


def row_line(row: dict[str, Any]) -> str:
    """A row as graph.json writes it, on one line."""
    return _ENCODER.encode(row)


def node_line(uid: str, labels: list[str], properties: dict[str, Any]) -> str:
    """A node's line of graph.json."""
    return row_line(_node_row(uid, labels, properties))


def _node_row(uid: str, labels: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"id": uid, "labels": sorted(labels), "properties": _clean(properties)}


def write_graph(
    graph: nx.MultiDiGraph,
    meta: dict[str, Any],
    path: Path,
    lines: Mapping[EdgeId, str] | None = None,
    nodes: Mapping[str, KeptNode] | None = None,
) -> None:
    """Write graph.json atomically (a reader never sees half a file), one node or relationship a line.

    `lines` may hold, by (start, end, key), the lines of edges already encoded (`row_line` of their
    `relationship_row`) whose properties have not changed since: those are written as they are. `nodes`
    may hold, by uid, a node's labels and properties when its line (`node_line`) was encoded, and the line:
    it is written as it is while the node still has those labels and properties."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".graph.", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write('{"meta": ' + json.dumps(meta, ensure_ascii=False))
        for key, rows in (
            ("nodes", _node_lines(graph, nodes or {})),
            ("relationships", _edge_lines(graph, lines)),
        ):
            handle.write(f',\n"{key}": [\n' if rows else f',\n"{key}": []')
            for start in range(0, len(rows), _CHUNK):  # never the whole file in one string
                handle.write((",\n" if start else "") + ",\n".join(rows[start : start + _CHUNK]))
            handle.write("\n]" if rows else "")
        handle.write("}\n")
    os.replace(tmp, path)


def _node_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [
        _node_row(uid, data["labels"], data["properties"])
        for uid, data in sorted(graph.nodes(data=True), key=_FIRST)
    ]


def _node_lines(graph: nx.MultiDiGraph, known: Mapping[str, KeptNode]) -> list[str]:
    """Every node's line, in graph.json's order: a kept line while the node is as it was when encoded."""
    out: list[str] = []
    todo: list[int] = []
    rows: list[dict[str, Any]] = []
    for uid, data in sorted(graph.nodes(data=True), key=_FIRST):
        kept = known.get(uid)
        if kept is not None and kept[0] == data["labels"] and kept[1] == data["properties"]:
            out.append(kept[2])
        else:
            todo.append(len(out))
            out.append("")
            rows.append(_node_row(uid, data["labels"], data["properties"]))
    for i, line in zip(todo, _encoded(rows), strict=True):
        out[i] = line
    return out


def _edge_lines(graph: nx.MultiDiGraph, lines: Mapping[EdgeId, str] | None) -> list[str]:
    """Every relationship's line, in graph.json's order: those in `lines` as they are, the others encoded."""
    known = lines or {}
    ends: list[tuple[str, str, str]] = []
    datas: list[dict[str, Any]] = []
    out: list[str] = []
    todo: list[int] = []
    for u, v, k, data in graph.edges(keys=True, data=True):
        line = known.get((u, v, k))
        if line is None:
            todo.append(len(out))
        out.append(line or "")
        ends.append((data["type"], u, v))
        datas.append(data)
    for start in range(0, len(todo), _CHUNK):  # the rows of a chunk at a time, not of every edge
        chunk = todo[start : start + _CHUNK]
        encoded = _encoded([relationship_row(ends[i][1], ends[i][2], datas[i]) for i in chunk])
        for i, line in zip(chunk, encoded, strict=True):
            out[i] = line
    order = _order(ends, lambda i: _clean(datas[i].get("properties", {})))
    return [out[i] for i in order]


def _order(ends: list[tuple[str, str, str]], properties: Callable[[int], dict[str, Any]]) -> list[int]:
    """The indices of relationships with these (type, start, end) in the order of (type, start, end,
    properties' JSON), stable; `properties(i)` gives relationship i's cleaned properties.

    Each is keyed by one string, type, start and end joined by NUL (the lowest character, so the string
    order is the tuple order), followed only where that is not unique by the properties' JSON (which never
    holds a raw NUL): strings compare far faster than tuples. Ids holding a NUL are ordered by tuples."""
    keys = ["\0".join(e) for e in ends]
    if "".join(keys).count("\0") != 2 * len(keys):
        return sorted(range(len(ends)), key=lambda i: (*ends[i], _SORTED.encode(properties(i))))
    counts = Counter(keys)
    for i, key in enumerate(keys):
        if counts[key] > 1:
            keys[i] = f"{key}\0{_SORTED.encode(properties(i))}"
    return sorted(range(len(keys)), key=keys.__getitem__)


def _encoded(rows: list[dict[str, Any]]) -> list[str]:
    """Each row as json.dumps(row, ensure_ascii=False) gives it, in one call of the encoder (its per-call
    overhead was a quarter of the cost): the rows are encoded as one list with a marker string between
    them, split at each encoded marker with its separators. The encoded marker, with its quotes, cannot
    come from inside a row (a quote in a string is escaped) unless a list property holds the marker
    itself; then the count disagrees and each row is encoded alone."""
    if not rows:
        return []
    marked: list[object] = [_ROW_BREAK] * (2 * len(rows) - 1)
    marked[0::2] = rows
    pieces = _ENCODER.encode(marked)[1:-1].split(_ENCODED_BREAK)
    return pieces if len(pieces) == len(rows) else list(map(_ENCODER.encode, rows))


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
