"""A corpus of 20 copies of the sample (about 1,700 notices) loads transactionally into the session's server,
whose transactions may use 700 MiB in all (the one transaction of the old loader ran out at ten copies).
The graph comes from the pytest cache when nothing it is made from has changed (conftest.twenty_copies), and
the database is replaced by an empty one afterwards, so the next test does not spend a minute deleting it."""

from __future__ import annotations

from typing import Any

import pytest

from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.loader import DEFAULT_BATCH, load_graph
from kg.neo4j.tenant import empty_database
from tests.support.neo4j_helpers import counts, expected_counts

pytestmark = pytest.mark.neo4j


def test_twenty_copies_of_the_sample_load_in_transactions_of_bounded_size(
    conn: Connection, twenty_copies: dict[str, Any], emptied_afterwards: None
) -> None:
    notices = sum(1 for n in twenty_copies["nodes"] if n["properties"].get("inCorpus"))
    assert notices > 1500  # 20 x 86, less the copies the corpus finds to be one notice
    with open_driver(conn) as driver:
        empty_database(driver, conn.database)
        summary = load_graph(driver, conn.database, twenty_copies)
        assert counts(driver) == expected_counts(twenty_copies)
    rows = len(twenty_copies["nodes"]) + len(twenty_copies["relationships"])
    assert summary.batches >= rows // DEFAULT_BATCH
    assert summary.nodesCreated == len(twenty_copies["nodes"])
