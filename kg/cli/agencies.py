"""`kg agencies GRAPH`: canonical agencies with their printed forms and assignment counts, for review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.build.agencies import agency_summary
from kg.cli.app import OutputFormat, app, console, graph_json_or_fail, print_json, print_rows

COLUMNS = (
    "name",
    "kind",
    "level",
    "region",
    "assignments",
    "lead",
    "support",
    "responsible",
    "issues",
    "aliases",
)


@app.command()
def agencies(
    graph: Annotated[Path, typer.Argument(help="graph.json written by `kg ingest`.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Show the N most assigned (0: all).")
    ] = 30,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, json or csv.")] = OutputFormat.table,
) -> None:
    """List canonical agencies, most assigned first, with every printed form (alias) that resolved to each.

    Example: kg agencies out/graph.json --limit 30
    """
    data = graph_json_or_fail(graph)
    summary = agency_summary(data)
    rows = summary["rows"][:limit] if limit else summary["rows"]
    if json_out or fmt is OutputFormat.json:
        print_json({**summary, "rows": rows})
        return
    print_rows(rows, COLUMNS, fmt, title="Agencies (most assigned first)")
    if fmt is OutputFormat.table:
        console.print(
            f"{summary['printed_forms']} printed forms (per body; {summary['printed_strings']} distinct strings)"
            f" → {summary['agencies']} agency nodes"
        )
