"""The ingest job: sources → records → graph → graph.json. Pure apart from reading the sources and writing the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from ingest.errors import InputError
from ingest.pipeline import extract_source
from ingest.records import DocumentRecord
from ingest.sources.auto import read_source
from kg import __version__
from kg.build.echoes import add_echoes
from kg.build.graph import build_graph
from kg.graphjson import write_graph

Progress = Callable[[str, int, int], None]
MEASURE_KEYWORDS = 8


@dataclass
class IngestResult:
    """The built graph, its meta block, the warnings, and the records it was built from."""

    graph: nx.MultiDiGraph
    meta: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    citations_resolved: int = 0
    citations_external: int = 0


class NoNoticesError(InputError):
    """The sources were read but hold no notice: exit code 1, and an empty graph is written."""

    def __init__(self, where: str) -> None:
        super().__init__(
            where, "no notices found (no compilation heading and nothing shaped like a notice)", exit_code=1
        )


def ingest_paths(
    paths: list[Path], *, as_of: date | None = None, nlp: bool = True, progress: Progress | None = None
) -> IngestResult:
    """Read every source, extract every notice and build the graph; raises InputError on bad input."""
    report = progress or (lambda stage, done, total: None)
    sources, records = [], []
    for n, path in enumerate(paths):
        report("read", n, len(paths))
        source = read_source(path)
        found = extract_source(source)
        if not found:
            raise NoNoticesError(str(path))
        sources.append({"file": source.file, "sha256": source.sha256, "pages": len(source.pages)})
        records.extend(found)
        report("read", n + 1, len(paths))
    day = as_of or date.today()
    report("build", 0, 1)
    graph, build = build_graph(records, as_of=day)
    report("build", 1, 1)
    if nlp:
        annotate_keywords(graph, progress=report)
        add_echoes(graph, progress=report)
    meta = {"generator": f"kg {__version__}", "sources": sources, "asOf": day.isoformat(), "nlp": nlp}
    return IngestResult(
        graph, meta, build.warnings, records, build.citations_resolved, build.citations_external
    )


def annotate_keywords(graph: nx.MultiDiGraph, *, progress: Progress | None = None) -> None:
    """Measure.keywords: the content words of each measure (pkuseg), segmented in one batched pass."""
    from ingest.nlp.segmenter import measure_keywords, tokenize

    measures = [d["properties"] for _, d in graph.nodes(data=True) if "Measure" in d["labels"]]
    texts = [props.get("text", "") for props in measures]
    if progress:
        progress("segment words", 0, 1)
    tokenize(texts)
    if progress:
        progress("segment words", 1, 1)
    for props, text in zip(measures, texts, strict=True):
        props["keywords"] = measure_keywords(text, MEASURE_KEYWORDS)


def write_graph_json(result: IngestResult, out_dir: Path) -> Path:
    """Write DIR/graph.json and return its path."""
    path = out_dir / "graph.json"
    write_graph(result.graph, result.meta, path)
    return path


def write_empty_graph(paths: list[Path], out_dir: Path) -> Path:
    """The empty graph written when the sources hold no notice."""
    graph = nx.MultiDiGraph()
    meta = {"generator": f"kg {__version__}", "sources": [{"file": p.name} for p in paths]}
    path = out_dir / "graph.json"
    write_graph(graph, meta, path)
    return path
