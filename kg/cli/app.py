"""The typer app and the output helpers every command shares (only the CLI prints)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console

from ingest.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

app = typer.Typer(
    name="kg",
    help="policy-kg: Chinese business-environment notices into a Neo4j knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


class OutputFormat(StrEnum):
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


@contextmanager
def progress_bar(*, one_task: str | None = None) -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar on stderr fed by (stage, done, total) callbacks: one task per stage, or, with
    `one_task`, a single task whose counts run across stages and whose label names the current stage."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            key = one_task or stage
            label = f"{one_task}: {stage}" if one_task else stage
            if key not in tasks:
                tasks[key] = bar.add_task(label, total=total)
            bar.update(tasks[key], completed=done, total=total, description=label)

        yield report


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout, unformatted by rich."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_rows(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: OutputFormat, title: str | None = None
) -> None:
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
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


def print_summary(summary: Mapping[str, object], fmt: OutputFormat, title: str | None = None) -> None:
    """Print a summary, one value per key: a two-column table, JSON, or CSV lines `key,value` (a nested
    value as JSON in its cell)."""
    if fmt is OutputFormat.json:
        print_json(summary)
    elif fmt is OutputFormat.csv:
        print_rows([{"key": k, "value": v} for k, v in summary.items()], ["key", "value"], fmt)
    else:
        console.print(key_value_table(summary.items(), title=title))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def key_value_table(pairs: Iterable[tuple[str, Any]], title: str | None = None) -> Table:
    """A two-column table for summaries."""
    from rich.table import Table

    table = Table(title=title, show_header=False)
    table.add_column("", style="bold")
    table.add_column("")
    for key, value in pairs:
        table.add_row(key, _cell(value))
    return table
