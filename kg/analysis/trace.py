"""Dependency trace of one document: what it cites and implements up the administrative hierarchy
(district → city → province → national), and who cites, implements or restates it below.

Pure functions over the in-memory graph (kg.graphmodel); graph.json and Neo4j feed the same graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ingest.model import squeeze
from ingest.records import CitationPurpose
from kg.export.select import measures_of
from kg.graphmodel import (
    Direction,
    ImplementsVia,
    Status,
    has_label,
    level_rank,
    node_properties,
    nodes_with_label,
)

LINK_TYPES = ("CITES", "IMPLEMENTS")
INACTIVE: tuple[Status, ...] = ("repealed", "expired")
DOC_FIELDS = (
    "title",
    "docNumber",
    "level",
    "province",
    "city",
    "district",
    "issueDate",
    "status",
    "inCorpus",
)
_YEAR_BRACKETS = re.compile(r"[\[【(（［〔](\d{4})[\]】)）］〕]")


class DocumentNotFound(LookupError):
    """No document matches the query."""


class AmbiguousDocument(LookupError):
    """Several documents match the query; `candidates` lists them (uid, title, docNumber)."""

    def __init__(self, query: str, candidates: list[dict[str, Any]]) -> None:
        super().__init__(f"{query!r} matches {len(candidates)} documents")
        self.candidates = candidates


@dataclass
class Link:
    """One way a document depends on another: the relationship type and what it carries."""

    type: str
    via: ImplementsVia | None = None
    purpose: CitationPurpose | None = None
    direction: Direction | None = None
    score: float | None = None


@dataclass
class TraceNode:
    """A document in the trace, how it is linked to its parent, and the documents beyond it."""

    uid: str
    document: dict[str, Any]
    links: list[Link] = field(default_factory=list)
    cross_province: bool = False
    inactive: bool = False
    repeated: bool = False
    children: list[TraceNode] = field(default_factory=list)

    def walk(self) -> Iterator[TraceNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Trace:
    root: TraceNode
    upstream: list[TraceNode]
    downstream: list[TraceNode]

    def uids(self) -> set[str]:
        """Every document in the trace, the root included."""
        return {n.uid for side in (self.upstream, self.downstream) for top in side for n in top.walk()} | {
            self.root.uid
        }


def normalise_doc_number(text: str) -> str:
    """A 发文字号 as the graph stores it: no whitespace, year bracket 〔〕."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", squeeze(text))


def _summary(graph: nx.MultiDiGraph, uid: str) -> dict[str, Any]:
    return {
        "uid": uid,
        "title": node_properties(graph, uid).get("title"),
        "docNumber": node_properties(graph, uid).get("docNumber"),
    }


def resolve_document(graph: nx.MultiDiGraph, query: str) -> str:
    """The document a user means: a uid, a doc number, an exact title, else a unique title fragment."""
    documents = nodes_with_label(graph, "Document")
    if query in graph and has_label(graph, query, "Document"):
        return query
    number, text = normalise_doc_number(query), squeeze(query)
    titles = ("title", "subjectTitle")
    stages = (
        [d for d in documents if node_properties(graph, d).get("docNumber") == number],
        [d for d in documents if any(node_properties(graph, d).get(k) == text for k in titles)],
        [d for d in documents if any(text in (node_properties(graph, d).get(k) or "") for k in titles)],
    )
    for found in stages:
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousDocument(query, [_summary(graph, d) for d in found])
    raise DocumentNotFound(f"no document matches {query!r}")


@dataclass
class _Index:
    """Which document each measure belongs to, and the measures of each document."""

    owner: dict[str, str]
    members: dict[str, list[str]]

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> _Index:
        members = {doc: sorted(measures_of(graph, [doc])) for doc in nodes_with_label(graph, "Document")}
        return cls({m: doc for doc, ms in members.items() for m in ms}, members)


