"""`kg neo4j install|start|stop|status|logs|browser`, `kg load`, `kg query`, `kg cypher`: the graph in Neo4j."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ingest.errors import InputError
from kg.cli.app import (
    OutputFormat,
    app,
    console,
    err_console,
    fail,
    fail_input,
    print_rows,
    print_summary,
    progress_bar,
)
from kg.cli.options import (
    Database,
    Format,
    FormatCommand,
    Graph,
    Password,
    Replace,
    Uri,
    User,
    connection_or_fail,
    graph_dict_or_fail,
)

if TYPE_CHECKING:
    from kg.neo4j.catalogue import CannedQuery
    from kg.neo4j.connection import Connection
    from kg.neo4j.loader import LoadSummary
    from kg.neo4j.runner import QueryResult

neo4j_app = typer.Typer(
    help="The local Neo4j server: install, start, stop, status, logs, its Browser.\n\n"
    "Example: kg neo4j install && kg neo4j start && kg neo4j browser",
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")

Params = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="A parameter as NAME=VALUE (repeatable).")
]


# --- the local server -------------------------------------------------------------------------------------


@neo4j_app.command("install", cls=FormatCommand)
def neo4j_install(
    bolt_port: Annotated[
        int | None, typer.Option("--bolt-port", help="Bolt port on 127.0.0.1 (default 7687).")
    ] = None,
    http_port: Annotated[
        int | None, typer.Option("--http-port", help="HTTP/Browser port on 127.0.0.1 (default 7474).")
    ] = None,
    fmt: Format = OutputFormat.table,
) -> None:
    """Fetch Neo4j Community 5.26 from Maven Central, write neo4j.conf, set a generated password (0600 file).

    Idempotent and quick when already done. Data lives in $POLICY_KG_HOME/neo4j
    (default ~/.local/share/policy-kg/neo4j).

    Example: kg neo4j install
    """
    from kg.neo4j import server
    from kg.neo4j.home import Neo4jHome

    home = Neo4jHome.default()
    _server_command(
        lambda: server.install(home, bolt_port=bolt_port, http_port=http_port),
        "neo4j install",
        fmt,
        "fetching Neo4j jars with Maven (cached in ~/.m2)...",
    )


@neo4j_app.command("start", cls=FormatCommand)
def neo4j_start(fmt: Format = OutputFormat.table) -> None:
    """Start the local Neo4j server in the background and wait until it accepts connections.

    Example: kg neo4j start
    """
    from kg.neo4j import server
    from kg.neo4j.home import Neo4jHome

    _server_command(lambda: server.start(Neo4jHome.default()), "neo4j started", fmt, "starting Neo4j...")


@neo4j_app.command("stop", cls=FormatCommand)
def neo4j_stop(fmt: Format = OutputFormat.table) -> None:
    """Stop the local Neo4j server.

    Example: kg neo4j stop
    """
    from kg.neo4j import server
    from kg.neo4j.home import Neo4jHome

    _server_command(lambda: server.stop(Neo4jHome.default()), "neo4j stopped", fmt, "stopping Neo4j...")


@neo4j_app.command("status", cls=FormatCommand)
def neo4j_status(fmt: Format = OutputFormat.table) -> None:
    """Whether the local server is installed and running, where it listens, and whether it answers.

    Exits 1 when it is not running.

    Example: kg neo4j status --json
    """
    from kg.neo4j import server
    from kg.neo4j.connection import resolve_connection
    from kg.neo4j.home import Neo4jHome

    home = Neo4jHome.default()
    info = server.status(home)
    if info["running"]:
        info["reachable"] = _reachable(resolve_connection(home=home))
    print_summary(info, fmt, title="neo4j status")
    if not info["running"]:
        raise typer.Exit(1)


def _reachable(conn: Connection) -> bool | str:
    from kg.neo4j.connection import open_driver

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
    from kg.neo4j import server
    from kg.neo4j.home import Neo4jHome

    for line in server.logs(Neo4jHome.default(), lines):
        typer.echo(line)


@neo4j_app.command("browser", cls=FormatCommand)
def neo4j_browser(
    open_it: Annotated[bool, typer.Option("--open", help="Open it in your web browser too.")] = False,
    fmt: Format = OutputFormat.table,
) -> None:
    """The local server's Neo4j Browser: its URL, with the connection filled in, and where the password is.

    After you log in (paste the password from the file it names), the Browser draws the graph in the
    policy-kg style and opens the guide to the canned analyses. Exits 1 when the server is not running.

    Example: kg neo4j browser --open
    """
    import webbrowser

    from kg.neo4j import server
    from kg.neo4j.connection import resolve_connection
    from kg.neo4j.home import Neo4jHome

    home = Neo4jHome.default()
    try:
        conn = resolve_connection(home=home)
    except InputError as err:
        fail_input(err)
    if server.running_pid(home) is None:
        fail(f"local neo4j: not running (start it with `kg neo4j start`), in {home.root}", 1)
    info = browser_info(conn)
    if fmt is OutputFormat.table:
        print_browser_line(conn)
    else:
        print_summary(info, fmt)
    if open_it and not webbrowser.open(str(info["url"])):
        fail("no web browser to open it with (name one in $BROWSER): open the URL above", 1)


def browser_info(conn: Connection) -> dict[str, object]:
    """The local server's Browser: the URL (user and database filled in, never the password), the password file."""
    from kg.neo4j.browser import connect_url
    from kg.neo4j.home import Neo4jHome

    home = Neo4jHome.default()
    return {
        "url": connect_url(home, conn.user, conn.database),
        "user": conn.user,
        "database": conn.database,
        "passwordFile": str(home.password_file),
    }


