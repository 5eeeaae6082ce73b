"""Load graph.json into Neo4j: batched UNWIND queries, all in one transaction per load.

Every node also carries the key label `Entity` (uid unique across the graph), so one index finds it whatever
its labels; labels and relationship types are passed as parameters and set with Cypher 5.26 dynamic labels
`$(...)` (in 5.26 a MATCH or MERGE on a dynamic label or type scans every node or relationship, so lookups go
through `Entity` and a relationship is found by uid among the relationships of whichever end node has the
fewer in the graph). Relationships have no id in graph.json: their uid is a hash of type, start, end,
properties and occurrence.

What exists is read first, in the same transaction; only missing rows are created and only changed rows
written, so loading the same graph again writes nothing. Every node and relationship records the sources it
was loaded from (`loadedFrom`): loading a newer graph of the same sources deletes, in the same transaction,
what the new graph no longer has, so no half-loaded or stale state is ever visible.

Concurrent loads take turns: the first statement of a load's transaction takes a database-side lock, the
uniqueness-index entry of a reserved `Entity` uid (MERGE on a unique property locks that entry until the
transaction ends; the lock node is deleted before commit, so nothing of it is ever visible). A second load
waits there and then reads what the first committed, so two loads at once leave exactly what the two in
sequence leave. A lock, rather than MERGE plus retries, because a load reads before it writes (to count what
it changes, to join `loadedFrom`, to find what is stale): under read-committed isolation two interleaved
loads would each write from a stale read, and a lost `loadedFrom` source goes unnoticed, where a duplicate
does not. The database still refuses duplicates on its own (uid uniqueness constraints on every label and
every relationship type, see schema.py), and a transaction that loses a race to a writer that does not take
the lock (`kg cypher --write`) fails with a ConstraintError and is rerun, reading the winner's data.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError

from ingest.errors import InputError
from kg.neo4j.schema import (
    KEY_LABEL,
    ensure_relationship_constraints,
    ensure_schema,
    missing_relationship_constraints,
)

DEFAULT_BATCH = 5000
CONSTRAINT_RETRIES = 3
LOCK_UID = "kg:load-lock"
Progress = Callable[[str, int, int], None]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

TAKE_LOCK = "MERGE (:Entity {uid: $uid})"

RELEASE_LOCK = "MATCH (lock:Entity {uid: $uid}) DELETE lock"

MERGE_DUPLICATE_RELATIONSHIPS = """
MATCH ()-[r:$($type)]->()
WHERE r.uid IS NOT NULL
WITH r.uid AS uid, collect(r) AS copies
WHERE size(copies) > 1
WITH head(copies) AS kept, tail(copies) AS extra,
     reduce(seen = [], c IN copies | seen + [s IN coalesce(c.loadedFrom, []) WHERE NOT s IN seen]) AS sources
SET kept.loadedFrom = sources
FOREACH (x IN extra | DELETE x)
"""

FETCH_NODES = """
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props
"""

CREATE_NODES = """
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props
SET n:$(row.labels)
"""

UPDATE_NODES = """
UNWIND $rows AS row
MATCH (n:Entity {uid: row.uid})
SET n = row.props
SET n:$(row.labels)
REMOVE n:$(row.drop)
"""

FETCH_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (:Entity {uid: row.anchor})-[r]-()
WHERE r.uid = row.uid
RETURN r.uid AS uid, properties(r) AS props
"""

CREATE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a:Entity {uid: row.start})
MATCH (b:Entity {uid: row.end})
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
"""

UPDATE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (:Entity {uid: row.anchor})-[r]-()
WHERE r.uid = row.uid
SET r = row.props
"""

DELETE_STALE_RELATIONSHIPS = """
MATCH ()-[r]->()
WHERE any(s IN r.loadedFrom WHERE s IN $sources) AND NOT r.uid IN $uids
WITH r, [s IN r.loadedFrom WHERE NOT s IN $sources] AS rest
FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET r.loadedFrom = rest)
"""

DELETE_STALE_NODES = """
MATCH (n:Entity)
WHERE any(s IN n.loadedFrom WHERE s IN $sources) AND NOT n.uid IN $uids
WITH n, [s IN n.loadedFrom WHERE NOT s IN $sources] AS rest
FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DETACH DELETE n)
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET n.loadedFrom = rest)
"""


@dataclass
class LoadPlan:
    """graph.json turned into parameter rows: nodes, and relationships grouped by type."""

    sources: list[str]
    nodes: list[dict[str, Any]]
    relationships: dict[str, list[dict[str, Any]]]
    labels: set[str] = field(default_factory=set)


