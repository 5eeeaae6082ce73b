"""`kg load --bulk` into the session's server (its local server here, through POLICY_KG_HOME): the database
neo4j-admin builds equals the one the transactional loader builds from the same graph.json (every node and
relationship with its properties, the schema, every canned query's rows), and the cases it refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j.catalogue import bind, load_catalogue
from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.home import Neo4jHome
from kg.neo4j.loader import load_graph
from kg.neo4j.runner import run
from tests.support.neo4j_helpers import counts, database_state, expected_counts, wipe

pytestmark = pytest.mark.neo4j
runner = CliRunner()


def schema(driver: Driver) -> list[tuple[str, ...]]:
    """Every index and constraint: name, type, what it covers, its configuration."""
    records = driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options "
        "RETURN name, type, labelsOrTypes, properties, options.indexConfig AS config"
    ).records
    return sorted(
        tuple(str(r[k]) for k in ("name", "type", "labelsOrTypes", "properties", "config")) for r in records
    )


def canned_rows(conn: Connection) -> dict[str, list[str]]:
    """Every canned query's rows with its default parameters (in a canonical order: a query without ORDER BY
    returns them in the store's order, which an import lays out differently)."""
    with open_driver(conn) as driver:
        return {
            name: sorted(
                json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)
                for row in run(driver, conn.database, q.text, bind(q, {})).rows
            )
            for name, q in load_catalogue().items()
        }


def test_a_bulk_load_equals_a_transactional_load(
    conn: Connection,
    test_home: Neo4jHome,
    sample_graph: dict[str, Any],
    tmp_path: Path,
    local_env: dict[str, str],
) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(sample_graph, ensure_ascii=False), encoding="utf-8")
    with open_driver(conn) as driver:
        wipe(driver)
        load_graph(driver, conn.database, sample_graph)
        expected = (database_state(driver), schema(driver))
    queries = canned_rows(conn)
    refused = runner.invoke(app, ["load", str(path), "--bulk"], env=local_env)
    assert refused.exit_code == 2 and "--bulk imports into an empty database" in refused.output
    bulk = runner.invoke(app, ["load", str(path), "--bulk", "--replace", "--json"], env=local_env)
    assert bulk.exit_code == 0, bulk.output
    assert json.loads(bulk.stdout)["method"] == "bulk"
    with open_driver(conn) as driver:
        assert counts(driver) == expected_counts(sample_graph)
        assert (database_state(driver), schema(driver)) == expected
    assert canned_rows(conn) == queries
    assert sum(len(rows) for rows in queries.values()) > 100


def test_bulk_refuses_a_remote_server_in_one_line(
    sample_graph: dict[str, Any], tmp_path: Path, cli_env: dict[str, str]
) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(sample_graph, ensure_ascii=False), encoding="utf-8")
    refused = runner.invoke(
        app, ["load", str(path), "--bulk"], env={**cli_env, "POLICY_KG_HOME": str(tmp_path)}
    )
    assert refused.exit_code == 2
    assert (
        len(refused.output.strip().splitlines()) == 1
        and "--bulk imports into the local server only" in refused.output
    )