def print_browser_line(conn: Connection) -> None:
    """`kg neo4j browser`'s line: the Browser's URL and where the password is."""
    info = browser_info(conn)
    typer.echo(f"Neo4j Browser: {info['url']}  (user {info['user']}, password in {info['passwordFile']})")


def _server_command(
    action: Callable[[], dict[str, object]], title: str, fmt: OutputFormat, waiting: str
) -> None:
    """Run a server action behind a spinner; print its result, or its one-line error."""
    try:
        with console.status(waiting):
            info = action()
    except InputError as err:
        fail_input(err)
    print_summary(info, fmt, title=title)


# --- loading ----------------------------------------------------------------------------------------------


def load_or_fail(
    conn: Connection, graph: dict[str, Any], batch_size: int | None = None, *, replace: bool = False
) -> LoadSummary:
    """Load graph.json's dict into Neo4j behind a progress bar (transactions of `batch_size` rows, default the
    loader's); bad input or an unreachable server ends the command with a one-line error."""
    from kg.neo4j.connection import open_driver
    from kg.neo4j.loader import DEFAULT_BATCH, load_graph

    try:
        with open_driver(conn) as driver, progress_bar(one_task="loading") as report:
            return load_graph(
                driver,
                conn.database,
                graph,
                batch_size=batch_size or DEFAULT_BATCH,
                progress=report,
                replace=replace,
            )
    except InputError as err:
        fail_input(err)


def bulk_load_or_fail(conn: Connection, graph: dict[str, Any], *, replace: bool) -> LoadSummary:
    """Import graph.json's dict into the local server with neo4j-admin, each step behind a spinner."""
    from kg.neo4j.bulk import bulk_load
    from kg.neo4j.home import Neo4jHome

    try:
        with console.status("bulk load...") as status:
            return bulk_load(Neo4jHome.default(), conn, graph, replace=replace, step=status.update)
    except InputError as err:
        fail_input(err)


LOAD_COLUMNS = ("", "in graph", "created", "updated", "deleted")


def print_load(summary: LoadSummary, fmt: OutputFormat) -> None:
    """What a load created, updated and deleted: a table of nodes and relationships, or the summary as JSON."""
    if fmt is OutputFormat.json:
        print_summary(summary.as_dict(), fmt)
        return
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
    title = f"loaded {', '.join(summary.sources)} in {summary.seconds} s ({summary.method})"
    print_rows(rows, LOAD_COLUMNS, fmt, title=title)


@app.command("load", cls=FormatCommand)
def load(
    graph: Graph,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            min=100,
            max=50000,
            help="Rows (nodes and relationships) per transaction, whole documents each (default 5000).",
        ),
    ] = None,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Import into the local server's empty database with neo4j-admin (stops and restarts the "
            "server): much faster for a large graph.",
        ),
    ] = False,
    replace: Replace = False,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
    fmt: Format = OutputFormat.table,
) -> None:
    """Load graph.json into Neo4j: schema, then transactions of whole documents; idempotent; the database mirrors the corpus.

    A load writes only what changed and removes what the graph no longer has (for a graph.json made
    outside a corpus: what earlier loads of its source files left). A database holding another corpus's
    graph is left alone unless --replace. --bulk is for a first load into the local server: it refuses a
    database that holds anything (unless --replace) and a remote server.

    Example: kg load out/graph.json
    """
    data = graph_dict_or_fail(graph)
    conn = connection_or_fail(uri, user, password, database)
    if bulk:
        print_load(bulk_load_or_fail(conn, data, replace=replace), fmt)
    else:
        print_load(load_or_fail(conn, data, batch_size, replace=replace), fmt)


# --- queries ----------------------------------------------------------------------------------------------


def catalogue_or_fail() -> dict[str, CannedQuery]:
    """The canned queries of queries/, or a one-line error naming the bad file."""
    from kg.neo4j.catalogue import load_catalogue

    try:
        return load_catalogue()
    except InputError as err:
        fail_input(err)


def run_canned(conn: Connection, query: CannedQuery, params: dict[str, Any]) -> QueryResult:
    """Run one canned query (read access); InputError when the server fails it."""
    from kg.neo4j.connection import open_driver
    from kg.neo4j.runner import run

    with open_driver(conn) as driver:
        return run(driver, conn.database, query.text, params)


@app.command("query", cls=FormatCommand)
def query(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="A canned query (omit to list them).", show_default=False),
    ] = None,
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
    from kg.neo4j.catalogue import bind, parse_assignments

    catalogue = catalogue_or_fail()
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
        result = run_canned(connection_or_fail(uri, user, password, database), canned, params)
    except InputError as err:
        fail_input(err)
    print_rows(result.rows, list(canned.columns), fmt, title=canned.name)


@app.command("cypher", cls=FormatCommand)
def cypher(
    statement: Annotated[
        str, typer.Argument(metavar="STATEMENT", help="A Cypher statement.", show_default=False)
    ],
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
    from kg.neo4j.catalogue import parse_assignments
    from kg.neo4j.connection import open_driver
    from kg.neo4j.runner import run

    try:
        params = parse_assignments(param or [])
        conn = connection_or_fail(uri, user, password, database)
        with open_driver(conn) as driver:
            result = run(driver, conn.database, statement, params, write=write)
    except InputError as err:
        fail_input(err)
    print_rows(result.rows, result.columns, fmt)
    if result.counters and fmt is OutputFormat.table:
        err_console.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counters.items()))
