"""`kg export` (graph tools' formats) and `kg trace` (a document's dependency trace)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.app import OutputFormat, app, console, err_console, fail, print_json, print_rows, print_summary
from kg.cli.options import (
    Database,
    Format,
    FormatCommand,
    FromNeo4j,
    GraphOrNeo4j,
    Password,
    Uri,
    User,
    connection_or_fail,
    graph_or_fail,
)
from kg.export import ExportFormat

if TYPE_CHECKING:
    import networkx as nx
    from rich.tree import Tree

    from kg.analysis.trace import Trace, TraceNode


def _read(
    path: Path | None,
    from_neo4j: bool,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> nx.MultiDiGraph:
    """GRAPH, or with --from-neo4j the graph loaded in the Neo4j the connection options name."""
    return graph_or_fail(path, connection_or_fail(uri, user, password, database) if from_neo4j else None)


def _pick(graph: nx.MultiDiGraph, query: str) -> str:
    from kg.analysis.trace import AmbiguousDocument, DocumentNotFound, resolve_document

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


@app.command("export", cls=FormatCommand)
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (a directory for csv).")],
    graph_path: GraphOrNeo4j = None,
    to: Annotated[
        ExportFormat, typer.Option("--to", "-t", help="The file format to write.")
    ] = ExportFormat.json,
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
    fmt: Format = OutputFormat.table,
    from_neo4j: FromNeo4j = False,
    uri: Uri = None,
    user: User = None,
    password: Password = None,
    database: Database = None,
) -> None:
    """Export a graph for Gephi, Cytoscape, networkx, neo4j-admin import or cypher-shell; print what was written.

    Example: kg export out/graph.json --to graphml --out out/graph.graphml --region 上海市
    """
    from kg.analysis.trace import trace
    from kg.export import export_graph
    from kg.export.select import label_nodes, region_nodes, restrict

    graph = _read(graph_path, from_neo4j, uri, user, password, database)
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
    files = export_graph(sub, to, out)
    summary = {
        "format": to.value,
        "nodes": sub.number_of_nodes(),
        "relationships": sub.number_of_edges(),
        "files": [str(f) for f in files],
    }
    print_summary(summary, fmt, title="export")


def _links(node: TraceNode) -> str:
    return ", ".join(
        "/".join(str(x) for x in (link.type, link.purpose, link.via, link.direction) if x)
        for link in node.links
    )


def _line(node: TraceNode) -> str:
    doc = node.document
    level = doc.get("level") or "?"
    marks = ("  [magenta]跨省[/]" if node.cross_province else "") + (
        f"  [bold red]{doc.get('status')}[/]" if node.inactive else ""
    )
    seen = "  [dim](shown above)[/]" if node.repeated else ""
    number = f" {doc['docNumber']}" if doc.get("docNumber") else ""
    return f"[cyan]{_links(node)}[/] [bold]{level}[/] {doc.get('title') or node.uid}{number}{marks}{seen}"


def _branch(tree: Tree, nodes: list[TraceNode]) -> None:
    for node in nodes:
        _branch(tree.add(_line(node), highlight=False), node.children)


def render_tree(result: Trace) -> Tree:
    """The trace as a rich tree: upstream (what it follows) and downstream (who follows it)."""
    from rich.tree import Tree

    root = result.root.document
    tree = Tree(
        f"[bold]{root.get('title') or result.root.uid}[/] {root.get('docNumber') or ''}", highlight=False
    )
    _branch(tree.add("[bold green]upstream[/] (cites, implements)"), result.upstream)
    _branch(tree.add("[bold yellow]downstream[/] (cited by, implemented or echoed by)"), result.downstream)
    return tree


TRACE_COLUMNS = (
    "direction",
    "depth",
    "uid",
    "links",
    "level",
    "docNumber",
    "title",
    "status",
    "crossProvince",
    "repeated",
)


def trace_rows(result: Trace) -> list[dict[str, object]]:
    """The trace as table rows, the tree walked depth first: one row per document, with its depth."""

    def rows(direction: str, nodes: list[TraceNode], depth: int) -> Iterator[dict[str, object]]:
        for node in nodes:
            doc = node.document
            yield {
                "direction": direction,
                "depth": depth,
                "uid": node.uid,
                "links": _links(node),
                "level": doc.get("level"),
                "docNumber": doc.get("docNumber"),
                "title": doc.get("title"),
                "status": doc.get("status"),
                "crossProvince": node.cross_province,
                "repeated": node.repeated,
            }
            yield from rows(direction, node.children, depth + 1)

    return [*rows("upstream", result.upstream, 1), *rows("downstream", result.downstream, 1)]


@app.command("trace", cls=FormatCommand)
def trace_command(
    doc: Annotated[
        str,
        typer.Argument(
            metavar="DOC", help="Doc number, uid, or a fragment of the title.", show_default=False
        ),
    ],
    graph_path: GraphOrNeo4j = None,
    fmt: Format = OutputFormat.table,
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

    The table is a tree; CSV has one row per document of the tree, with its depth.

    Example: kg trace 沪府办规〔2023〕1号 out/graph.json --html trace.html
    """
    from kg.analysis.trace import trace, trace_to_dict

    graph = _read(graph_path, from_neo4j, uri, user, password, database)
    result = trace(graph, _pick(graph, doc), depth=depth)
    if html:
        from kg.analysis.trace_html import write_trace_html

        write_trace_html(result, html)
    if fmt is OutputFormat.json:
        print_json(trace_to_dict(result))
    elif fmt is OutputFormat.csv:
        print_rows(trace_rows(result), TRACE_COLUMNS, fmt)
    else:
        console.print(render_tree(result))
