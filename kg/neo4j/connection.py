"""Connection settings: explicit options, else NEO4J_* variables, else the local server and its stored password.

Every way a connection fails (a URI the driver cannot use, nothing listening, TLS against a plain server, a
port that is not Bolt, a server that closes the connection during a query) is one InputError line; the
driver's own log lines are kept off stderr (a NullHandler on the `neo4j` logger, so an application that
configures logging still gets them).
"""

from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from ingest.errors import InputError
from kg.neo4j.home import Neo4jHome

DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
WHERE_LOCAL = "local neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECT_SECONDS = 10
ACQUIRE_SECONDS = 20
_QUIET = logging.NullHandler()
_CLOSED = re.compile(r"defunct connection|handshake response|^No data$")


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


def check_uri(conn: Connection) -> None:
    """A URI the Bolt driver can use: a Bolt scheme and, when one is given, a port in range."""
    try:
        parts = urlsplit(conn.uri)
        if parts.port == 0:  # .port raises ValueError itself when out of range or not a number
            raise ValueError("port 0")
    except ValueError as err:
        raise InputError(where(conn), f"not a valid URI ({err})") from None
    if parts.scheme not in SCHEMES:
        raise InputError(
            where(conn),
            f"{f'unknown URI scheme {parts.scheme!r}' if parts.scheme else 'no URI scheme'}: "
            "use bolt:// or neo4j:// (+s or +ssc for TLS)",
        )


def _causes(err: BaseException) -> Iterator[BaseException]:
    """The error, its causes and contexts, and the members of exception groups among them."""
    stack, seen = [err], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        stack.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def connection_failure(err: BaseException) -> str:
    """Why a connection failed or was lost, in a few words, from the error and its causes."""
    causes = list(_causes(err))
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in causes):
        return "TLS certificate not trusted (+ssc accepts a self-signed one)"
    if any(isinstance(e, ssl.SSLError) for e in causes):
        return "TLS handshake failed: the server does not speak TLS there (a plain server takes bolt:// or neo4j://)"
    if any(isinstance(e, ConnectionRefusedError) for e in causes):
        return "connection refused"
    if any(isinstance(e, TimeoutError) for e in causes):
        return "no answer in time"
    if any("looks like HTTP" in str(e) for e in causes):
        return "this is an HTTP port, not Bolt"
    if any(isinstance(e, ConnectionError | SessionExpired) or _CLOSED.search(str(e)) for e in causes):
        return "the server closed the connection"
    lines = (str(err) or type(err).__name__).strip().splitlines()
    return lines[0][:160]


@contextmanager
def open_driver(conn: Connection) -> Iterator[Driver]:
    """A driver whose connectivity is checked; unreachable or refused servers, and driver or server errors
    raised while it is in use (a server killed mid-load), become one-line errors."""
    logging.getLogger("neo4j").addHandler(_QUIET)
    check_uri(conn)
    try:
        driver = GraphDatabase.driver(
            conn.uri,
            auth=(conn.user, conn.password),
            connection_timeout=CONNECT_SECONDS,
            connection_acquisition_timeout=ACQUIRE_SECONDS,
        )
    except (DriverError, ValueError) as err:
        raise InputError(where(conn), f"not a valid URI ({str(err).splitlines()[0][:160]})") from None
    try:
        try:
            driver.verify_connectivity()
        except AuthError:
            raise InputError(where(conn), f"authentication failed for user {conn.user!r}") from None
        except (DriverError, Neo4jError, OSError, ValueError) as err:
            hint = " (start it with `kg neo4j start`)" if conn.local else ""
            raise InputError(where(conn), f"unreachable{hint}: {connection_failure(err)}") from None
        try:
            yield driver
        except (ServiceUnavailable, SessionExpired) as err:
            raise InputError(where(conn), f"connection lost: {connection_failure(err)}") from None
        except (Neo4jError, DriverError) as err:
            lines = (getattr(err, "message", None) or str(err) or type(err).__name__).strip().splitlines()
            raise InputError(
                where(conn), f"{type(err).__name__}: {lines[0][:200] if lines else ''}"
            ) from None
    finally:
        driver.close()
