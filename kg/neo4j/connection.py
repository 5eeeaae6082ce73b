"""Connection settings: explicit options, else NEO4J_* variables, else the local server and its stored password."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from ingest.errors import InputError
from kg.neo4j.home import Neo4jHome

DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
WHERE_LOCAL = "local neo4j"


@dataclass(frozen=True)
class Connection:
    """Where and as whom to connect; `local` when it is the policy-kg server."""

    uri: str
    user: str
    password: str
    database: str
    local: bool


def resolve_connection(
    *,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    home: Neo4jHome | None = None,
) -> Connection:
    """Options (which the CLI fills from NEO4J_URI/USERNAME/PASSWORD/DATABASE) win; else the local server."""
    home = home or Neo4jHome.default()
    local = not uri or uri == home.bolt_uri
    if local:
        password = password or home.password()
        if password is None:
            raise InputError(
                WHERE_LOCAL, f"not installed in {home.root} (run `kg neo4j install`, or pass --uri)"
            )
    elif password is None:
        raise InputError(f"neo4j at {uri}", "no password (pass --password or set NEO4J_PASSWORD)")
    return Connection(
        uri=uri or home.bolt_uri,
        user=user or DEFAULT_USER,
        password=password,
        database=database or DEFAULT_DATABASE,
        local=local,
    )


def where(conn: Connection) -> str:
    """How errors name the service."""
    return f"neo4j at {conn.uri}"


@contextmanager
def open_driver(conn: Connection) -> Iterator[Driver]:
    """A driver whose connectivity is checked; unreachable or refused servers, and driver or server errors
    raised while it is in use (a server killed mid-load), become one-line errors."""
    driver = GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password), connection_timeout=10)
    try:
        try:
            driver.verify_connectivity()
        except AuthError:
            raise InputError(where(conn), f"authentication failed for user {conn.user!r}") from None
        except (ServiceUnavailable, OSError, ValueError) as err:
            hint = " (start it with `kg neo4j start`)" if conn.local else ""
            raise InputError(where(conn), f"unreachable{hint}: {str(err).splitlines()[0][:120]}") from None
        try:
            yield driver
        except (Neo4jError, DriverError) as err:
            lines = (getattr(err, "message", None) or str(err) or type(err).__name__).strip().splitlines()
            raise InputError(
                where(conn), f"{type(err).__name__}: {lines[0][:200] if lines else ''}"
            ) from None
    finally:
        driver.close()
