"""`kg neo4j install|start|stop|status|logs`, `kg load`, `kg query`, `kg cypher`, `kg build`: the graph in Neo4j."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from ingest.errors import InputError
from kg.cli.app import (
    OutputFormat,
    app,
    console,
    err_console,
    fail_input,
    graph_json_or_fail,
    key_value_table,
    print_json,
    print_rows,
    progress_bar,
)
from kg.graphjson import graph_to_dict
from kg.neo4j import server
from kg.neo4j.catalogue import CannedQuery, bind, load_catalogue, parse_assignments
from kg.neo4j.connection import Connection, open_driver, resolve_connection
from kg.neo4j.home import Neo4jHome
from kg.neo4j.loader import DEFAULT_BATCH, LoadSummary, load_graph
from kg.neo4j.runner import QueryResult, run

neo4j_app = typer.Typer(
    help="The local Neo4j server: install, start, stop, status, logs.\n\nExample: kg neo4j install && kg neo4j start",
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
Uri = Annotated[
    str | None,
    typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI of another Neo4j (default: the local server)."),
]
User = Annotated[
    str | None, typer.Option("--user", envvar="NEO4J_USERNAME", help="User name (default neo4j).")
]
Password = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        help="Password (default: the local server's stored one).",
        show_default=False,
    ),
]
Database = Annotated[
    str | None, typer.Option("--database", envvar="NEO4J_DATABASE", help="Database name (default neo4j).")
]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
Params = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="A parameter as NAME=VALUE (repeatable).")
]


def _connection(uri: str | None, user: str | None, password: str | None, database: str | None) -> Connection:
    try:
        return resolve_connection(uri=uri, user=user, password=password, database=database)
    except InputError as err:
        fail_input(err)


# --- the local server -------------------------------------------------------------------------------------


@neo4j_app.command("install")
def neo4j_install(
    bolt_port: Annotated[
        int | None, typer.Option("--bolt-port", help="Bolt port on 127.0.0.1 (default 7687).")
    ] = None,
    http_port: Annotated[
        int | None, typer.Option("--http-port", help="HTTP/Browser port on 127.0.0.1 (default 7474).")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Fetch Neo4j Community 5.26 from Maven Central, write neo4j.conf, set a generated password (0600 file).

    Idempotent and quick when already done. Data lives in $POLICY_KG_HOME/neo4j
    (default ~/.local/share/policy-kg/neo4j).

    Example: kg neo4j install
    """
    home = Neo4jHome.default()
    _server_command(
        lambda: server.install(home, bolt_port=bolt_port, http_port=http_port),
        "neo4j install",
        json_out,
        "fetching Neo4j jars with Maven (cached in ~/.m2)...",
    )


@neo4j_app.command("start")
def neo4j_start(json_out: JsonFlag = False) -> None:
    """Start the local Neo4j server in the background and wait until it accepts connections.

    Example: kg neo4j start
    """
    _server_command(lambda: server.start(Neo4jHome.default()), "neo4j started", json_out, "starting Neo4j...")


@neo4j_app.command("stop")
def neo4j_stop(json_out: JsonFlag = False) -> None:
    """Stop the local Neo4j server.

    Example: kg neo4j stop
    """
    _server_command(lambda: server.stop(Neo4jHome.default()), "neo4j stopped", json_out, "stopping Neo4j...")


@neo4j_app.command("status")
def neo4j_status(json_out: JsonFlag = False) -> None:
    """Whether the local server is installed and running, where it listens, and whether it answers.

    Exits 1 when it is not running.

    Example: kg neo4j status --json
    """
    home = Neo4jHome.default()
    info = server.status(home)
    if info["running"]:
        info["reachable"] = _reachable(resolve_connection(home=home))
    _print_info(info, "neo4j status", json_out)
    if not info["running"]:
        raise typer.Exit(1)


def _reachable(conn: Connection) -> bool | str:
    try:
        with open_driver(conn):
            return True
    except InputError as err:
        return err.reason


@neo4j_app.command("logs")
def neo4j_logs(lines: Annotated[int, typer.Option("--lines", "-n", help="How many lines.")] = 40) -> None:
    """The last lines of the local server's log.

    Example: kg neo4j logs -n 100
    """
    for line in server.logs(Neo4jHome.default(), lines):
        typer.echo(line)


def _server_command(action: Callable[[], dict[str, Any]], title: str, json_out: bool, waiting: str) -> None:
    """Run a server action behind a spinner; print its result, or its one-line error."""
    try:
        with console.status(waiting):
            info = action()
    except InputError as err:
        fail_input(err)
    _print_info(info, title, json_out)


def _print_info(info: dict[str, Any], title: str, json_out: bool) -> None:
    if json_out:
        print_json(info)
    else:
        console.print(key_value_table(info.items(), title=title))


# --- loading ----------------------------------------------------------------------------------------------


def _load_with_bar(conn: Connection, graph: dict[str, Any], batch_size: int) -> LoadSummary:
    try:
        with open_driver(conn) as driver, progress_bar(one_task="loading") as report:
            return load_graph(driver, conn.database, graph, batch_size=batch_size, progress=report)
    except InputError as err:
        fail_input(err)


def _print_load(summary: LoadSummary) -> None:
    rows = [
        {
            "": "nodes",
            "in graph": summary.nodes,
            "created": summary.nodesCreated,
            "updated": summary.nodesUpdated,
            "deleted": summary.nodesDeleted,
        },
        {
            "": "relationships",
            "in graph": summary.relationships,
            "created": summary.relationshipsCreated,
            "updated": summary.relationshipsUpdated,
            "deleted": summary.relationshipsDeleted,
        },
    ]
    title = f"loaded {', '.join(summary.sources)} in {summary.seconds} s"
    print_rows(rows, ["", "in graph", "created", "updated", "deleted"], OutputFormat.table, title=title)


