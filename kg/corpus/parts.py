"""A source's document parts (kg.build.document) to JSON and back: links through the typed codec, nodes and
relationships as rows of plain JSON (uid, labels, properties; start, end, type, properties, key), each row's
shape checked on the way back. JSON only, as for the records: reading a corpus runs no code."""

from __future__ import annotations

import json

from kg.build.document import DocumentPart, EdgeRow, NodeRow
from kg.build.links import DocumentLinks
from kg.corpus.codec import CodecError, decoder, encode


def parts_json(version: str, parts: list[DocumentPart]) -> bytes:
    """The stored form of a source's parts, built by builder version `version`."""
    data = {"builder": version, "documents": [_stored(part) for part in parts]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _stored(part: DocumentPart) -> dict[str, object]:
    return {
        "links": encode(part.links),
        "nodes": [list(row) for row in part.nodes],
        "edges": [list(row) for row in part.edges],
    }


def read_parts(data: bytes, version: str) -> list[DocumentPart] | None:
    """The parts stored in `data`, or None when another builder version wrote them; CodecError when the
    data is not what `parts_json` writes."""
    try:
        stored = json.loads(data)
    except ValueError as err:
        raise CodecError(f"not JSON: {err}") from None
    if not isinstance(stored, dict):
        raise CodecError("not an object")
    if stored.get("builder") != version:
        return None
    documents = stored.get("documents")
    if not isinstance(documents, list):
        raise CodecError("no list of documents")
    return [_part(document) for document in documents]


def _part(data: object) -> DocumentPart:
    if not isinstance(data, dict):
        raise CodecError("a document part is not an object")
    links = decoder(DocumentLinks)(data.get("links"))
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(links, DocumentLinks) or not isinstance(nodes, list) or not isinstance(edges, list):
        raise CodecError("a document part lacks its links, nodes or edges")
    return DocumentPart(links, [_node(row) for row in nodes], [_edge(row) for row in edges])


def _node(row: object) -> NodeRow:
    if isinstance(row, list) and len(row) == 3:
        uid, labels, properties = row
        if isinstance(uid, str) and _texts(labels) and isinstance(properties, dict):
            return uid, labels, properties  # JSON object keys are strings
    raise CodecError(f"not a node row: {str(row)[:80]}")


def _edge(row: object) -> EdgeRow:
    if isinstance(row, list) and len(row) == 5:
        start, end, kind, properties, key = row
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and isinstance(kind, str)
            and isinstance(properties, dict)
            and (key is None or isinstance(key, str))
        ):
            return start, end, kind, properties, key
    raise CodecError(f"not a relationship row: {str(row)[:80]}")


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
