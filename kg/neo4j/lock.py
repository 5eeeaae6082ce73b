"""The database-side load lock: loads take turns, however many transactions each one commits.

The lock is the uniqueness-index entry of a reserved `Entity` uid: MERGE on a unique property locks that
entry until the transaction ends, so a second MERGE of it waits. A load holds it in a transaction of its own,
open from before its first batch to after its last and never committed (the lock node is never visible);
when the load's process dies, the server drops the connection and rolls that transaction back, releasing
the lock. Short jobs that must not overlap a load (merging duplicate relationships before a constraint is
added) take it inside their own transaction with `take_load_lock`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from neo4j import Driver, ManagedTransaction, Transaction
from neo4j.exceptions import DriverError, Neo4jError

from kg.neo4j.plan import LOCK_UID

TAKE_LOCK = "MERGE (:Entity {uid: $uid})"
RELEASE_LOCK = "MATCH (lock:Entity {uid: $uid}) DELETE lock"


def take_load_lock(tx: ManagedTransaction | Transaction) -> None:
    """Wait until no other load holds the lock, then hold it until this transaction ends."""
    tx.run(TAKE_LOCK, uid=LOCK_UID).consume()


def release_load_lock(tx: ManagedTransaction) -> None:
    """Delete the lock node before a commit (the lock itself is held until the transaction ends)."""
    tx.run(RELEASE_LOCK, uid=LOCK_UID).consume()


@contextmanager
def load_lock(driver: Driver, database: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the load lock for the duration of the block, in a transaction that is rolled back at its end.
    With `timeout` (seconds), waiting longer than that for another load fails (neo4j's ClientError)."""
    with driver.session(database=database) as session:
        tx = session.begin_transaction(timeout=timeout)
        try:
            take_load_lock(tx)
            yield
        finally:
            with suppress(Neo4jError, DriverError):  # a lost connection has released the lock already
                tx.rollback()
