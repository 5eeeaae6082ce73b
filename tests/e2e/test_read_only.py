"""Read mode reads the database and nothing else, against the real test server: LOAD CSV (http and file URLs)
is refused before anything is fetched, TERMINATE TRANSACTIONS and DBMS procedures that act on other sessions
are refused and leave the other session alone, administration commands other than SHOW are refused, SHOW
commands run; file URLs are off in the local server's configuration even with --write."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from ingest.errors import InputError
from kg.cli.main import app
from kg.neo4j.connection import Connection
from kg.neo4j.home import Neo4jHome
from kg.neo4j.runner import Operator, plan_operators, read_refusal, run

pytestmark = pytest.mark.neo4j


class CountingServer(ThreadingHTTPServer):
    """A CSV file served on 127.0.0.1 that counts the requests it gets."""

    requests = 0


class _CsvHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        assert isinstance(self.server, CountingServer)
        self.server.requests += 1
        body = b"uid,title\nx,y\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def csv_server() -> Iterator[CountingServer]:
    server = CountingServer(("127.0.0.1", 0), _CsvHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def csv_url(server: CountingServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/rows.csv"


def test_load_csv_over_http_is_refused_in_read_mode_before_anything_is_fetched(
    driver: Driver, conn: Connection, csv_server: CountingServer
) -> None:
    for statement in (
        "LOAD CSV FROM $url AS row RETURN row",
        "CALL { LOAD CSV WITH HEADERS FROM $url AS row RETURN row.title AS t } RETURN t",
    ):
        with pytest.raises(InputError, match="reads from outside the database"):
            run(driver, conn.database, statement, {"url": csv_url(csv_server)})
    assert csv_server.requests == 0
    rows = run(
        driver,
        conn.database,
        "LOAD CSV FROM $url AS row RETURN row",
        {"url": csv_url(csv_server)},
        write=True,
    )
    assert rows.rows == [{"row": ["uid", "title"]}, {"row": ["x", "y"]}] and csv_server.requests == 1


def test_file_urls_are_refused_in_read_mode_and_off_in_the_local_server_even_with_write(
    driver: Driver, conn: Connection, test_home: Neo4jHome
) -> None:
    assert "dbms.security.allow_csv_import_from_file_urls=false" in test_home.conf_file.read_text()
    (test_home.root / "import").mkdir(exist_ok=True)
    (test_home.root / "import" / "rows.csv").write_text("uid,title\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="reads from outside the database"):
        run(driver, conn.database, "LOAD CSV FROM 'file:///rows.csv' AS row RETURN row")
    with pytest.raises(InputError, match="allow_csv_import_from_file_urls"):
        run(driver, conn.database, "LOAD CSV FROM 'file:///rows.csv' AS row RETURN row", write=True)


class OtherSession:
    """Another client's open transaction (it has created a node), committed when the block ends; `id` is its
    transaction id as SHOW TRANSACTIONS gives it, `committed` whether its commit went through."""

    def __init__(self, driver: Driver, database: str) -> None:
        self.driver, self.database = driver, database
        self.id, self.committed = "", False
        self._open, self._finish = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._work, daemon=True)

    def _work(self) -> None:
        with self.driver.session(database=self.database) as session:
            tx = session.begin_transaction(metadata={"probe": "read-only-test"})
            tx.run("CREATE (:ReadOnlyProbe)").consume()
            self._open.set()
            self._finish.wait(30)
            tx.commit()
            self.committed = True

    def __enter__(self) -> OtherSession:
        self._thread.start()
        assert self._open.wait(30)
        records = self.driver.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.probe = 'read-only-test' "
            "RETURN transactionId",
            database_=self.database,
        ).records
        self.id = records[0]["transactionId"]
        return self

    def __exit__(self, *exc: object) -> None:
        self._finish.set()
        self._thread.join(30)


@pytest.mark.parametrize(
    "statement",
    [
        "TERMINATE TRANSACTIONS $id",
        "TERMINATE TRANSACTION $id",
        "SHOW TRANSACTIONS YIELD transactionId AS t WHERE t = $id "
        "TERMINATE TRANSACTIONS t YIELD transactionId RETURN transactionId",
        "CALL dbms.killConnections(['bolt-1', 'bolt-2', 'bolt-3', 'bolt-4', 'bolt-5'])",
    ],
)
def test_commands_that_act_on_other_sessions_are_refused_and_the_other_session_commits(
    driver: Driver, conn: Connection, statement: str
) -> None:
    run(driver, conn.database, "MATCH (n:ReadOnlyProbe) DETACH DELETE n", write=True)
    with OtherSession(driver, conn.database) as other:
        with pytest.raises(
            InputError, match="acts on other sessions|not one of Neo4j's read-only procedures"
        ):
            run(driver, conn.database, statement, {"id": other.id})
    assert other.committed
    count = run(driver, conn.database, "MATCH (n:ReadOnlyProbe) RETURN count(n) AS n").rows
    assert count == [{"n": 1}]
    run(driver, conn.database, "MATCH (n:ReadOnlyProbe) DETACH DELETE n", write=True)


@pytest.mark.parametrize(
    ("statement", "column"),
    [
        ("SHOW USERS", "user"),
        ("SHOW CURRENT USER", "user"),
        ("// who is there\nSHOW DATABASES YIELD name RETURN name", "name"),
        ("SHOW TRANSACTIONS", "transactionId"),
        ("SHOW INDEXES YIELD name RETURN name", "name"),
        ("SHOW PROCEDURES YIELD name, mode WHERE mode = 'READ' RETURN name", "name"),
        ("CALL db.ping() YIELD success RETURN success", "success"),
    ],
)
def test_show_commands_and_read_procedures_run_in_read_mode(
    driver: Driver, conn: Connection, statement: str, column: str
) -> None:
    result = run(driver, conn.database, statement)
    assert result.rows and column in result.columns


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("CREATE USER probe SET PASSWORD 'probe-password-1'", "administration command changes the DBMS"),
        ("DROP CONSTRAINT entity_uid", "writes to the database"),
        ("CALL db.createLabel('Probe')", "not one of Neo4j's read-only procedures"),
        ("CALL db.clearQueryCaches()", "not one of Neo4j's read-only procedures"),
        ("MERGE (n:Probe {uid: 'x'}) RETURN n", "writes to the database"),
    ],
)
def test_writes_and_dbms_changes_are_refused_in_read_mode(
    driver: Driver, conn: Connection, statement: str, reason: str
) -> None:
    def schema_and_users() -> list[object]:
        return [
            run(driver, conn.database, "SHOW CONSTRAINTS YIELD name RETURN name").rows,
            run(driver, conn.database, "SHOW USERS YIELD user RETURN user").rows,
            run(driver, conn.database, "MATCH (n:Probe) RETURN count(n) AS n").rows,
        ]

    before = schema_and_users()
    with pytest.raises(InputError, match=reason):
        run(driver, conn.database, statement)
    assert schema_and_users() == before


def test_the_cli_runs_show_users_and_refuses_load_csv_with_one_line(
    cli_env: dict[str, str], csv_server: CountingServer
) -> None:
    shown = CliRunner().invoke(app, ["cypher", "SHOW USERS", "--format", "json"], env=cli_env)
    assert shown.exit_code == 0, shown.output
    assert [row["user"] for row in json.loads(shown.stdout)] == ["neo4j"]
    refused = CliRunner().invoke(
        app,
        ["cypher", "LOAD CSV FROM $url AS row RETURN row", "--param", f"url={csv_url(csv_server)}"],
        env=cli_env,
    )
    assert refused.exit_code != 0 and refused.stdout == ""
    assert (
        len(refused.stderr.strip().splitlines()) == 1 and "reads from outside the database" in refused.stderr
    )
    assert csv_server.requests == 0


def test_a_plugin_procedure_is_refused_even_when_the_server_calls_it_read() -> None:
    """apoc.load.json declares mode READ yet fetches URLs: read mode takes only Neo4j's own namespaces (the
    test server has no plugin, so the plan is the one a server with APOC gives)."""
    plan = {
        "operatorType": "ProduceResults@neo4j",
        "args": {"Details": "value"},
        "children": [
            {
                "operatorType": "ProcedureCall@neo4j",
                "args": {"Details": "apoc.load.json($url) :: (value :: MAP)"},
            }
        ],
    }
    operators = list(plan_operators(plan))
    assert [op.name for op in operators] == ["ProduceResults", "ProcedureCall"]
    reason = read_refusal("CALL apoc.load.json($url)", "r", operators, {"apoc.load.json": "READ"})
    assert reason and "apoc.load.json" in reason
    assert (
        read_refusal(
            "CALL db.ping()",
            "r",
            [Operator("ProcedureCall", "db.ping() :: (success :: BOOLEAN)")],
            {"db.ping": "READ"},
        )
        is None
    )
