"""`kg ingest`, `kg stats`, `kg eval`: from sources to graph.json, and what is in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ingest.errors import InputError
from kg.analysis.stats import graph_stats
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
from kg.eval.documents import evaluate, load_gold
from kg.pipeline import IngestResult, NoNoticesError, ingest_paths, write_empty_graph, write_graph_json

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2023-12-31") from None


@app.command()
def ingest(
    sources: Annotated[
        list[Path], typer.Argument(help="PDF files or text dumps (with `# Page N:` markers).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for graph.json.")] = Path("out"),
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date for document status (default: today).")
    ] = None,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run the spaCy + pkuseg steps.")] = True,
    json_out: JsonFlag = False,
) -> None:
    """Read sources, extract every notice, write DIR/graph.json and print a summary.

    Example: kg ingest data/east-china-2023.txt --out out/
    """
    day = _parse_day(as_of)
    try:
        with progress_bar() as progress:
            result = ingest_paths(list(sources), as_of=day, nlp=nlp, progress=progress)
    except NoNoticesError as err:
        write_empty_graph(list(sources), out)
        fail_input(err)
    except InputError as err:
        fail_input(err)
    path = write_graph_json(result, out)
    summary = ingest_summary(result, path)
    if json_out:
        print_json(summary)
        return
    _print_summary(summary)


def ingest_summary(result: IngestResult, path: Path) -> dict:
    """What `kg ingest` reports: where the graph went, what it holds, what looked wrong."""
    from kg.graphjson import graph_to_dict

    stats = graph_stats(graph_to_dict(result.graph, result.meta))
    return {
        "graph": str(path),
        "sources": result.meta["sources"],
        "documents": stats["documents_in_corpus"],
        "documents_by_province": stats["documents_by_province"],
        "documents_by_level": stats["documents_by_level"],
        "citations_resolved": result.citations_resolved,
        "citations_unresolved": result.citations_external,
        "nodes": stats["nodes"],
        "relationships": stats["relationships"],
        "warnings": result.warnings,
    }


def _print_summary(summary: dict) -> None:
    console.print(
        key_value_table(
            [
                ("graph", summary["graph"]),
                ("sources", ", ".join(f"{s['file']} ({s['pages']} pages)" for s in summary["sources"])),
                ("documents", summary["documents"]),
                ("citations resolved in corpus", summary["citations_resolved"]),
                ("citations to documents outside it", summary["citations_unresolved"]),
                ("nodes / relationships", f"{summary['nodes']} / {summary['relationships']}"),
            ],
            title="ingest",
        )
    )
    rows = [{"province": k, "documents": v} for k, v in summary["documents_by_province"].items()]
    print_rows(rows, ["province", "documents"], OutputFormat.table, title="documents by province")
    rows = [{"level": k, "documents": v} for k, v in summary["documents_by_level"].items()]
    print_rows(rows, ["level", "documents"], OutputFormat.table, title="documents by level")
    for warning in summary["warnings"]:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)


@app.command()
def stats(
    graph: Annotated[Path, typer.Argument(help="A graph.json written by `kg ingest`.")],
    json_out: JsonFlag = False,
) -> None:
    """Counts by label and relationship type, documents by province and level, measures with no unit.

    Example: kg stats out/graph.json
    """
    data = graph_json_or_fail(graph)
    result = graph_stats(data)
    if json_out:
        print_json(result)
        return
    scalar = [(k, v) for k, v in result.items() if not isinstance(v, dict | list)]
    console.print(key_value_table(scalar, title=str(graph)))
    for key in ("labels", "relationship_types", "documents_by_province", "documents_by_level"):
        print_rows(
            [{"name": k, "count": v} for k, v in result[key].items()],
            ["name", "count"],
            OutputFormat.table,
            title=key,
        )
    missing = result["measures_without_units"]
    print_rows(
        missing,
        ["document", "path", "heading", "page"],
        OutputFormat.table,
        title=f"measures with no responsible unit: {len(missing)}",
    )


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Answer key: JSON array of documents (shared/eval format).")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="graph.json to score.")] = Path(
        "out/graph.json"
    ),
    json_out: JsonFlag = False,
    mistakes: Annotated[bool, typer.Option("--mistakes", help="Also list every field that differs.")] = False,
) -> None:
    """Score a graph against an answer key: segmentation, fields, citations, supersedes, measures.

    Example: kg eval ../shared/eval/dev-gold.json --graph out/graph.json
    """
    try:
        result = evaluate(load_gold(gold), graph_json_or_fail(graph))
    except InputError as err:
        fail_input(err)
    if json_out:
        print_json(result)
        return
    rows = [
        {"metric": "segmentation precision", "score": result["segmentation"]["precision"]},
        {"metric": "segmentation recall", "score": result["segmentation"]["recall"]},
    ]
    rows += [{"metric": f"accuracy {name}", "score": value} for name, value in result["fields"].items()]
    for key in ("citations", "citation_titles", "supersedes"):
        rows += [{"metric": f"{key} {m}", "score": result[key][m]} for m in ("precision", "recall", "f1")]
    measures = result.get("measures")
    if measures:
        for key in (
            "measure_recall",
            "measure_precision",
            "pair_precision",
            "pair_recall",
            "pair_f1",
            "role_accuracy",
            "deadline_recall",
            "target_recall",
        ):
            rows.append({"metric": key.replace("_", " "), "score": measures.get(key)})
    for row in rows:
        row["score"] = "n/a" if row["score"] is None else f"{row['score']:.3f}"
    print_rows(
        rows, ["metric", "score"], OutputFormat.table, title=f"{gold.name}: {result['documents']} documents"
    )
    if mistakes:
        print_rows(result["mistakes"], ["id", "field", "gold", "got"], OutputFormat.table, title="mistakes")
