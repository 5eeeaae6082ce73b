"""`kg agencies GRAPH`: canonical agencies with their printed forms and assignment counts, for review."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.app import OutputFormat, app, console, print_json, print_rows
from kg.cli.options import Format, FormatCommand, Graph, graph_dict_or_fail

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


@app.command(cls=FormatCommand)
def agencies(
    graph: Graph,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Show the N most assigned (0: all).")
    ] = 30,
    fmt: Format = OutputFormat.table,
) -> None:
    """List canonical agencies, most assigned first, with every printed form (alias) that resolved to each.

    Example: kg agencies out/graph.json --limit 30
    """
    from kg.analysis.agencies import agency_summary

    summary = agency_summary(graph_dict_or_fail(graph))
    rows = summary["rows"][:limit] if limit else summary["rows"]
    if fmt is OutputFormat.json:
        print_json({**summary, "rows": rows})
        return
    print_rows(rows, COLUMNS, fmt, title="Agencies (most assigned first)")
    if fmt is OutputFormat.table:
        console.print(
            f"{summary['printed_forms']} printed forms (per body; {summary['printed_strings']} distinct strings)"
            f" → {summary['agencies']} agency nodes"
        )
