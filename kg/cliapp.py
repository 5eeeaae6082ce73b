"""The typer app and the output helpers every command shares (only the CLI prints)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from ingest.errors import InputError

app = typer.Typer(
    name="kg",
    help="policy-kg: Chinese business-environment notices into a Neo4j knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error and exit with `code`."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def fail_input(err: InputError) -> NoReturn:
    """Report bad input (file or service and reason) and exit with its code."""
    fail(str(err), err.exit_code)


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout, unformatted by rich."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: OutputFormat, title: str | None = None) -> None:
    """Print rows as a rich table, JSON or CSV."""
    if fmt is OutputFormat.json:
        print_json([{c: r.get(c) for c in columns} for r in rows])
        return
    if fmt is OutputFormat.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def key_value_table(pairs: Iterable[tuple[str, Any]], title: str | None = None) -> Table:
    """A two-column table for summaries."""
    table = Table(title=title, show_header=False)
    table.add_column("", style="bold")
    table.add_column("")
    for key, value in pairs:
        table.add_row(key, _cell(value))
    return table
