"""A source's document parts (kg.build.document) to bytes and back.

The first line is JSON: each part's links (through the typed codec), its nodes as rows of plain JSON (uid,
labels, properties) and the keys of its relationships (null but for a named one, WITHIN). Then each
relationship follows on a line of its own, as the graph.json line it carries (JSON text holds no raw line
break), in the parts' order: read back in one pass of the JSON decoder, and kept as the lines they are.
Last come the nodes' graph.json lines, in the parts' order, kept as text (the rows above are their data).
Each row's shape is checked on the way back. Data only, as for the records: reading a corpus runs no code.
"""

from __future__ import annotations

import json

from kg.build.document import DocumentPart, EdgeRow, NodeRow
from kg.build.links import DocumentLinks
from kg.corpus.codec import CodecError, decoder, encode


def parts_bytes(version: str, parts: list[DocumentPart]) -> bytes:
    """The stored form of a source's parts, built by builder version `version`."""
    data = {"builder": version, "documents": [_stored(part) for part in parts]}
    header = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    edges = (edge[5] for part in parts for edge in part.edges)
    nodes = (line for part in parts for line in part.node_lines)
    return "\n".join([header, *edges, *nodes]).encode("utf-8")


def _stored(part: DocumentPart) -> dict[str, object]:
    return {
        "links": encode(part.links),
        "nodes": [list(row) for row in part.nodes],
        "keys": [edge[4] for edge in part.edges],
    }


def read_parts(data: bytes, version: str) -> list[DocumentPart] | None:
    """The parts stored in `data`, or None when another builder version wrote them; CodecError when the
    data is not what `parts_bytes` writes."""
    header, _, rest = data.partition(b"\n")
    try:
        stored = json.loads(header)
    except ValueError as err:
        raise CodecError(f"not JSON: {err}") from None
    if not isinstance(stored, dict):
        raise CodecError("not an object")
    if stored.get("builder") != version:
        return None
    documents = stored.get("documents")
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise CodecError("no list of documents")
    edge_count = sum(_length(d.get("keys")) for d in documents)
    node_count = sum(_length(d.get("nodes")) for d in documents)
    try:
        text = rest.decode("utf-8").split("\n") if rest else []
        lines, node_lines = text[:edge_count], text[edge_count:]
        rows = json.loads(f"[{','.join(lines)}]")
    except ValueError as err:
        raise CodecError(f"relationship lines are not JSON: {err}") from None
    if len(lines) != edge_count or len(node_lines) != node_count:
        raise CodecError(f"{len(text)} lines for {edge_count} relationships and {node_count} nodes")
    parts, at, node_at = [], 0, 0
    for document in documents:
        part = _part(document, lines, rows, at, node_lines, node_at)
        parts.append(part)
        at += len(part.edges)
        node_at += len(part.nodes)
    return parts


def _part(
    data: object, lines: list[str], rows: list[object], at: int, node_lines: list[str], node_at: int
) -> DocumentPart:
    """The part stored in `data`, its relationships (and their lines) from `rows[at]` on, its nodes' lines
    from `node_lines[node_at]` on."""
    if not isinstance(data, dict):
        raise CodecError("a document part is not an object")
    links = decoder(DocumentLinks)(data.get("links"))
    nodes, keys = data.get("nodes"), data.get("keys")
    if not isinstance(links, DocumentLinks) or not isinstance(nodes, list) or not isinstance(keys, list):
        raise CodecError("a document part lacks its links, nodes or relationship keys")
    if len(rows) < at + len(keys):
        raise CodecError("fewer relationship lines than relationships")
    edges = [_edge(rows[at + i], key, lines[at + i]) for i, key in enumerate(keys)]
    return DocumentPart(
        links, [_node(row) for row in nodes], edges, node_lines[node_at : node_at + len(nodes)]
    )


def _node(row: object) -> NodeRow:
    if isinstance(row, list) and len(row) == 3:
        uid, labels, properties = row
        if isinstance(uid, str) and _texts(labels) and isinstance(properties, dict):
            return uid, labels, properties  # JSON object keys are strings
    raise CodecError(f"not a node row: {str(row)[:80]}")


def _edge(row: object, key: object, line: str) -> EdgeRow:
    if isinstance(row, dict) and (key is None or isinstance(key, str)):
        start, end, kind, properties = (
            row.get("start"),
            row.get("end"),
            row.get("type"),
            row.get("properties"),
        )
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and isinstance(kind, str)
            and isinstance(properties, dict)
        ):
            return start, end, kind, properties, key, line
    raise CodecError(f"not a relationship line: {line[:80]}")


def _length(value: object) -> int:
    """The length of a list (0 for anything else: `_part` names what is wrong)."""
    return len(value) if isinstance(value, list) else 0


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