@app.command("load")
def load(
    graph: Annotated[Path, typer.Argument(help="graph.json written by `kg ingest`.")],
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1000, max=10000, help="Rows per UNWIND batch.")
    ] = DEFAULT_BATCH,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
    json_out: JsonFlag = False,
) -> None:
    """Load graph.json into Neo4j: schema, then batched MERGE; idempotent; replaces older loads of the same sources.

    Example: kg load out/graph.json
    """
    data = graph_json_or_fail(graph)
    summary = _load_with_bar(_connection(uri, user, password, database), data, batch_size)
    if json_out:
        print_json(summary.as_dict())
    else:
        _print_load(summary)


# --- queries ----------------------------------------------------------------------------------------------


def _catalogue() -> dict[str, CannedQuery]:
    try:
        return load_catalogue()
    except InputError as err:
        fail_input(err)


def _run_canned(conn: Connection, query: CannedQuery, params: dict[str, Any]) -> QueryResult:
    with open_driver(conn) as driver:
        return run(driver, conn.database, query.text, params)


@app.command("query")
def query(
    name: Annotated[str | None, typer.Argument(help="A canned query (omit to list them).")] = None,
    param: Params = None,
    fmt: Format = OutputFormat.table,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
) -> None:
    """Run a canned analysis from queries/ (read-only); without NAME, list them with their parameters.

    Example: kg query measures-due --param from=2023-06-01 --param to=2023-12-31 --format csv
    """
    catalogue = _catalogue()
    if name is None:
        rows = [
            {
                "name": q.name,
                "parameters": ", ".join(f"{p.name} {p.type} = {p.default}" for p in q.params),
                "description": q.description,
            }
            for q in catalogue.values()
        ]
        print_rows(rows, ["name", "parameters", "description"], fmt, title="canned queries (kg query NAME)")
        return
    if name not in catalogue:
        fail_input(
            InputError(f"query {name}", f"no such canned query (see `kg query`; known: {len(catalogue)})")
        )
    canned = catalogue[name]
    try:
        params = bind(canned, parse_assignments(param or []))
        result = _run_canned(_connection(uri, user, password, database), canned, params)
    except InputError as err:
        fail_input(err)
    print_rows(result.rows, list(canned.columns), fmt, title=canned.name)


@app.command("cypher")
def cypher(
    statement: Annotated[str, typer.Argument(help="A Cypher statement.")],
    param: Params = None,
    write: Annotated[bool, typer.Option("--write", help="Allow the statement to write.")] = False,
    fmt: Format = OutputFormat.table,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
) -> None:
    """Run an ad-hoc Cypher statement in READ access mode (string parameters with --param k=v); --write allows writes.

    Example: kg cypher "MATCH (d:Document {inCorpus: true}) RETURN d.province AS province, count(*) AS n"
    """
    try:
        params = parse_assignments(param or [])
        conn = _connection(uri, user, password, database)
        with open_driver(conn) as driver:
            result = run(driver, conn.database, statement, params, write=write)
    except InputError as err:
        fail_input(err)
    print_rows(result.rows, result.columns, fmt)
    if result.counters and fmt is OutputFormat.table:
        err_console.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counters.items()))


# --- the main job -----------------------------------------------------------------------------------------


OVERVIEW = (
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


@app.command("build")
def build(
    sources: Annotated[list[Path], typer.Argument(help="PDF files or text dumps.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for graph.json.")] = Path("out"),
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date for document status (default: today).")
    ] = None,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
    json_out: JsonFlag = False,
) -> None:
    """The main job: ingest SOURCES to DIR/graph.json, load it into Neo4j, print an overview.

    Starts the local Neo4j first when it is the target and is not running.

    Example: kg build data/east-china-2023.txt
    """
    from kg.pipeline import ingest_paths, write_graph_json

    conn = _connection(uri, user, password, database)
    try:
        day = date.fromisoformat(as_of) if as_of else None
        home = Neo4jHome.default()
        if conn.local and server.running_pid(home) is None:
            with console.status("starting the local Neo4j..."):
                server.start(home)
    except ValueError:
        fail_input(InputError("--as-of", f"{as_of!r} is not a date like 2023-12-31"))
    except InputError as err:
        fail_input(err)
    try:
        with progress_bar() as report:
            result = ingest_paths(list(sources), as_of=day, progress=report)
    except InputError as err:
        fail_input(err)
    path = write_graph_json(result, out)
    summary = _load_with_bar(conn, graph_to_dict(result.graph, result.meta), DEFAULT_BATCH)
    catalogue = _catalogue()
    try:
        overview = {
            name: _run_canned(conn, catalogue[name], bind(catalogue[name], params)).rows
            for name, params in OVERVIEW
        }
    except InputError as err:
        fail_input(err)
    if json_out:
        print_json({"graph": str(path), "load": summary.as_dict(), **overview})
        return
    console.print(f"graph: {path}")
    _print_load(summary)
    for name, _ in OVERVIEW[:3]:
        print_rows(overview[name], list(catalogue[name].columns), OutputFormat.table, title=name)
    rows, columns = coverage_matrix(overview["indicator-coverage"])
    print_rows(rows, columns, OutputFormat.table, title="indicator coverage (measures per province)")
