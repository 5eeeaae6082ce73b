"""What a load removes: rows of earlier loads that the new graph no longer has.

A graph of a corpus owns the whole database (loads of other graphs are refused, see tenant.py), so every
row it lacks is deleted. A graph.json made outside a corpus owns the rows loaded from its source files
(`loadedFrom`): a row it lacks loses those sources, and is deleted when no source is left.

Rows attached to a document of the new graph are removed in that document's batch (upsert.py). What is left
is removed after the last batch: documents the new graph no longer has (each with its measures in one
transaction), shared nodes it no longer has, and relationships between its shared nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neo4j import Driver, ManagedTransaction

from kg.neo4j.plan import SOURCES_KEY, LoadPlan, Value

Fate = Literal["keep", "trim", "delete"]

# `x[$key]` for loadedFrom, which a database loaded from corpora has never seen (`x.loadedFrom` would warn)
SCAN_NODES = "MATCH (n:Entity) RETURN n.uid AS uid, n[$key] AS sources"
OWNERS = """
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
OPTIONAL MATCH (d:Entity)-[:HAS_MEASURE]->(n)
RETURN uid, d.uid AS owner
"""
SHARED_RELATIONSHIPS = """
UNWIND $uids AS uid
MATCH (:Entity {uid: uid})-[r]->(b:Entity)
WHERE b.uid IN $uids
RETURN elementId(r) AS id, r.uid AS uid, r[$key] AS sources
"""
TOUCHING = """
UNWIND $uids AS uid
MATCH (:Entity {uid: uid})-[r]-()
RETURN DISTINCT elementId(r) AS id, r.uid AS uid, properties(r) AS props
"""
DELETE_NODES = "UNWIND $uids AS uid MATCH (n:Entity {uid: uid}) DETACH DELETE n"
TRIM_NODES = "UNWIND $rows AS row MATCH (n:Entity {uid: row.key}) SET n.loadedFrom = row.sources"
DELETE_RELATIONSHIPS = "UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id DELETE r"
TRIM_RELATIONSHIPS = (
    "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.key SET r.loadedFrom = row.sources"
)


def fate(plan: LoadPlan, sources: Value | None) -> tuple[Fate, list[str]]:
    """What becomes of a row the new graph lacks, loaded earlier from `sources`: kept (another source's),
    trimmed to the sources left, or deleted."""
    if plan.corpus is not None:
        return "delete", []
    loaded = [str(s) for s in sources] if isinstance(sources, list) else []
    rest = [s for s in loaded if s not in plan.sources]
    if len(rest) == len(loaded):
        return "keep", rest
    return ("trim", rest) if rest else ("delete", [])


@dataclass
class Removal:
    """Rows to remove in one transaction: nodes by uid, relationships by element id, each deleted or trimmed."""

    nodes: list[str] = field(default_factory=list)
    trimmed_nodes: list[dict[str, Value]] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    trimmed_relationships: list[dict[str, Value]] = field(default_factory=list)

    def add_node(self, plan: LoadPlan, uid: str, sources: Value | None) -> Fate:
        """Schedule a node the new graph lacks; returns what becomes of it."""
        what, rest = fate(plan, sources)
        if what == "delete":
            self.nodes.append(uid)
        elif what == "trim":
            self.trimmed_nodes.append({"key": uid, "sources": rest})
        return what

    def add_relationship(self, plan: LoadPlan, element_id: str, sources: Value | None) -> None:
        what, rest = fate(plan, sources)
        if what == "delete":
            self.relationships.append(element_id)
        elif what == "trim":
            self.trimmed_relationships.append({"key": element_id, "sources": rest})

    def run(self, tx: ManagedTransaction) -> tuple[int, int]:
        """Remove the rows; returns (nodes, relationships) deleted."""
        rels = nodes = 0
        if self.relationships:
            rels += (
                tx.run(DELETE_RELATIONSHIPS, ids=self.relationships).consume().counters.relationships_deleted
            )
        if self.trimmed_relationships:
            tx.run(TRIM_RELATIONSHIPS, rows=self.trimmed_relationships).consume()
        if self.nodes:
            counters = tx.run(DELETE_NODES, uids=self.nodes).consume().counters
            nodes, rels = nodes + counters.nodes_deleted, rels + counters.relationships_deleted
        if self.trimmed_nodes:
            tx.run(TRIM_NODES, rows=self.trimmed_nodes).consume()
        return nodes, rels


def stale_relationships(
    tx: ManagedTransaction, plan: LoadPlan, uids: list[str], removal: Removal
) -> dict[str, dict[str, Value]]:
    """Read every relationship touching the nodes `uids`; schedule those the new graph lacks for removal,
    and return the others' properties by uid."""
    found: dict[str, dict[str, Value]] = {}
    for record in tx.run(TOUCHING, uids=uids):
        props = dict(record["props"])
        if record["uid"] in plan.relationship_uids:
            found[record["uid"]] = props
        else:
            removal.add_relationship(plan, record["id"], props.get(SOURCES_KEY))
    return found


def remove_leftovers(
    driver: Driver,
    database: str,
    plan: LoadPlan,
    shared: list[str],
    batch_size: int,
) -> tuple[int, int]:
    """After the last batch: remove the nodes the new graph lacks (a document with its measures in one
    transaction) and the stale relationships among the shared nodes `shared`; returns (nodes, relationships)
    deleted."""
    with driver.session(database=database) as session:
        gone = [
            (r["uid"], r["sources"])
            for r in session.run(SCAN_NODES, key=SOURCES_KEY)
            if r["uid"] not in plan.node_uids
        ]
        stale = [uid for uid, _ in gone]
        found = session.execute_read(lambda tx: list(tx.run(OWNERS, uids=stale))) if stale else []
    owners = {r["uid"]: r["owner"] or r["uid"] for r in found}
    groups: dict[str, list[tuple[str, Value | None]]] = {}
    for uid, sources in gone:
        groups.setdefault(owners.get(uid, uid), []).append((uid, sources))
    deleted = (0, 0)
    batch: list[tuple[str, Value | None]] = []
    for group in [*groups.values(), []]:
        if batch and (not group or len(batch) + len(group) > batch_size):
            deleted = _add(deleted, _remove_nodes(driver, database, plan, batch))
            batch = []
        batch += group
    return _add(deleted, _remove_shared_relationships(driver, database, plan, shared, batch_size))


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] + b[1]


