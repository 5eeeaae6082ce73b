"""Load graph.json into Neo4j: transactions of bounded size, each holding whole documents, under the load lock.

Every node also carries the key label `Entity` (uid unique across the graph), so one index finds it whatever
its labels. The graph is cut into batches of about `batch_size` rows (batches.py): shared nodes (agencies,
regions, indicators, deadlines, cited documents outside the corpus) first, then documents, each batch
holding whole documents with their measures and relationships, written in one transaction as a diff
against what the database holds (upsert.py). A transaction's memory is bounded by the batch, whatever the
size of the graph, and no document is ever visible half loaded. After the last batch, what the new graph no
longer has is removed (stale.py). A load killed half-way leaves whole documents; run again, it finds the
committed ones unchanged, writes the rest and removes what is stale, ending where an uninterrupted load ends.

A graph of a corpus is loaded only into a database that is empty or holds that corpus's graph, and the
database then mirrors it; `replace=True` empties the database first (tenant.py).

Concurrent loads take turns: the load lock (lock.py) is held from before the first batch to after the last,
so two loads at once leave exactly what the two in sequence leave. A lock, rather than MERGE plus retries,
because a load reads before it writes (to count what it changes, to join `loadedFrom`, to find what is
stale): under read-committed isolation two interleaved loads would each write from a stale read, and a lost
`loadedFrom` source goes unnoticed, where a duplicate does not. The database still refuses duplicates on
its own (uid uniqueness constraints on every label and every relationship type, see schema.py), and a batch
that loses a race to a writer that does not take the lock (`kg cypher --write`) fails with a ConstraintError
and is rerun, reading the winner's data.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError

from kg.neo4j.batches import Batch, plan_batches
from kg.neo4j.lock import load_lock, release_load_lock, take_load_lock
from kg.neo4j.plan import LoadPlan, plan_load
from kg.neo4j.schema import (
    await_fulltext,
    ensure_relationship_constraints,
    ensure_schema,
    missing_relationship_constraints,
)
from kg.neo4j.stale import remove_leftovers
from kg.neo4j.tenant import check_tenant, empty_database, node_count
from kg.neo4j.upsert import Counts, write_batch

DEFAULT_BATCH = 5000
CONSTRAINT_RETRIES = 3
Progress = Callable[[str, int, int], None]

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
    batches: int = 0
    seconds: float = 0.0
    method: str = "transactional"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def add(self, counts: Counts) -> None:
        for name, value in asdict(counts).items():
            setattr(self, name, getattr(self, name) + value)


def summarise(plan: LoadPlan) -> LoadSummary:
    """The summary of a load of `plan` before anything is written: what the graph holds."""
    summary = LoadSummary(sources=plan.sources, nodes=len(plan.nodes), relationships=len(plan.relationships))
    summary.byLabel = dict(sorted(Counter(label for row in plan.nodes for label in row["labels"]).items()))
    summary.byType = dict(sorted(Counter(row["type"] for row in plan.relationships).items()))
    return summary


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


def prepare_schema(driver: Driver, database: str, plan: LoadPlan) -> None:
    """The constraints and indexes a load of `plan` needs (schema.py), created where missing."""
    ensure_schema(driver, database, plan.labels)
    constrain_relationships(driver, database, sorted(plan.types))


def _write(driver: Driver, database: str, plan: LoadPlan, batch: Batch, empty: bool) -> Counts:
    """One batch in one transaction, rerun (reading everything) when it loses a uniqueness race."""
    for attempt in range(CONSTRAINT_RETRIES):
        try:
            with driver.session(database=database) as session:
                return session.execute_write(write_batch, plan, batch, empty and attempt == 0)
        except ConstraintError:
            if attempt == CONSTRAINT_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def load_graph(
    driver: Driver,
    database: str,
    graph: dict[str, Any],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    replace: bool = False,
) -> LoadSummary:
    """Schema first; then, under the load lock, the batches, one transaction each, and the removal of what
    the graph no longer has. With `replace`, what the database holds is deleted first, whatever it is."""
    began = time.monotonic()
    plan = plan_load(graph)
    summary = summarise(plan)
    prepare_schema(driver, database, plan)
    batches = plan_batches(plan, batch_size)
    total = summary.nodes + summary.relationships
    done = 0

    def tick(stage: str, rows: int) -> None:
        nonlocal done
        done += rows
        if progress:
            progress(stage, min(done, total), total)

    with load_lock(driver, database):
        if replace:
            empty_database(driver, database)
        else:
            check_tenant(driver, database, plan)
        empty = node_count(driver, database) == 0
        for batch in batches:
            summary.add(_write(driver, database, plan, batch, empty))
            summary.batches += 1
            tick("documents" if batch.documents else "shared nodes", batch.rows)
        if not empty:
            shared = [n["uid"] for batch in batches if not batch.documents for n in batch.nodes]
            nodes, rels = remove_leftovers(driver, database, plan, shared, batch_size)
            summary.nodesDeleted += nodes
            summary.relationshipsDeleted += rels
    await_fulltext(driver, database)
    summary.seconds = round(time.monotonic() - began, 2)
    return summary
