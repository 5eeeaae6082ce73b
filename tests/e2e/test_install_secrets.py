"""`kg neo4j install` keeps the password to the 0600 password file: it never appears on any process's command
line while the install runs (every /proc/*/cmdline polled), nor in neo4j.conf or the server's logs after a
start; the password set is the stored one, even one with spaces, quotes and backslashes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kg.neo4j import server
from kg.neo4j.connection import open_driver, resolve_connection
from kg.neo4j.home import Neo4jHome
from kg.neo4j.runner import run
from tests.support.neo4j_helpers import free_port

pytestmark = pytest.mark.neo4j

PASSWORD = 'kg test "pass\\word" #1 ünï'


class ArgvWatch:
    """Polls every process's command line in the background; records those that contain a word."""

    def __init__(self, *words: str) -> None:
        self.words = [w.encode() for w in words]
        self.seen: dict[bytes, list[str]] = {w: [] for w in self.words}
        self.polls = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    argv = cmdline.read_bytes()
                except OSError:
                    continue
                for word in self.words:
                    if word in argv:
                        self.seen[word].append(argv.replace(b"\0", b" ").decode(errors="replace")[:200])
            self.polls += 1

    def __enter__(self) -> ArgvWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture(scope="module")
def fresh_home(test_home: Neo4jHome, tmp_path_factory: pytest.TempPathFactory) -> Neo4jHome:
    """A home installed now, on the test server's jars, with a stored password that is hard to quote."""
    home = Neo4jHome(tmp_path_factory.mktemp("policy-kg") / "neo4j")
    home.root.mkdir(parents=True)
    home.lib.symlink_to(test_home.lib.resolve(), target_is_directory=True)
    home.password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    home.password_file.chmod(0o600)
    return home


def test_install_puts_the_password_on_no_command_line(fresh_home: Neo4jHome) -> None:
    with ArgvWatch(PASSWORD, "pass\\word", server.ADMIN_ENTRY_POINT) as watch:
        done = server.install(fresh_home, bolt_port=free_port(), http_port=free_port())
    assert done["passwordSet"] is True
    assert watch.seen[server.ADMIN_ENTRY_POINT.encode()], "neo4j-admin ran unseen: the watch proves nothing"
    assert watch.seen[PASSWORD.encode()] == [] and watch.seen[b"pass\\word"] == []


def test_the_stored_password_opens_the_server_and_is_in_no_log_or_conf(fresh_home: Neo4jHome) -> None:
    if not (fresh_home.data / "dbms" / "auth.ini").exists():
        server.install(fresh_home, bolt_port=free_port(), http_port=free_port())
    server.start(fresh_home)
    try:
        conn = resolve_connection(home=fresh_home)
        assert conn.password == PASSWORD
        with open_driver(conn) as driver:
            assert run(driver, conn.database, "SHOW CURRENT USER YIELD user RETURN user").rows == [
                {"user": "neo4j"}
            ]
            run(driver, conn.database, "CALL db.ping()")
    finally:
        server.stop(fresh_home)
    written = [fresh_home.conf_file, *sorted(p for p in fresh_home.logs.rglob("*") if p.is_file())]
    assert any(p.name == "neo4j.log" or p.name == "debug.log" for p in written)
    for path in written:
        text = path.read_bytes()
        for secret in (PASSWORD, "pass\\word"):
            assert secret.encode() not in text, f"{path.name} holds the password"
