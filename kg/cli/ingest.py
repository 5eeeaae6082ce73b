"""`kg ingest`, `kg stats`, `kg eval`: from sources to graph.json, and what is in it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ingest.errors import InputError
from kg.cli.app import (
    OutputFormat,
    app,
    console,
    err_console,
    fail_input,
    key_value_table,
    print_rows,
    print_summary,
    progress_bar,
)
from kg.cli.options import (
    GRAPH_HELP,
    AsOf,
    DaskScheduler,
    Format,
    FormatCommand,
    Graph,
    Nlp,
    OutDir,
    Sources,
    Workers,
    graph_dict_or_fail,
    map_settings,
)

if TYPE_CHECKING:
    from datetime import date

    from kg.mapstage.runners import MapSettings
    from kg.pipeline import IngestResult


def ingest_or_fail(
    sources: list[Path], out: Path | None, as_of: date | None, nlp: bool, mapping: MapSettings
) -> tuple[IngestResult, Path]:
    """Add the sources (files, or the files below folders) to the corpus in OUT and write OUT/graph.json,
    the graph of the whole corpus, with a progress bar; the built graph and its path.

    Each file that cannot be read, or holds no notice, is named on stderr and left out (`result.left_out`);
    when nothing could be added the command ends with that file's one-line error (exit 1 for no notices,
    written as an empty graph.json in a new corpus; exit 2 for bad input), and an existing graph.json stays."""
    from ingest.sources.folders import expand_paths
    from kg.corpus.store import default_corpus
    from kg.pipeline import ingest_into_corpus

    corpus = out or default_corpus()
    try:
        found = expand_paths(sources)
        with progress_bar() as progress:
            result = ingest_into_corpus(
                list(found.files), corpus, as_of=as_of, nlp=nlp, progress=progress, mapping=mapping
            )
    except InputError as err:
        fail_input(err)
    skipped = [InputError(str(s.path), s.reason) for s in found.skipped]
    result.left_out[:0] = skipped
    for left in result.left_out:
        err_console.print(f"[yellow]left out:[/] {left}", highlight=False, soft_wrap=True)
    return result, corpus / "graph.json"


def exit_if_left_out(result: IngestResult) -> None:
    """Exit 1 after the summary when a file was left out, so scripts see that not everything was added."""
    if result.left_out:
        raise typer.Exit(1)


@app.command(cls=FormatCommand)
def ingest(
    sources: Sources,
    out: OutDir = None,
    as_of: AsOf = None,
    nlp: Nlp = True,
    workers: Workers = None,
    dask: DaskScheduler = None,
    fmt: Format = OutputFormat.table,
) -> None:
    """Add sources to a corpus, extract every document, write DIR/graph.json (the whole corpus) and print a
    summary. Files that cannot be read are named and left out (exit 1); the others are added.

    Example: kg ingest data/east-china-2023.txt --out out/
    """
    result, path = ingest_or_fail(sources, out, as_of, nlp, map_settings(workers, dask))
    summary = ingest_summary(result, path)
    if fmt is not OutputFormat.table:
        print_summary(summary, fmt)
    else:
        _print_summary(summary)
    exit_if_left_out(result)


def ingest_summary(result: IngestResult, path: Path) -> dict[str, Any]:
    """What `kg ingest` reports: where the graph went, what it holds, what looked wrong."""
    from kg.analysis.stats import graph_stats
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
        "left_out": [str(err) for err in result.left_out],
    }


def _print_summary(summary: dict[str, Any]) -> None:
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


@app.command(cls=FormatCommand)
def stats(graph: Graph, fmt: Format = OutputFormat.table) -> None:
    """Counts by label and relationship type, documents by province and level, measures with no unit.

    Example: kg stats out/graph.json
    """
    from kg.analysis.stats import graph_stats

    result = graph_stats(graph_dict_or_fail(graph))
    if fmt is not OutputFormat.table:
        print_summary(result, fmt)
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


MEASURE_METRICS = (
    "measure_recall",
    "measure_precision",
    "pair_precision",
    "pair_recall",
    "pair_f1",
    "role_accuracy",
    "deadline_recall",
    "target_recall",
)


@app.command("eval", cls=FormatCommand)
def eval_command(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD",
            help="Answer key: JSON array of documents (shared/eval format).",
            show_default=False,
        ),
    ],
    graph: Annotated[
        Path | None, typer.Argument(metavar="GRAPH", help=GRAPH_HELP, show_default=False)
    ] = None,
    graph_option: Annotated[
        Path | None,
        typer.Option(
            "--graph",
            "-g",
            help="The same as GRAPH (the form scripts written for kg 0.1 use).",
            show_default=False,
        ),
    ] = None,
    fmt: Format = OutputFormat.table,
    mistakes: Annotated[
        bool,
        typer.Option(
            "--mistakes", help="Also list every field that differs (with --format csv: only those)."
        ),
    ] = False,
) -> None:
    """Score a graph against an answer key: segmentation, fields, citations, supersedes, measures.

    Example: kg eval ../shared/eval/dev-gold.json out/graph.json
    """
    if graph is not None and graph_option is not None and graph != graph_option:
        fail_input(InputError(str(graph_option), "give the graph once: as GRAPH or with --graph"))
    graph = graph or graph_option
    if graph is None:
        fail_input(InputError("GRAPH", "give the graph.json to score (or the directory holding it)"))
    from kg.eval.documents import evaluate, load_gold

    try:
        result = evaluate(load_gold(gold), graph_dict_or_fail(graph))
    except InputError as err:
        fail_input(err)
    if fmt is OutputFormat.json:
        print_summary(result, fmt)
        return
    mistake_columns = ["id", "field", "gold", "got"]
    if mistakes and fmt is OutputFormat.csv:
        print_rows(result["mistakes"], mistake_columns, fmt)
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
        rows += [{"metric": key.replace("_", " "), "score": measures.get(key)} for key in MEASURE_METRICS]
    if fmt is OutputFormat.table:
        for row in rows:
            row["score"] = "n/a" if row["score"] is None else f"{row['score']:.3f}"
    print_rows(rows, ["metric", "score"], fmt, title=f"{gold.name}: {result['documents']} documents")
    if mistakes:
        print_rows(result["mistakes"], mistake_columns, fmt, title="mistakes")
