"""Which graph a database holds, so a load never silently merges two corpora.

A graph of a corpus is loaded with its corpus id on every node (`loadedCorpus`) and the database then
mirrors that corpus. A load of any other graph (another corpus's, or a graph.json made outside a corpus)
into a database holding a corpus's graph, or of a corpus's graph into one holding anything else, is refused
unless the caller asks to replace what the database holds. Graphs made outside a corpus merge with each
other by source file, as they always have.
"""

from __future__ import annotations

from neo4j import Driver

from ingest.errors import InputError
from kg.neo4j.plan import CORPUS_KEY, LoadPlan

HELD = "MATCH (n:Entity) RETURN DISTINCT n[$key] AS corpus LIMIT 3"  # (a dynamic key: no warning when none has it)
COUNT = "MATCH (n) RETURN count(n) AS n"
ENTITIES = "MATCH (n:Entity) RETURN count(n) AS n"  # both counts come from the count store
DELETE_DOCUMENTS = """
MATCH (d:Document)
CALL (d) {
  OPTIONAL MATCH (d)-[:HAS_MEASURE]->(m)
  WITH d, collect(m) AS measures
  FOREACH (m IN measures | DETACH DELETE m)
  DETACH DELETE d
} IN TRANSACTIONS OF 200 ROWS
"""
DELETE_REST = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"


def node_count(driver: Driver, database: str) -> int:
    """How many nodes the database holds (from the count store: at once, whatever its size)."""
    return int(driver.execute_query(COUNT, database_=database).records[0]["n"])


def _describe(corpus: str | None) -> str:
    return f"corpus {corpus[:12]}" if corpus else "graph.json files made outside a corpus"


def check_tenant(driver: Driver, database: str, plan: LoadPlan) -> None:
    """InputError when the database holds nodes no load wrote (a Cypher script's or another tool's: they lack
    the loader's Entity label, so the loader's MERGE would not find them and its uniqueness constraints
    would refuse a copy), or the graph of another corpus than the plan's (or, for a graph made outside a
    corpus, the graph of a corpus)."""
    foreign = node_count(driver, database) - int(
        driver.execute_query(ENTITIES, database_=database).records[0]["n"]
    )
    if foreign:
        raise InputError(
            f"neo4j database {database}",
            f"holds {foreign} node{'s' if foreign != 1 else ''} that kg load did not write (a Cypher script's "
            "or another tool's); nothing was loaded (`kg load GRAPH --replace` replaces what it holds)",
        )
    held = {r["corpus"] for r in driver.execute_query(HELD, key=CORPUS_KEY, database_=database).records}
    if not held or held == {plan.corpus}:
        return
    other = sorted(held - {plan.corpus}, key=lambda c: c or "")[0]
    raise InputError(
        f"neo4j database {database}",
        f"holds the graph of {_describe(other)}, not of {_describe(plan.corpus)}; nothing was loaded "
        "(`kg load GRAPH --replace` replaces what it holds)",
    )


def empty_database(driver: Driver, database: str) -> None:
    """Delete every node and relationship (the schema stays): documents with their measures first, a few
    hundred at a time, so no document is ever seen without its measures, then the rest."""
    for statement in (DELETE_DOCUMENTS, DELETE_REST):
        with driver.session(database=database) as session:
            session.run(statement).consume()