def _link(data: dict[str, Any]) -> Link:
    """The link an edge makes; a purpose is a citation's (IMPLEMENTS via citation shows as its CITES does)."""
    props = data.get("properties", {})
    purpose = props.get("purpose") if data["type"] == "CITES" else None
    return Link(data["type"], props.get("via"), purpose, props.get("direction"), props.get("score"))


def _links(graph: nx.MultiDiGraph, index: _Index, uid: str, upward: bool) -> dict[str, list[Link]]:
    """Documents linked to `uid` (upward: those it cites/implements; else those citing/implementing it), each
    document's links in a fixed order, whatever order the graph's edges were added in."""
    found: dict[str, list[Link]] = {}
    for node in [uid, *index.members.get(uid, [])]:
        edges = graph.out_edges(node, data=True) if upward else graph.in_edges(node, data=True)
        for start, end, data in edges:
            other = end if upward else index.owner.get(start, start)
            if data["type"] not in LINK_TYPES or other == uid or not has_label(graph, other, "Document"):
                continue
            link = _link(data)
            if link not in found.setdefault(other, []):
                found[other].append(link)
    for links in found.values():
        links.sort(key=lambda link: (link.type, str(link.via), str(link.purpose), str(link.direction)))
    return found


def _horizontal(links: list[Link]) -> bool:
    """Whether every link is reuse between peers (no citation, no vertical reuse)."""
    return all(link.direction == "horizontal" for link in links)


def _follows(graph: nx.MultiDiGraph, here: str, there: str, upward: bool) -> bool:
    """Whether the trace continues through `there`: not back down the hierarchy (or up, downstream)."""
    a, b = level_rank(graph, here), level_rank(graph, there)
    if a is None or b is None:
        return True
    return b >= a if upward else b <= a


def _node(graph: nx.MultiDiGraph, uid: str, parent: str | None, links: list[Link]) -> TraceNode:
    props = node_properties(graph, uid)
    document = {k: props[k] for k in DOC_FIELDS if k in props}
    here, there = props.get("province"), node_properties(graph, parent).get("province") if parent else None
    return TraceNode(
        uid=uid,
        document=document,
        links=links,
        cross_province=bool(here and there and here != there),
        inactive=props.get("status") in INACTIVE,
    )


def _expand(
    graph: nx.MultiDiGraph, index: _Index, uid: str, upward: bool, seen: set[str], depth: int, peers: bool
) -> list[TraceNode]:
    """Linked documents of `uid`; peers' horizontal reuse only when `peers` (the root's own peers)."""
    nodes = []
    for other, links in sorted(_links(graph, index, uid, upward).items()):
        if _horizontal(links) and not peers:
            continue
        node = _node(graph, other, uid, links)
        if other in seen:
            node.repeated = True
        elif depth > 1 and not _horizontal(links) and _follows(graph, uid, other, upward):
            seen.add(other)
            node.children = _expand(graph, index, other, upward, seen, depth - 1, False)
        else:
            seen.add(other)
        nodes.append(node)
    return nodes


def trace(graph: nx.MultiDiGraph, uid: str, *, depth: int = 6) -> Trace:
    """The trace of document `uid`, `depth` steps up and down at most."""
    index = _Index.of(graph)
    root = _node(graph, uid, None, [])
    upstream = _expand(graph, index, uid, True, {uid}, depth, True)
    downstream = _expand(graph, index, uid, False, {uid}, depth, True)
    return Trace(root=root, upstream=upstream, downstream=downstream)


def _node_dict(node: TraceNode) -> dict[str, Any]:
    return {
        **node.document,
        "uid": node.uid,
        "links": [{k: v for k, v in vars(link).items() if v is not None} for link in node.links],
        "crossProvince": node.cross_province,
        "inactive": node.inactive,
        "repeated": node.repeated,
        "children": [_node_dict(child) for child in node.children],
    }


def trace_to_dict(result: Trace) -> dict[str, Any]:
    """The trace as plain JSON-ready data (`kg trace --format json`)."""
    return {
        "document": {**result.root.document, "uid": result.root.uid},
        "upstream": [_node_dict(n) for n in result.upstream],
        "downstream": [_node_dict(n) for n in result.downstream],
    }
