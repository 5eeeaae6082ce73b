"""The schema the loader creates before any MERGE: uid constraints, lookup indexes, the cjk full-text index.

Schema commands take no parameters, so the per-label constraint names its label in the query text; labels
are checked against a strict identifier pattern first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from neo4j import Driver

from ingest.errors import InputError

KEY_LABEL = "Entity"
FULLTEXT_INDEX = "policyText"
STATIC_SCHEMA = (
    "CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE",
    "CREATE INDEX document_docNumber IF NOT EXISTS FOR (n:Document) ON (n.docNumber)",
    "CREATE INDEX document_issueDate IF NOT EXISTS FOR (n:Document) ON (n.issueDate)",
    "CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name)",
    "CREATE INDEX deadline_date IF NOT EXISTS FOR (n:Deadline) ON (n.date)",
    "CREATE FULLTEXT INDEX policyText IF NOT EXISTS FOR (n:Measure|Document) ON EACH [n.heading, n.text, n.title] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
)
_LABEL = re.compile(r"[A-Z][A-Za-z0-9]{0,63}")


def constraint_statement(label: str) -> str:
    """The uniqueness constraint on uid for one label (label validated, as schema commands take no parameters)."""
    if not _LABEL.fullmatch(label):
        raise InputError("graph.json", f"label {label!r} is not a PascalCase identifier")
    return f"CREATE CONSTRAINT {label.lower()}_uid IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.uid IS UNIQUE"


def ensure_schema(driver: Driver, database: str, labels: Iterable[str]) -> int:
    """Create what is missing and wait for the indexes to be online; returns the number of statements run."""
    statements = [*STATIC_SCHEMA, *(constraint_statement(label) for label in sorted(set(labels)))]
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(statements)
