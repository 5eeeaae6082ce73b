"""graph.json as the rows a load writes: nodes and relationships with their uids, Neo4j-typed properties, and
the corpus or source files the graph comes from.

Relationships have no id in graph.json: their uid is a hash of type, start, end, properties and occurrence.
The transactional loader (loader.py) and the bulk import (bulk.py) write these same rows, plus the same
bookkeeping (`bookkeeping`), so both leave the same graph.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import methodcaller
from typing import Any, TypedDict

from ingest.errors import InputError

CORPUS_KEY = "loadedCorpus"
SOURCES_KEY = "loadedFrom"
LOCK_UID = "kg:load-lock"  # the reserved uid of the load lock (lock.py); no node of a graph may have it
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Value = str | int | float | bool | date | list[str] | list[int] | list[float] | list[bool]


class NodeRow(TypedDict):
    uid: str
    labels: list[str]
    props: dict[str, Value]


class RelationshipRow(TypedDict):
    uid: str
    type: str
    start: str
    end: str
    anchor: str  # the end with the fewer relationships in the graph, where a lookup of this one starts
    props: dict[str, Value]


@dataclass
class LoadPlan:
    """graph.json turned into rows; `corpus` is the id of the corpus it is the graph of (None for a graph.json
    made outside a corpus, which is loaded by its source files)."""

    sources: list[str]
    corpus: str | None
    nodes: list[NodeRow]
    relationships: list[RelationshipRow]
    labels: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)

    @cached_property
    def node_uids(self) -> frozenset[str]:
        return frozenset(n["uid"] for n in self.nodes)

    @cached_property
    def relationship_uids(self) -> frozenset[str]:
        return frozenset(r["uid"] for r in self.relationships)

    def bookkeeping(self, before: dict[str, Value] | None) -> dict[str, Value]:
        """What the loader adds to a row's properties: the corpus it belongs to, or else the source files it
        was loaded from (joined with those of earlier loads, `before`)."""
        if self.corpus is not None:
            return {CORPUS_KEY: self.corpus}
        old = (before or {}).get(SOURCES_KEY, [])
        loaded = [str(s) for s in old] if isinstance(old, list) else []
        return {SOURCES_KEY: loaded + [s for s in self.sources if s not in loaded]}


def neo4j_value(key: str, value: Any) -> Any:
    """ISO dates in `date` and `*Date` properties become Neo4j dates; everything else is kept."""
    if (key == "date" or key.endswith("Date")) and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


# json.dumps(..., ensure_ascii=False, sort_keys=True) made once (dumps makes an encoder a call)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _neo4j_props(properties: dict[str, Any]) -> dict[str, Any]:
    """The properties without the null ones, with `neo4j_value` applied (to the date keys only: the others it
    keeps, and a graph has a million of them)."""
    props = {k: v for k, v in properties.items() if v is not None}
    for key in [k for k in props if k == "date" or k.endswith("Date")]:
        props[key] = neo4j_value(key, props[key])
    return props


def relationship_uid(rel_type: str, start: str, end: str, properties: dict[str, Any], occurrence: int) -> str:
    """A stable key for a relationship: the same relationship in the same graph.json gets the same uid."""
    canonical = _CANONICAL([rel_type, start, end, properties, occurrence])
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def graph_sources(graph: dict[str, Any]) -> list[str]:
    """The input files a graph was built from: meta.sources, else the Document `source` properties."""
    files = [s.get("file") for s in graph.get("meta", {}).get("sources", []) if isinstance(s, dict)]
    if not any(files):
        files = [n["properties"].get("source") for n in graph["nodes"] if "Document" in n.get("labels", [])]
    names = sorted({f for f in files if f})
    if not names:
        raise InputError("graph.json", "no sources: meta.sources is empty and no Document names its source")
    return names


def graph_corpus(graph: dict[str, Any]) -> str | None:
    """meta.corpus: the id of the corpus the graph is the graph of, when it is one."""
    corpus = graph.get("meta", {}).get("corpus")
    return corpus if isinstance(corpus, str) and corpus else None


def plan_load(graph: dict[str, Any]) -> LoadPlan:
    """The rows of graph.json; checks that every relationship joins two nodes of the graph."""
    plan = LoadPlan(sources=graph_sources(graph), corpus=graph_corpus(graph), nodes=[], relationships=[])
    seen: set[str] = set()
    for node in graph["nodes"]:
        uid = node.get("id")
        labels = list(node.get("labels") or [])
        if not isinstance(uid, str) or not uid or not labels:
            raise InputError(
                "graph.json", f"node without id or labels: {json.dumps(node, ensure_ascii=False)[:80]}"
            )
        if uid in seen or uid == LOCK_UID:
            raise InputError("graph.json", f"duplicate or reserved node id {uid!r}")
        seen.add(uid)
        plan.labels.update(labels)
        plan.nodes.append({"uid": uid, "labels": labels, "props": _neo4j_props(node.get("properties", {}))})
    occurrences: dict[str, int] = {}
    relationships = graph["relationships"]
    degree = Counter(map(methodcaller("get", "start"), relationships))
    degree.update(map(methodcaller("get", "end"), relationships))
    for rel in relationships:
        start, end, rel_type = rel.get("start"), rel.get("end"), rel.get("type")
        if start not in seen or end not in seen or not rel_type:
            raise InputError(
                "graph.json", f"relationship {rel_type} {start} -> {end} does not join two nodes of the graph"
            )
        props = {k: v for k, v in rel.get("properties", {}).items() if v is not None}
        uid = relationship_uid(rel_type, start, end, props, 0)
        earlier = occurrences.get(uid, 0)
        occurrences[uid] = earlier + 1
        if earlier:
            uid = relationship_uid(rel_type, start, end, props, earlier)
        plan.types.add(rel_type)
        plan.relationships.append(
            {
                "uid": uid,
                "type": rel_type,
                "start": start,
                "end": end,
                "anchor": start if degree[start] <= degree[end] else end,
                "props": _neo4j_props(props),
            }
        )
    return plan
