"""`kg corpus list | remove | reset`: what a corpus holds, and taking sources out of it."""

from __future__ import annotations

from typing import Annotated

import typer

from ingest.errors import InputError
from kg.cli.app import OutputFormat, app, console, fail_input, print_rows, progress_bar
from kg.cli.options import AsOf, Format, FormatCommand, Nlp, OutDir

corpus_app = typer.Typer(
    help="The corpus: every source ingested so far (list, remove, reset).", no_args_is_help=True
)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("list", cls=FormatCommand)
def list_sources(out: OutDir = None, fmt: Format = OutputFormat.table) -> None:
    """The sources of a corpus: file, documents, pages, when added, content hash.

    Example: kg corpus list --out out/
    """
    from kg.corpus.store import default_corpus, open_corpus

    folder = out or default_corpus()
    try:
        corpus = open_corpus(folder)
    except InputError as err:
        fail_input(err)
    rows = [
        {
            "file": e.file,
            "documents": e.documents,
            "pages": e.pages,
            "added": e.added,
            "sha256": e.sha256[:12],
        }
        for e in corpus.sources()
    ]
    print_rows(rows, ["file", "documents", "pages", "added", "sha256"], fmt, title=f"corpus {folder}")


@corpus_app.command("remove", cls=FormatCommand)
def remove(
    names: Annotated[
        list[str], typer.Argument(metavar="SOURCE", help="File names as `kg corpus list` shows them.")
    ],
    out: OutDir = None,
    as_of: AsOf = None,
    nlp: Nlp = True,
    fmt: Format = OutputFormat.table,
) -> None:
    """Take sources out of a corpus and rewrite its graph.json without their documents.

    Example: kg corpus remove city-measures.html --out out/
    """
    from kg.corpus.store import default_corpus
    from kg.pipeline import remove_from_corpus

    folder = out or default_corpus()
    try:
        with progress_bar() as progress:
            result = remove_from_corpus(names, folder, as_of=as_of, nlp=nlp, progress=progress)
    except InputError as err:
        fail_input(err)
    rows = [{"file": s["file"], "sha256": str(s["sha256"])[:12]} for s in result.meta["sources"]]
    print_rows(rows, ["file", "sha256"], fmt, title=f"removed {', '.join(names)}; the corpus now holds")


@corpus_app.command("reset")
def reset(
    out: OutDir = None, yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False
) -> None:
    """Empty a corpus: every source, its records and graph.json.

    Example: kg corpus reset --out out/ --yes
    """
    from kg.corpus.store import default_corpus
    from kg.corpus.store import reset as reset_corpus

    folder = out or default_corpus()
    if not yes and not typer.confirm(f"Empty the corpus in {folder}?", default=False):
        raise typer.Exit(1)
    try:
        held = reset_corpus(folder)
    except InputError as err:
        fail_input(err)
    console.print(f"emptied {folder} ({held} sources)")
