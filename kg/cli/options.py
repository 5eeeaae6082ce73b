"""The options and arguments commands share, each declared once as a typer type (as sqlite-utils shares its
output and connection options), and the functions that turn their values into what a command works on.

- `Format` (`--format table|json|csv`, `-f`), with `--json` as its alias on commands built with `cls=FormatCommand`
- `Uri`, `User`, `Password`, `Database`: the Neo4j connection, from options or NEO4J_* variables
- `Graph`, `GraphOrNeo4j`: the graph a command reads, graph.json or the directory holding it, always the
  last argument; `FromNeo4j` reads the graph loaded in Neo4j instead
- `AsOf`: the date document status is computed for; `Sources`, `OutDir` (the corpus), `Nlp`: what an ingest
  reads and writes; `Workers`, `DaskScheduler`: where it extracts (`map_settings`)
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperOption

from ingest.errors import InputError
from kg.cli.app import OutputFormat, fail_input

if TYPE_CHECKING:
    import networkx as nx
    from typer._click import Context  # typer's own click, which TyperCommand.parse_args is typed with

    from kg.mapstage.runners import MapSettings
    from kg.neo4j.connection import Connection

NEO4J_PANEL = "Neo4j connection (default: the local server)"
GRAPH_HELP = "graph.json, or the directory `kg ingest --out` wrote it to."
_JSON_ALIAS = "json_alias"

# --- output ------------------------------------------------------------------------------------------------

Format = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Print a table, JSON or CSV.", case_sensitive=False)
]


@cache
def _json_alias_option() -> TyperOption:
    """The `--json` flag, declared through typer like any option (its value is read by FormatCommand)."""
    probe = typer.Typer(add_completion=False)

    @probe.command()
    def alias(
        json_alias: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    ) -> None:
        """Only declares the flag."""

    [option] = [p for p in typer.main.get_command(probe).params if p.name == _JSON_ALIAS]
    assert isinstance(option, TyperOption)
    return option


class FormatCommand(TyperCommand):
    """A command whose `--format` option also answers to `--json`, which means `--format json`."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        at = next(n for n, param in enumerate(self.params) if param.name == "fmt")
        self.params.insert(at + 1, _json_alias_option())

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if ctx.params.pop(_JSON_ALIAS, False):
            ctx.params["fmt"] = OutputFormat.json
        return rest


# --- dates and ingest --------------------------------------------------------------------------------------


def parse_day(value: str) -> date:
    """An ISO date (2023-12-31), or a usage error saying what was expected."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2023-12-31") from None


AsOf = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        parser=parse_day,
        metavar="DATE",
        help="Date document status is computed for (default: today).",
        show_default=False,
    ),
]
Sources = Annotated[
    list[Path],
    typer.Argument(
        metavar="SOURCE",
        help="Files or folders: PDF (scans are OCR'd), web pages, .docx, Markdown, text dumps (`# Page N:`).",
        show_default=False,
    ),
]
OutDir = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="The corpus directory: every source ingested into it, and its graph.json "
        "(default: $POLICY_KG_HOME/corpus).",
        show_default=False,
    ),
]
Nlp = Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run the spaCy + pkuseg steps.")]
Replace = Annotated[
    bool,
    typer.Option(
        "--replace",
        help="Replace what the database holds (needed when it holds another corpus's graph).",
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        metavar="N",
        help="Extract in N worker processes (default: the cores this process may use; 1: in this process).",
        show_default=False,
    ),
]
DaskScheduler = Annotated[
    str | None,
    typer.Option(
        "--dask",
        envvar="POLICY_KG_DASK",
        metavar="SCHEDULER",
        help="Extract on the Dask cluster of this scheduler (tcp://host:8786); the sources must be on "
        "storage its workers share (docs/scale.md).",
        show_default=False,
    ),
]


def map_settings(workers: int | None, dask: str | None) -> MapSettings:
    """Where the map stage runs: Dask when a scheduler is named, else `workers` processes (default: the
    usable cores)."""
    from ingest.cores import usable_cores
    from kg.mapstage.runners import MapSettings

    return MapSettings(workers=workers or usable_cores(), dask=dask or None)


# --- the graph a command reads -----------------------------------------------------------------------------

Graph = Annotated[Path, typer.Argument(metavar="GRAPH", help=GRAPH_HELP, show_default=False)]
GraphOrNeo4j = Annotated[
    Path | None,
    typer.Argument(metavar="GRAPH", help=f"{GRAPH_HELP} Omit it with --from-neo4j.", show_default=False),
]
FromNeo4j = Annotated[
    bool,
    typer.Option("--from-neo4j", help="Read the graph loaded in Neo4j instead.", rich_help_panel=NEO4J_PANEL),
]


def graph_file(path: Path) -> Path:
    """The graph.json a GRAPH argument names: the file itself, or graph.json inside the directory."""
    return path / "graph.json" if path.is_dir() else path


def graph_dict_or_fail(path: Path) -> dict[str, Any]:
    """GRAPH as graph.json's dict, or a one-line error naming the file and exit 2."""
    from kg.graphjson import load_graph_dict

    try:
        return load_graph_dict(graph_file(path))
    except InputError as err:
        fail_input(err)


def graph_or_fail(path: Path | None, neo4j: Connection | None) -> nx.MultiDiGraph:
    """The in-memory graph from GRAPH, or from Neo4j when a connection is given (--from-neo4j); bad input
    ends the command with a one-line error."""
    if neo4j is None:
        if path is None:
            fail_input(InputError("GRAPH", "give a graph.json, or --from-neo4j"))
        from kg.graphjson import dict_to_graph

        return dict_to_graph(graph_dict_or_fail(path))
    if path is not None:
        fail_input(InputError(str(path), "give GRAPH or --from-neo4j, not both"))
    from kg.neo4j.connection import open_driver
    from kg.neo4j.export_read import read_graph

    try:
        with open_driver(neo4j) as driver:
            return read_graph(driver, neo4j.database)
    except InputError as err:
        fail_input(err)


# --- Neo4j connection --------------------------------------------------------------------------------------

Uri = Annotated[
    str | None,
    typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI of another Neo4j.", rich_help_panel=NEO4J_PANEL),
]
User = Annotated[
    str | None,
    typer.Option(
        "--user", envvar="NEO4J_USERNAME", help="User name (default neo4j).", rich_help_panel=NEO4J_PANEL
    ),
]
Password = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        help="Password (default: the local server's stored one).",
        show_default=False,
        rich_help_panel=NEO4J_PANEL,
    ),
]
Database = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar="NEO4J_DATABASE",
        help="Database name (default neo4j).",
        rich_help_panel=NEO4J_PANEL,
    ),
]


def connection_or_fail(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Connection:
    """The connection the options (or NEO4J_* variables, or the local server) name, or a one-line error."""
    from kg.neo4j.connection import resolve_connection

    try:
        return resolve_connection(uri=uri, user=user, password=password, database=database)
    except InputError as err:
        fail_input(err)