def _remove_nodes(
    driver: Driver,
    database: str,
    plan: LoadPlan,
    rows: list[tuple[str, Value | None]],
) -> tuple[int, int]:
    def work(tx: ManagedTransaction) -> tuple[int, int]:
        removal = Removal()
        trimmed = [uid for uid, sources in rows if removal.add_node(plan, uid, sources) == "trim"]
        if trimmed:  # a node kept for another source keeps only that source's relationships too
            stale_relationships(tx, plan, trimmed, removal)
        return removal.run(tx)

    with driver.session(database=database) as session:
        return session.execute_write(work)


def _remove_shared_relationships(
    driver: Driver, database: str, plan: LoadPlan, shared: list[str], batch_size: int
) -> tuple[int, int]:
    with driver.session(database=database) as session:
        records = session.execute_read(
            lambda tx: list(tx.run(SHARED_RELATIONSHIPS, uids=shared, key=SOURCES_KEY))
        )
    stale = [(r["id"], r["sources"]) for r in records if r["uid"] not in plan.relationship_uids]
    deleted = 0
    for i in range(0, len(stale), batch_size):
        removal = Removal()
        for element_id, sources in stale[i : i + batch_size]:
            removal.add_relationship(plan, element_id, sources)
        with driver.session(database=database) as session:
            deleted += session.execute_write(removal.run)[1]
    return 0, deleted
