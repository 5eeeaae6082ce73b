"""`kg build`, the main job: `kg ingest`, then `kg load`, then an overview from the canned queries."""

from __future__ import annotations

from typing import Any

from ingest.errors import InputError
from kg.cli.app import OutputFormat, app, console, fail_input, print_rows, print_summary
from kg.cli.database import catalogue_or_fail, load_or_fail, print_browser_line, print_load, run_canned
from kg.cli.ingest import exit_if_left_out, ingest_or_fail
from kg.cli.options import (
    AsOf,
    DaskScheduler,
    Database,
    Format,
    FormatCommand,
    Nlp,
    OutDir,
    Password,
    Replace,
    Sources,
    Uri,
    User,
    Workers,
    connection_or_fail,
    map_settings,
)

OVERVIEW: tuple[tuple[str, dict[str, str]], ...] = (
    ("label-counts", {}),
    ("lead-agency-workload", {"limit": "10"}),
    ("top-cited-documents", {"limit": "10"}),
    ("indicator-coverage", {}),
)


def coverage_matrix(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """indicator-coverage rows pivoted: one row per indicator, one column per region (measures)."""
    regions = sorted({r["region"] for r in rows if r["region"]})
    matrix: dict[str, dict[str, Any]] = {}
    for row in rows:
        line = matrix.setdefault(row["indicator"], {"indicator": row["indicator"]})
        if row["region"]:
            line[row["region"]] = row["measures"]
    return list(matrix.values()), ["indicator", *regions]


@app.command("build", cls=FormatCommand)
def build(
    sources: Sources,
    out: OutDir = None,
    as_of: AsOf = None,
    nlp: Nlp = True,
    replace: Replace = False,
    workers: Workers = None,
    dask: DaskScheduler = None,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
    fmt: Format = OutputFormat.table,
) -> None:
    """The main job: ingest SOURCES to DIR/graph.json, load it into Neo4j, print an overview.

    The overview ends with the line of `kg neo4j browser` when the graph went to the local server.

    Starts the local Neo4j first when it is the target and is not running. Sources holding no notice
    get the empty graph.json, as with `kg ingest`, and nothing is loaded. A database holding another
    corpus's graph is left alone unless --replace, as with `kg load`.

    Example: kg build data/east-china-2023.txt
    """
    from kg.graphjson import graph_to_dict
    from kg.neo4j import server
    from kg.neo4j.catalogue import bind
    from kg.neo4j.home import Neo4jHome

    conn = connection_or_fail(uri, user, password, database)
    try:
        home = Neo4jHome.default()
        if conn.local and server.running_pid(home) is None:
            with console.status("starting the local Neo4j..."):
                server.start(home)
    except InputError as err:
        fail_input(err)
    result, path = ingest_or_fail(sources, out, as_of, nlp, map_settings(workers, dask))
    summary = load_or_fail(conn, graph_to_dict(result.graph, result.meta), replace=replace)
    catalogue = catalogue_or_fail()
    try:
        overview = {
            name: run_canned(conn, catalogue[name], bind(catalogue[name], params)).rows
            for name, params in OVERVIEW
        }
    except InputError as err:
        fail_input(err)
    if fmt is not OutputFormat.table:
        print_summary({"graph": str(path), "load": summary.as_dict(), **overview}, fmt)
    else:
        console.print(f"graph: {path}")
        print_load(summary, fmt)
        for name, _ in OVERVIEW[:3]:
            print_rows(overview[name], list(catalogue[name].columns), fmt, title=name)
        rows, columns = coverage_matrix(overview["indicator-coverage"])
        print_rows(rows, columns, fmt, title="indicator coverage (measures per province)")
        if conn.local:
            print_browser_line(conn)
    exit_if_left_out(result)
