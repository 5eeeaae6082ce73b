"""Every way a connection fails is one line naming the service: URIs the driver cannot use, TLS schemes against
the plain test server, loopback servers that are not Neo4j (one that closes at once, one that answers HTTP,
one that never answers), and the test server's connection cut in the middle of a query by a loopback proxy.
Checked through kg.neo4j and, for each kind, through `kg cypher` (one line on stderr, exit code 2)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from ingest.errors import InputError
from kg.cli.main import app
from kg.neo4j import connection as neo4j_connection
from kg.neo4j.connection import Connection, open_driver, resolve_connection
from kg.neo4j.runner import run

pytestmark = pytest.mark.neo4j

Handler = Callable[[socket.socket], None]


@contextmanager
def loopback_server(handle: Handler) -> Iterator[int]:
    """A TCP server on 127.0.0.1 that gives each connection to `handle`; yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            held.append(client)
            threading.Thread(target=handle, args=(client,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for client in held:
            client.close()


def close_at_once(client: socket.socket) -> None:
    client.close()


def answer_http(client: socket.socket) -> None:
    client.recv(64)
    client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    client.close()


def never_answer(client: socket.socket) -> None:
    client.recv(64)


class CuttingProxy:
    """Forwards loopback connections to the test server and cuts all of them (and stops listening) when
    the client sends bytes containing `marker`: that request never reaches the server."""

    def __init__(self, target_port: int, marker: bytes) -> None:
        self.target_port, self.marker = target_port, marker
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                if from_client and self.marker in data:
                    self.close()
                    return
                sink.sendall(data)
        except OSError:
            return

    def close(self) -> None:
        self.cut.set()
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def connection(uri: str, password: str = "not-the-password") -> Connection:
    return resolve_connection(uri=uri, password=password)


def one_line_failure(conn: Connection) -> str:
    """The InputError of connecting and running a query, checked to be one line naming the service."""
    with pytest.raises(InputError) as caught, open_driver(conn) as driver:
        run(driver, conn.database, "RETURN 1 AS one")
    message = str(caught.value)
    assert message.startswith(f"neo4j at {conn.uri}: ") and "\n" not in message
    return message


def cli_failure(uri: str, capfd: pytest.CaptureFixture[str]) -> str:
    """`kg cypher` against `uri`: exit code 2, nothing on stdout, one line on stderr (the driver's own log
    and warnings included: the process's real stderr is captured too)."""
    result = CliRunner().invoke(app, ["cypher", "RETURN 1", "--uri", uri, "--password", "x"])
    leaked = capfd.readouterr()
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert leaked.err.strip() == "" and leaked.out.strip() == "", leaked
    return result.stderr


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("foo://127.0.0.1:7687", "unknown URI scheme 'foo'"),
        ("http://127.0.0.1:7474", "unknown URI scheme 'http'"),
        ("127.0.0.1:7687", "no URI scheme"),
        ("bolt://127.0.0.1:99999", "not a valid URI"),
        ("bolt://[::1", "not a valid URI"),
        ("bolt://127.0.0.1:7687?x", "not a valid URI"),
    ],
)
def test_uris_the_driver_cannot_use(uri: str, reason: str, capfd: pytest.CaptureFixture[str]) -> None:
    assert reason in one_line_failure(connection(uri))
    assert reason in cli_failure(uri, capfd)


@pytest.mark.parametrize("scheme", ["neo4j+s", "bolt+s", "bolt+ssc", "neo4j+ssc"])
def test_tls_schemes_against_the_plain_test_server(
    conn: Connection, scheme: str, capfd: pytest.CaptureFixture[str]
) -> None:
    uri = conn.uri.replace("bolt://", f"{scheme}://")
    assert "TLS handshake failed" in one_line_failure(connection(uri, conn.password))
    assert "TLS handshake failed" in cli_failure(uri, capfd)


@pytest.mark.parametrize(
    ("handle", "reason"),
    [
        (close_at_once, "the server closed the connection"),
        (answer_http, "this is an HTTP port, not Bolt"),
        (never_answer, "no answer in time"),
    ],
)
def test_loopback_servers_that_are_not_neo4j(
    handle: Handler, reason: str, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loopback server that is not Neo4j fails in one line naming why, through the API and the CLI; one that
    never answers is given up on when the driver's timeouts run out (2 s here instead of a user's 10 s and
    20 s: the same code path, a shorter wait)."""
    monkeypatch.setattr(neo4j_connection, "CONNECT_SECONDS", 2)
    monkeypatch.setattr(neo4j_connection, "ACQUIRE_SECONDS", 2)
    with loopback_server(handle) as port:
        uri = f"bolt://127.0.0.1:{port}"
        assert reason in one_line_failure(connection(uri))
        assert reason in cli_failure(uri, capfd)


@pytest.mark.parametrize("write", [False, True], ids=["read mode (cut at the EXPLAIN)", "write mode"])
def test_a_connection_cut_in_the_middle_of_a_query(
    conn: Connection, write: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    proxy = CuttingProxy(int(conn.uri.rsplit(":", 1)[1]), b"cut-here")
    try:
        proxied = connection(f"bolt://127.0.0.1:{proxy.port}", conn.password)
        with pytest.raises(InputError) as caught, open_driver(proxied) as driver:
            assert run(driver, conn.database, "RETURN 'before' AS x").rows == [{"x": "before"}]
            run(driver, conn.database, "RETURN 'cut-here' AS x", write=write)
    finally:
        proxy.close()
    assert proxy.cut.is_set()
    assert str(caught.value) == f"neo4j at {proxied.uri}: connection lost: the server closed the connection"
    assert capfd.readouterr().err.strip() == ""


def test_the_cli_reports_a_cut_connection_in_one_line(
    conn: Connection, capfd: pytest.CaptureFixture[str]
) -> None:
    proxy = CuttingProxy(int(conn.uri.rsplit(":", 1)[1]), b"cut-here")
    try:
        uri = f"bolt://127.0.0.1:{proxy.port}"
        result = CliRunner().invoke(
            app, ["cypher", "RETURN 'cut-here' AS x", "--uri", uri, "--password", conn.password]
        )
    finally:
        proxy.close()
    assert proxy.cut.is_set() and result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"error: neo4j at {uri}: connection lost: the server closed the connection"
    ]
    assert capfd.readouterr().err.strip() == ""
