"""`kg export` (graph tools' formats) and `kg trace` (a document's dependency trace)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import networkx as nx
import typer
from rich.tree import Tree

from ingest.errors import InputError
from kg.analysis.trace import (
    AmbiguousDocument,
    DocumentNotFound,
    Trace,
    TraceNode,
    resolve_document,
    trace,
    trace_to_dict,
)
from kg.analysis.trace_html import write_trace_html
from kg.cli.app import (
    OutputFormat,
    app,
    console,
    err_console,
    fail,
    fail_input,
    key_value_table,
    print_json,
)
from kg.cli.database import Database, Password, Uri, User
from kg.export import ExportFormat, export_graph
from kg.export.select import label_nodes, region_nodes, restrict
from kg.graphjson import load_graph
from kg.neo4j.connection import open_driver, resolve_connection
from kg.neo4j.export_read import read_graph as read_neo4j_graph

GRAPH_HELP = "graph.json, or the directory `kg ingest --out` wrote it to."
FromNeo4j = Annotated[bool, typer.Option("--from-neo4j", help="Read the graph loaded in Neo4j instead.")]


def read_graph(path: Path | None, neo4j: dict[str, str | None] | None) -> nx.MultiDiGraph:
    """The graph from graph.json (or DIR/graph.json), or from Neo4j when connection settings are given."""
    if neo4j is not None:
        conn = resolve_connection(**neo4j)
        with open_driver(conn) as driver:
            return read_neo4j_graph(driver, conn.database)
    if path is None:
        raise InputError("kg", "give a graph.json, or --from-neo4j")
    return load_graph(path / "graph.json" if path.is_dir() else path)


def _graph_or_fail(path: Path | None, from_neo4j: bool, **connection: str | None) -> nx.MultiDiGraph:
    """read_graph for a command: bad input (file or service) ends it with a one-line error."""
    try:
        return read_graph(path, connection if from_neo4j else None)
    except InputError as err:
        fail_input(err)


def _pick(graph: nx.MultiDiGraph, query: str) -> str:
    try:
        return resolve_document(graph, query)
    except AmbiguousDocument as err:
        for c in err.candidates:
            err_console.print(
                f"  {c['uid']}  {c.get('docNumber') or ''}  {c.get('title') or ''}", highlight=False
            )
        fail(f"{query}: ambiguous, {len(err.candidates)} documents match; give a uid or doc number")
    except DocumentNotFound as err:
        fail(str(err))


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (a directory for csv).")],
    graph_path: Annotated[Path | None, typer.Argument(help=GRAPH_HELP)] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.json,
    region: Annotated[
        str | None,
        typer.Option(help="Only documents of this province/city/district, and what hangs off them."),
    ] = None,
    trace_doc: Annotated[
        str | None, typer.Option("--trace", help="Only the documents in this document's trace.")
    ] = None,
    labels: Annotated[
        str | None, typer.Option(help="Only nodes with one of these labels, comma-separated.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    from_neo4j: FromNeo4j = False,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
) -> None:
    """Export a graph for Gephi, Cytoscape, networkx, neo4j-admin import or cypher-shell.

    Example: kg export out/graph.json --format graphml --out out/graph.graphml --region 上海市
    """
    graph = _graph_or_fail(graph_path, from_neo4j, uri=uri, user=user, password=password, database=database)
    keep = set(graph)
    if region:
        keep &= region_nodes(graph, region)
        if not keep:
            fail(f"--region {region}: no document in that region")
    if trace_doc:
        keep &= trace(graph, _pick(graph, trace_doc)).uids()
    if labels:
        keep &= label_nodes(graph, [x.strip() for x in labels.split(",") if x.strip()])
    if not keep:
        fail("the filters leave no node to export")
    sub = restrict(graph, keep)
    files = export_graph(sub, fmt, out)
    summary = {
        "format": fmt.value,
        "nodes": sub.number_of_nodes(),
        "relationships": sub.number_of_edges(),
        "files": [str(f) for f in files],
    }
    if as_json:
        print_json(summary)
    else:
        console.print(key_value_table(summary.items(), title="export"))


def _line(node: TraceNode) -> str:
    doc = node.document
    level = doc.get("level") or "?"
    links = ", ".join(
        "/".join(str(x) for x in (link.type, link.purpose, link.via, link.direction) if x)
        for link in node.links
    )
    marks = ("  [magenta]跨省[/]" if node.cross_province else "") + (
        f"  [bold red]{doc.get('status')}[/]" if node.inactive else ""
    )
    seen = "  [dim](shown above)[/]" if node.repeated else ""
    number = f" {doc['docNumber']}" if doc.get("docNumber") else ""
    return f"[cyan]{links}[/] [bold]{level}[/] {doc.get('title') or node.uid}{number}{marks}{seen}"


def _branch(tree: Tree, nodes: list[TraceNode]) -> None:
    for node in nodes:
        _branch(tree.add(_line(node), highlight=False), node.children)


def render_tree(result: Trace) -> Tree:
    """The trace as a rich tree: upstream (what it follows) and downstream (who follows it)."""
    root = result.root.document
    tree = Tree(
        f"[bold]{root.get('title') or result.root.uid}[/] {root.get('docNumber') or ''}", highlight=False
    )
    _branch(tree.add("[bold green]upstream[/] (cites, implements)"), result.upstream)
    _branch(tree.add("[bold yellow]downstream[/] (cited by, implemented or echoed by)"), result.downstream)
    return tree


@app.command("trace")
def trace_command(
    doc: Annotated[str, typer.Argument(help="Doc number, uid, or a fragment of the title.")],
    graph_path: Annotated[Path, typer.Option("--graph", "-g", help=GRAPH_HELP)] = Path("out/graph.json"),
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (a tree) or json.")
    ] = OutputFormat.table,
    html: Annotated[
        Path | None, typer.Option(help="Also write an interactive picture to this HTML file.")
    ] = None,
    depth: Annotated[int, typer.Option(min=1, help="How many steps up and down to follow.")] = 6,
    from_neo4j: FromNeo4j = False,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
) -> None:
    """Trace what a document follows up the hierarchy and who follows it below.

    Example: kg trace 沪府办规〔2023〕1号 --graph out/graph.json --html trace.html
    """
    graph = _graph_or_fail(graph_path, from_neo4j, uri=uri, user=user, password=password, database=database)
    result = trace(graph, _pick(graph, doc), depth=depth)
    if html:
        write_trace_html(result, html)
    if fmt is OutputFormat.json:
        print_json(trace_to_dict(result))
    else:
        console.print(render_tree(result))