@dataclass
class LoadSummary:
    """What a load changed, from the server's counters and the rows it compared."""

    sources: list[str]
    nodes: int = 0
    relationships: int = 0
    nodesCreated: int = 0
    nodesUpdated: int = 0
    nodesDeleted: int = 0
    relationshipsCreated: int = 0
    relationshipsUpdated: int = 0
    relationshipsDeleted: int = 0
    byLabel: dict[str, int] = field(default_factory=dict)
    byType: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def neo4j_value(key: str, value: Any) -> Any:
    """ISO dates in `date` and `*Date` properties become Neo4j dates; everything else is kept."""
    if (key == "date" or key.endswith("Date")) and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def relationship_uid(rel_type: str, start: str, end: str, properties: dict[str, Any], occurrence: int) -> str:
    """A stable key for a relationship: the same relationship in the same graph.json gets the same uid."""
    canonical = json.dumps([rel_type, start, end, properties, occurrence], ensure_ascii=False, sort_keys=True)
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


def plan_load(graph: dict[str, Any]) -> LoadPlan:
    """Rows for the MERGE queries; checks that every relationship joins two nodes of the graph."""
    plan = LoadPlan(sources=graph_sources(graph), nodes=[], relationships=defaultdict(list))
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
        props = {k: neo4j_value(k, v) for k, v in node.get("properties", {}).items() if v is not None}
        plan.nodes.append({"uid": uid, "labels": labels, "props": props})
    occurrences: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for rel in graph["relationships"]:
        degree[rel.get("start")] += 1
        degree[rel.get("end")] += 1
    for rel in graph["relationships"]:
        start, end, rel_type = rel.get("start"), rel.get("end"), rel.get("type")
        if start not in seen or end not in seen or not rel_type:
            raise InputError(
                "graph.json", f"relationship {rel_type} {start} -> {end} does not join two nodes of the graph"
            )
        props = {k: v for k, v in rel.get("properties", {}).items() if v is not None}
        uid = relationship_uid(rel_type, start, end, props, 0)
        occurrences[uid] += 1
        if occurrences[uid] > 1:
            uid = relationship_uid(rel_type, start, end, props, occurrences[uid] - 1)
        row = {
            "uid": uid,
            "start": start,
            "end": end,
            "anchor": start if degree[start] <= degree[end] else end,
            "props": {k: neo4j_value(k, v) for k, v in props.items()},
        }
        plan.relationships[rel_type].append(row)
    return plan


