"""The schema the loader creates before any MERGE: uid constraints, lookup indexes, the cjk full-text index.

The full-text index is eventually consistent (`fulltext.eventually_consistent`): a commit does not wait for
Lucene, which updates the index in the background, so a search right after a load may miss what it wrote
until the index catches up. The loader waits for that once, at the end of a load (`AWAIT_FULLTEXT`). An
index made before this setting is dropped and made again by the next load.

Schema commands take no parameters, so the per-label and per-type constraints name their label or type in
the query text; names are checked against a strict identifier pattern first. Every relationship type gets a
uniqueness constraint on `uid` (Neo4j 5.7+ has relationship property uniqueness constraints in Community
Edition), so the database itself refuses a second copy of a relationship.

Two loads may create the same schema at once: Neo4j then answers `... AlreadyExists` to one of them even
with IF NOT EXISTS, which means the schema is there, as asked.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

from neo4j import Driver
from neo4j.exceptions import ClientError

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
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true}}",
)
AWAIT_FULLTEXT = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"
OUTDATED_FULLTEXT = (
    "SHOW FULLTEXT INDEXES YIELD name, options "
    "WHERE name = $name AND options.indexConfig['fulltext.eventually_consistent'] <> true RETURN name"
)
_LABEL = re.compile(r"[A-Z][A-Za-z0-9]{0,63}")
_TYPE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_NAME = re.compile(r"CREATE (?:FULLTEXT )?(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS ")


def constraint_statement(label: str) -> str:
    """The uniqueness constraint on uid for one label (label validated, as schema commands take no parameters)."""
    if not _LABEL.fullmatch(label):
        raise InputError("graph.json", f"label {label!r} is not a PascalCase identifier")
    return f"CREATE CONSTRAINT {label.lower()}_uid IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.uid IS UNIQUE"


def relationship_constraint_name(rel_type: str) -> str:
    """`has_measure_rel_uid` for HAS_MEASURE (labels have no underscore, so no label's name can collide)."""
    if not _TYPE.fullmatch(rel_type):
        raise InputError("graph.json", f"relationship type {rel_type!r} is not an UPPER_SNAKE identifier")
    return f"{rel_type.lower()}_rel_uid"


def relationship_constraint_statement(rel_type: str) -> str:
    """The uniqueness constraint on uid for one relationship type (type validated)."""
    name = relationship_constraint_name(rel_type)
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:`{rel_type}`]-() REQUIRE r.uid IS UNIQUE"


def _create(driver: Driver, database: str, statement: str) -> None:
    try:
        driver.execute_query(statement, database_=database)
    except ClientError as err:
        code = err.code or ""
        if not (code.startswith("Neo.ClientError.Schema.") and code.endswith("AlreadyExists")):
            raise


def schema_name(statement: str) -> str:
    """The name a CREATE CONSTRAINT or CREATE INDEX statement of this module gives."""
    match = _NAME.match(statement)
    if match is None:
        raise ValueError(f"not a named schema statement: {statement[:60]}")
    return match.group(1)


def _existing(driver: Driver, database: str) -> set[str]:
    """Names of the constraints and indexes the database has."""
    names: set[str] = set()
    for command in ("SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"):
        names.update(record["name"] for record in driver.execute_query(command, database_=database).records)
    return names


def _drop_outdated_fulltext(driver: Driver, database: str) -> None:
    """Drop the full-text index when an older load made it updated in the commit (not eventually consistent),
    so it is made again as it is now."""
    if driver.execute_query(OUTDATED_FULLTEXT, name=FULLTEXT_INDEX, database_=database).records:
        driver.execute_query(f"DROP INDEX {FULLTEXT_INDEX} IF EXISTS", database_=database)


def _create_missing(driver: Driver, database: str, statements: list[str]) -> int:
    """Run the statements whose constraint or index is missing (an existing one is not asked for again, as
    even CREATE ... IF NOT EXISTS waits for running loads); then wait for the indexes to be online."""
    existing = _existing(driver, database)
    missing = [s for s in statements if schema_name(s) not in existing]
    for statement in missing:
        _create(driver, database, statement)
    _await_indexes(driver, database)
    return len(missing)


def _await_indexes(driver: Driver, database: str, attempts: int = 5) -> None:
    """Wait for every index to be online. While another load is creating the same indexes, the procedure can
    fail with ProcedureCallFailed (an index it waits for is replaced under it): wait and ask again."""
    for attempt in range(attempts):
        try:
            driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
            return
        except ClientError as err:
            if err.code != "Neo.ClientError.Procedure.ProcedureCallFailed" or attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))


def ensure_schema(driver: Driver, database: str, labels: Iterable[str]) -> int:
    """Create what is missing and wait for the indexes to be online; returns the number of statements run."""
    statements = [*STATIC_SCHEMA, *(constraint_statement(label) for label in sorted(set(labels)))]
    _drop_outdated_fulltext(driver, database)
    return _create_missing(driver, database, statements)


def missing_relationship_constraints(driver: Driver, database: str, types: Iterable[str]) -> list[str]:
    """The relationship types among `types` whose uid constraint does not exist yet."""
    existing = _existing(driver, database)
    return [t for t in sorted(set(types)) if relationship_constraint_name(t) not in existing]


def ensure_relationship_constraints(driver: Driver, database: str, types: Iterable[str]) -> int:
    """Create the uid constraint of each type that lacks one (the data must hold no duplicate uid of it)."""
    return _create_missing(
        driver, database, [relationship_constraint_statement(t) for t in sorted(set(types))]
    )


def create_after_import(driver: Driver, database: str, labels: Iterable[str], types: Iterable[str]) -> None:
    """The whole schema of a database neo4j-admin has just built (it has none): the uniqueness constraints
    and lookup indexes, then the full-text index, in one transaction (each its own when another session makes
    some of them meanwhile). Returns once every index but the full-text one is online (a constraint is online
    when its CREATE returns); Lucene fills the full-text index in the background, and a full-text search made
    before it is online waits for it (Neo4j's procedures wait up to 30 s)."""
    statements = [
        *(constraint_statement(label) for label in sorted(set(labels))),
        *(relationship_constraint_statement(t) for t in sorted(set(types))),
        *sorted(STATIC_SCHEMA, key=lambda statement: statement.startswith("CREATE FULLTEXT")),
    ]
    try:
        with driver.session(database=database) as session, session.begin_transaction() as tx:
            for statement in statements:
                tx.run(statement).consume()
            tx.commit()
    except ClientError as err:
        if not (err.code or "").startswith("Neo.ClientError.Schema."):
            raise
        for statement in statements:
            _create(driver, database, statement)
    lookups = [schema_name(s) for s in statements if s.startswith("CREATE INDEX")]
    driver.execute_query(
        "UNWIND $names AS name CALL db.awaitIndex(name, 300) RETURN count(*)",
        names=lookups,
        database_=database,
    )


def fulltext_online(driver: Driver, database: str, timeout: int = 300) -> None:
    """Wait until the full-text index is online (populated)."""
    driver.execute_query(
        "CALL db.awaitIndex($name, $timeout)", name=FULLTEXT_INDEX, timeout=timeout, database_=database
    )


def await_fulltext(driver: Driver, database: str) -> None:
    """Wait until the eventually consistent full-text index holds every committed change."""
    driver.execute_query(AWAIT_FULLTEXT, database_=database)
