"""One batch of a load, written in one transaction as a diff against what the database holds.

What exists is read first, in the same transaction; only missing rows are created and only changed rows
written, so loading the same graph again writes nothing. In a batch of documents, everything attached to
them that the new graph lacks (a measure dropped from a document, a relationship that changed) is removed in
the same transaction, so a document is never seen half old and half new. Labels and relationship types are
passed as parameters and set with Cypher 5.26 dynamic labels `$(...)`; lookups go through the key label
`Entity` (a MATCH on a dynamic label scans every node), and a relationship of a shared node is found by uid
among the relationships of whichever end has the fewer in the graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from ingest.errors import InputError
from kg.neo4j.batches import Batch
from kg.neo4j.plan import SOURCES_KEY, LoadPlan, RelationshipRow, Value
from kg.neo4j.schema import KEY_LABEL
from kg.neo4j.stale import Removal, stale_relationships

FETCH_NODES = """
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props
"""

FETCH_MEASURES = """
UNWIND $documents AS uid
MATCH (:Entity {uid: uid})-[:HAS_MEASURE]->(m:Entity)
RETURN m.uid AS uid, m[$key] AS sources
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


@dataclass
class Counts:
    """What one batch changed."""

    nodesCreated: int = 0
    nodesUpdated: int = 0
    nodesDeleted: int = 0
    relationshipsCreated: int = 0
    relationshipsUpdated: int = 0
    relationshipsDeleted: int = 0


def _plain(value: Any) -> Any:
    """A value read from Neo4j in the form plan_load gives it (neo4j.time.Date -> datetime.date)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.to_native() if hasattr(value, "to_native") else value


def _props(found: dict[str, Any]) -> dict[str, Value]:
    return {k: _plain(v) for k, v in found.items()}


def write_batch(tx: ManagedTransaction, plan: LoadPlan, batch: Batch, empty: bool) -> Counts:
    """Bring the batch's rows into the database; returns what it changed. `empty`: the database held nothing
    when the load began, so there is nothing to read or remove."""
    counts = Counts()
    removal = Removal()
    found: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Value]] = {}
    if not empty:
        found = {r["uid"]: r.data() for r in tx.run(FETCH_NODES, uids=[n["uid"] for n in batch.nodes])}
        if batch.documents:
            rels = _read_documents(tx, plan, batch, found, removal)
    fresh = _merge_nodes(tx, plan, batch, found, counts)
    if not empty and not batch.documents:
        rels = _fetch_relationships(tx, batch.relationships, fresh)
    _merge_relationships(tx, plan, batch.relationships, rels, counts)
    counts.nodesDeleted, counts.relationshipsDeleted = removal.run(tx)
    return counts


def _read_documents(
    tx: ManagedTransaction, plan: LoadPlan, batch: Batch, found: dict[str, dict[str, Any]], removal: Removal
) -> dict[str, dict[str, Value]]:
    """The documents' measures and relationships as the database holds them: those the new graph lacks are
    scheduled for removal; the properties of the others are returned by uid."""
    held = list(found)
    for record in tx.run(FETCH_MEASURES, documents=batch.documents, key=SOURCES_KEY):
        if record["uid"] not in plan.node_uids:
            removal.add_node(plan, record["uid"], record["sources"])
            held.append(record["uid"])
    if not held:
        return {}
    return stale_relationships(tx, plan, held, removal)


def _fetch_relationships(
    tx: ManagedTransaction, rows: list[RelationshipRow], fresh: set[str]
) -> dict[str, dict[str, Value]]:
    """The stored properties of the rows' relationships; one touching a node created in this transaction
    cannot exist yet and is not looked up."""
    keys = [
        {"uid": r["uid"], "anchor": r["anchor"]}
        for r in rows
        if r["start"] not in fresh and r["end"] not in fresh
    ]
    return {r["uid"]: _props(r["props"]) for r in tx.run(FETCH_RELATIONSHIPS, rows=keys)} if keys else {}


def _merge_nodes(
    tx: ManagedTransaction, plan: LoadPlan, batch: Batch, found: dict[str, dict[str, Any]], counts: Counts
) -> set[str]:
    """Create the missing nodes and update the changed ones; returns the uids created."""
    created, updated = [], []
    for row in batch.nodes:
        old = found.get(row["uid"])
        before = _props(old["props"]) if old else None
        props = {**row["props"], "uid": row["uid"], **plan.bookkeeping(before)}
        if old is None:
            created.append({"labels": row["labels"], "props": props})
            continue
        drop = [label for label in old["labels"] if label != KEY_LABEL and label not in row["labels"]]
        if props != before or drop or set(row["labels"]) - set(old["labels"]):
            updated.append({"uid": row["uid"], "labels": row["labels"], "drop": drop, "props": props})
    if created:
        tx.run(CREATE_NODES, rows=created).consume()
    if updated:
        tx.run(UPDATE_NODES, rows=updated).consume()
    counts.nodesCreated += len(created)
    counts.nodesUpdated += len(updated)
    return {row["uid"] for row in batch.nodes if row["uid"] not in found}


def _merge_relationships(
    tx: ManagedTransaction,
    plan: LoadPlan,
    rows: list[RelationshipRow],
    found: dict[str, dict[str, Value]],
    counts: Counts,
) -> None:
    """Create the missing relationships (a query per type) and update the changed ones."""
    created: dict[str, list[dict[str, object]]] = defaultdict(list)
    updated = []
    for row in rows:
        before = found.get(row["uid"])
        props = {**row["props"], "uid": row["uid"], **plan.bookkeeping(before)}
        if before is None:
            created[row["type"]].append({"start": row["start"], "end": row["end"], "props": props})
        elif props != before:
            updated.append({"uid": row["uid"], "anchor": row["anchor"], "props": props})
    for rel_type, batch in sorted(created.items()):
        done = (
            tx.run(CREATE_RELATIONSHIPS, rows=batch, type=rel_type).consume().counters.relationships_created
        )
        if done != len(batch):
            raise InputError("graph.json", f"{len(batch) - done} {rel_type} relationships lost an end node")
        counts.relationshipsCreated += done
    if updated:
        tx.run(UPDATE_RELATIONSHIPS, rows=updated).consume()
    counts.relationshipsUpdated += len(updated)