def _batches(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _plain(value: Any) -> Any:
    """A value read from Neo4j in the form plan_load gives it (neo4j.time.Date -> datetime.date)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.to_native() if hasattr(value, "to_native") else value


def _with_sources(
    props: dict[str, Any], key: str, uid: str, before: dict[str, Any] | None, sources: list[str]
) -> dict[str, Any]:
    loaded = list((before or {}).get("loadedFrom", []))
    loaded += [s for s in sources if s not in loaded]
    return {**props, key: uid, "loadedFrom": loaded}


def merge_nodes(
    tx: ManagedTransaction,
    plan: LoadPlan,
    summary: LoadSummary,
    batch_size: int,
    tick: Callable[[str, int], None],
) -> set[str]:
    """Create the missing nodes and update the changed ones, a batch per query; returns the created uids."""
    fresh: set[str] = set()
    for batch in _batches(plan.nodes, batch_size):
        found = {r["uid"]: r for r in tx.run(FETCH_NODES, uids=[row["uid"] for row in batch])}
        created, updated = [], []
        for row in batch:
            old = found.get(row["uid"])
            before = {k: _plain(v) for k, v in old["props"].items()} if old else None
            props = _with_sources(row["props"], "uid", row["uid"], before, plan.sources)
            if old is None:
                created.append({"labels": row["labels"], "props": props})
                fresh.add(row["uid"])
                continue
            drop = [label for label in old["labels"] if label != KEY_LABEL and label not in row["labels"]]
            if props != before or drop or set(row["labels"]) - set(old["labels"]):
                updated.append({"uid": row["uid"], "labels": row["labels"], "drop": drop, "props": props})
        if created:
            tx.run(CREATE_NODES, rows=created).consume()
        if updated:
            tx.run(UPDATE_NODES, rows=updated).consume()
        summary.nodesCreated += len(created)
        summary.nodesUpdated += len(updated)
        tick("nodes", len(batch))
    return fresh


def merge_relationships(
    tx: ManagedTransaction,
    plan: LoadPlan,
    summary: LoadSummary,
    batch_size: int,
    tick: Callable[[str, int], None],
    fresh: set[str],
) -> None:
    """Create the missing relationships and update the changed ones; one touching a node in `fresh` (created
    in this transaction) cannot exist yet, so only the others are looked up."""
    for rel_type, rows in sorted(plan.relationships.items()):
        for batch in _batches(rows, batch_size):
            keys = [
                {"uid": x["uid"], "anchor": x["anchor"]}
                for x in batch
                if x["start"] not in fresh and x["end"] not in fresh
            ]
            found = {r["uid"]: r["props"] for r in tx.run(FETCH_RELATIONSHIPS, rows=keys)} if keys else {}
            created, updated = [], []
            for row in batch:
                old = found.get(row["uid"])
                before = {k: _plain(v) for k, v in old.items()} if old is not None else None
                props = _with_sources(row["props"], "uid", row["uid"], before, plan.sources)
                if old is None:
                    created.append({"start": row["start"], "end": row["end"], "props": props})
                elif props != before:
                    updated.append({"uid": row["uid"], "anchor": row["anchor"], "props": props})
            if created:
                done = (
                    tx.run(CREATE_RELATIONSHIPS, rows=created, type=rel_type)
                    .consume()
                    .counters.relationships_created
                )
                if done != len(created):
                    raise InputError(
                        "graph.json", f"{len(created) - done} {rel_type} relationships lost an end node"
                    )
            if updated:
                tx.run(UPDATE_RELATIONSHIPS, rows=updated).consume()
            summary.relationshipsCreated += len(created)
            summary.relationshipsUpdated += len(updated)
            tick(rel_type, len(batch))


def _delete_stale(tx: ManagedTransaction, plan: LoadPlan, summary: LoadSummary) -> None:
    rel_uids = [row["uid"] for rows in plan.relationships.values() for row in rows]
    counters = tx.run(DELETE_STALE_RELATIONSHIPS, sources=plan.sources, uids=rel_uids).consume().counters
    summary.relationshipsDeleted += counters.relationships_deleted
    node_uids = [row["uid"] for row in plan.nodes]
    counters = tx.run(DELETE_STALE_NODES, sources=plan.sources, uids=node_uids).consume().counters
    summary.nodesDeleted += counters.nodes_deleted
    summary.relationshipsDeleted += counters.relationships_deleted


def take_load_lock(tx: ManagedTransaction) -> None:
    """Wait until no other load's transaction is running, then hold the lock until this one ends."""
    tx.run(TAKE_LOCK, uid=LOCK_UID).consume()


def release_load_lock(tx: ManagedTransaction) -> None:
    """Delete the lock node before commit (the lock itself is held until the transaction ends)."""
    tx.run(RELEASE_LOCK, uid=LOCK_UID).consume()


def constrain_relationships(driver: Driver, database: str, types: list[str]) -> None:
    """The uid constraint for each type that lacks one; copies of one relationship that a database loaded
    before the constraint existed (two old loads at once) are merged into one first, under the load lock."""
    missing = missing_relationship_constraints(driver, database, types)
    if not missing:
        return

    def merge_copies(tx: ManagedTransaction) -> None:
        take_load_lock(tx)
        for rel_type in missing:
            tx.run(MERGE_DUPLICATE_RELATIONSHIPS, type=rel_type).consume()
        release_load_lock(tx)

    with driver.session(database=database) as session:
        session.execute_write(merge_copies)
    ensure_relationship_constraints(driver, database, missing)


def load_graph(
    driver: Driver,
    database: str,
    graph: dict[str, Any],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> LoadSummary:
    """Schema first, then, under the load lock, every node and relationship and the stale deletion, all in one
    transaction (rerun when it loses a uniqueness race to a writer that does not take the lock)."""
    began = time.monotonic()
    plan = plan_load(graph)
    summary = LoadSummary(sources=plan.sources, nodes=len(plan.nodes))
    summary.relationships = sum(len(rows) for rows in plan.relationships.values())
    summary.byLabel = dict(sorted(Counter(label for row in plan.nodes for label in row["labels"]).items()))
    summary.byType = {rel_type: len(rows) for rel_type, rows in sorted(plan.relationships.items())}
    ensure_schema(driver, database, plan.labels)
    constrain_relationships(driver, database, list(plan.relationships))

    total = summary.nodes + summary.relationships

    def work(tx: ManagedTransaction) -> None:
        for name in (
            "nodesCreated",
            "nodesUpdated",
            "nodesDeleted",
            "relationshipsCreated",
            "relationshipsUpdated",
            "relationshipsDeleted",
        ):
            setattr(summary, name, 0)  # a retried transaction starts its counts again
        done = 0
        take_load_lock(tx)

        def tick(stage: str, rows: int) -> None:
            nonlocal done
            done += rows
            if progress:
                progress(stage, done, total)

        fresh = merge_nodes(tx, plan, summary, batch_size, tick)
        merge_relationships(tx, plan, summary, batch_size, tick, fresh)
        _delete_stale(tx, plan, summary)
        release_load_lock(tx)

    for attempt in range(CONSTRAINT_RETRIES):
        try:
            with driver.session(database=database) as session:
                session.execute_write(work)
            break
        except ConstraintError:
            if attempt == CONSTRAINT_RETRIES - 1:
                raise
    summary.seconds = round(time.monotonic() - began, 2)
    return summary
