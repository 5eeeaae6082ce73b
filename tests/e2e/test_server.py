"""kg neo4j against the real local server: status, the Browser, the 0600 password, and the one-line errors for
starting twice, stopping a stopped server, a port in use, no Java, and an unreachable Neo4j."""

from __future__ import annotations

import json
import stat
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j import server
from kg.neo4j.home import Neo4jHome
from tests.support.neo4j_helpers import free_port

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def second_home(test_home: Neo4jHome, tmp_path_factory: pytest.TempPathFactory) -> Neo4jHome:
    """Another installed, stopped server sharing the test server's jars and Bolt port."""
    home = Neo4jHome(tmp_path_factory.mktemp("policy-kg") / "neo4j")
    home.root.mkdir(parents=True)
    home.lib.symlink_to(test_home.lib, target_is_directory=True)
    server.install(home, bolt_port=test_home.settings()["boltPort"], http_port=free_port())
    return home


def _one_line_error(result, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr, result.stderr


def test_status_of_the_running_server(local_env: dict[str, str], test_home: Neo4jHome) -> None:
    result = CliRunner().invoke(app, ["neo4j", "status", "--json"], env=local_env)
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["running"] and status["reachable"] is True and status["version"].startswith("5.26.")
    assert status["bolt"] == test_home.bolt_uri and status["bolt"].startswith("bolt://127.0.0.1:")


def test_local_commands_read_the_stored_password_which_only_the_owner_can_read(
    local_env: dict[str, str], test_home: Neo4jHome
) -> None:
    assert stat.S_IMODE(test_home.password_file.stat().st_mode) == 0o600
    result = CliRunner().invoke(app, ["cypher", "RETURN 1 AS one", "--format", "json"], env=local_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"one": 1}]


def test_it_listens_on_loopback_only_and_serves_the_browser(test_home: Neo4jHome) -> None:
    conf = test_home.conf_file.read_text()
    addresses = [line.split("=", 1)[1] for line in conf.splitlines() if "listen_address=" in line]
    assert addresses and all(a.startswith("127.0.0.1") for a in addresses)
    with urllib.request.urlopen(f"{test_home.http_url}/browser/", timeout=10) as response:
        assert response.status == 200 and b"Neo4j Browser" in response.read()


def test_logs_show_the_server_start(local_env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["neo4j", "logs", "-n", "400"], env=local_env)
    assert result.exit_code == 0 and "Started." in result.stdout


def test_starting_twice_is_a_one_line_error(local_env: dict[str, str]) -> None:
    _one_line_error(CliRunner().invoke(app, ["neo4j", "start"], env=local_env), "already running")


def test_stopping_a_stopped_server_and_its_status(second_home: Neo4jHome) -> None:
    env = {"POLICY_KG_HOME": str(second_home.root.parent)}
    _one_line_error(CliRunner().invoke(app, ["neo4j", "stop"], env=env), "not running")
    status = CliRunner().invoke(app, ["neo4j", "status", "--json"], env=env)
    assert status.exit_code == 1 and json.loads(status.stdout)["running"] is False


def test_a_port_in_use_is_a_one_line_error(second_home: Neo4jHome) -> None:
    env = {"POLICY_KG_HOME": str(second_home.root.parent)}
    port = second_home.settings()["boltPort"]
    _one_line_error(
        CliRunner().invoke(app, ["neo4j", "start"], env=env), f"port {port} on 127.0.0.1 is in use"
    )
    assert server.running_pid(second_home) is None


def test_no_java_is_a_one_line_error(second_home: Neo4jHome, tmp_path: Path) -> None:
    env = {"POLICY_KG_HOME": str(second_home.root.parent), "PATH": str(tmp_path)}
    _one_line_error(CliRunner().invoke(app, ["neo4j", "start"], env=env), "java not found")


def test_an_unreachable_neo4j_is_a_one_line_error() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(app, ["cypher", "RETURN 1", "--uri", uri, "--password", "x"])
    _one_line_error(result, f"neo4j at {uri}: unreachable")


def test_a_wrong_password_is_a_one_line_error(cli_env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["query", "label-counts"], env={**cli_env, "NEO4J_PASSWORD": "wrong"})
    _one_line_error(result, "authentication failed")
