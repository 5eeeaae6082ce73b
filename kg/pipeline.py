"""The ingest job: sources → records → graph → graph.json. Pure apart from reading the sources and writing the file."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ingest.errors import InputError
from ingest.pipeline import DocumentsLeftOut, extract_source
from ingest.records import DocumentRecord
from ingest.sources.auto import read_source
from kg import __version__
from kg.build.document import DocumentPart, Lines, document_parts, document_uid
from kg.build.echoes import Sketch, Sketches, add_echoes, sketch_version, word_keys
from kg.build.graph import link_parts, unique_documents
from kg.graphjson import write_graph

if TYPE_CHECKING:
    from kg.corpus.store import Corpus, SourceEntry

Progress = Callable[[str, int, int], None]
MEASURE_KEYWORDS = 8


@dataclass
class IngestResult:
    """The built graph, its meta block, the warnings, the records read to build it (for a corpus, those of
    the sources whose documents were built anew), and the files an ingest into a corpus left out (each with
    its reason)."""

    graph: nx.MultiDiGraph
    meta: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    citations_resolved: int = 0
    citations_external: int = 0
    left_out: list[InputError] = field(default_factory=list)
    lines: Lines = field(default_factory=dict)  # graph.json lines of edges never changed since built


class NoNoticesError(InputError):
    """The sources were read but hold no notice: exit code 1, and an empty graph is written."""

    def __init__(self, where: str) -> None:
        super().__init__(
            where, "no notices found (no compilation heading and nothing shaped like a notice)", exit_code=1
        )


@dataclass(frozen=True)
class SourceRecords:
    """One source's identity, the document records extracted from it, and its documents that ran past their
    extraction budget (`left_out`, each an error naming the path, the document and the stage)."""

    file: str
    sha256: str
    pages: int
    records: list[DocumentRecord]
    warnings: tuple[str, ...] = ()
    left_out: tuple[InputError, ...] = ()


def extract_path(path: Path) -> SourceRecords:
    """Read one file and extract its documents; InputError when it cannot be read or holds none (or none
    within its budget)."""
    source = read_source(path)
    left_out: tuple[InputError, ...] = ()
    try:
        found = extract_source(source)
    except DocumentsLeftOut as partly:
        if not partly.records:
            raise
        found = partly.records
        left_out = tuple(InputError(str(path), err.reason) for err in partly.left_out)
    if not found:
        raise NoNoticesError(str(path))
    warnings = tuple(f"{path}: {warning}" for warning in source.warnings)
    return SourceRecords(source.file, source.sha256, len(source.pages), found, warnings, left_out)


def ingest_paths(
    paths: list[Path], *, as_of: date | None = None, nlp: bool = True, progress: Progress | None = None
) -> IngestResult:
    """Read every source, extract every notice and build the graph of just these sources; raises InputError
    on bad input."""
    report = progress or (lambda stage, done, total: None)
    sources = []
    for n, path in enumerate(paths):
        report("read", n, len(paths))
        sources.append(extract_path(path))
        report("read", n + 1, len(paths))
    sources.sort(key=lambda s: (s.file, s.sha256))
    result = build_result(sources, as_of=as_of, nlp=nlp, progress=report)
    result.left_out = [err for source in sources for err in source.left_out]
    return result


def ingest_into_corpus(
    paths: list[Path],
    corpus_dir: Path,
    *,
    as_of: date | None = None,
    nlp: bool = True,
    progress: Progress | None = None,
) -> IngestResult:
    """Add the sources to the corpus in `corpus_dir` and write DIR/graph.json, the graph of the whole corpus.

    A source already in the corpus with the same content is not extracted again while the extractors are
    unchanged; one of the same name with new content replaces it. A file that cannot be read, or holds no
    notice, is left out (named in `left_out`) and the others are added; so is a document that ran past its
    extraction budget, and the other documents of its file are added. When no file could be added, the
    first error is raised and the corpus and graph.json stay as they were (a new corpus whose files hold no
    notice gets an empty graph.json).
    """
    from kg.corpus.store import writing

    report = progress or (lambda stage, done, total: None)
    with writing(corpus_dir) as corpus:
        left_out: list[InputError] = []
        read_warnings: list[str] = []
        unread = 0
        for n, path in enumerate(paths):
            report("read", n, len(paths))
            try:
                warnings, documents_left_out = add_source(corpus, path)
            except InputError as err:
                left_out.append(err)
                unread += 1
            else:
                read_warnings += warnings
                left_out += documents_left_out
            report("read", n + 1, len(paths))
        if unread == len(paths):
            new_corpus = not corpus.entries and not (corpus_dir / "graph.json").exists()
            if new_corpus and all(isinstance(err, NoNoticesError) for err in left_out):
                write_empty_graph(paths, corpus_dir)
            raise left_out[0] if left_out else NoNoticesError(str(corpus_dir))
        result = write_corpus_graph(corpus, as_of=as_of, nlp=nlp, progress=report)
        result.left_out = left_out
        result.warnings[:0] = read_warnings
        corpus.save()
    return result


def remove_from_corpus(
    names: list[str],
    corpus_dir: Path,
    *,
    as_of: date | None = None,
    nlp: bool = True,
    progress: Progress | None = None,
) -> IngestResult:
    """Drop the sources of those file names from the corpus and rewrite DIR/graph.json without them;
    citations of their documents become stubs again. InputError when a name is not in the corpus."""
    from kg.corpus.store import writing

    report = progress or (lambda stage, done, total: None)
    with writing(corpus_dir) as corpus:
        if not corpus.manifest.exists():
            raise InputError(str(corpus_dir), "not a corpus (nothing has been ingested into it)")
        for name in names:
            corpus.remove(name)
        result = write_corpus_graph(corpus, as_of=as_of, nlp=nlp, progress=report)
        corpus.save()
    return result


def add_source(corpus: Corpus, path: Path) -> tuple[tuple[str, ...], list[InputError]]:
    """Put one file into the corpus: its stored records when its content and the extractors are unchanged
    (and, if some of its documents ran past their budget, the budget too), else freshly extracted ones;
    returns the warnings reading it raised and its documents left out (those of the stored entry when it
    is not read again)."""
    from kg.corpus.store import file_digest, new_entry
    from kg.corpus.version import budget_version, extractor_version

    version = extractor_version()
    known = corpus.entry(path.name)
    if (
        known
        and known.extractors == version
        and (not known.left_out or known.budget == budget_version())
        and path.is_file()
        and known.sha256 == file_digest(path)
    ):
        return (), [InputError(str(path), reason) for reason in known.left_out]
    extracted = extract_path(path)
    reasons = tuple(err.reason for err in extracted.left_out)
    entry = new_entry(
        extracted.file, extracted.sha256, extracted.pages, len(extracted.records), version, reasons
    )
    corpus.put(entry, extracted.records, original=path)
    return extracted.warnings, list(extracted.left_out)


def source_records(corpus: Corpus, entry: SourceEntry) -> list[DocumentRecord]:
    """The records of one source of the corpus; a source whose records came from other extractors is read
    again from the corpus's copy of it."""
    from dataclasses import replace

    from kg.corpus.version import budget_version, extractor_version

    version = extractor_version()
    records = corpus.cached_records(entry.sha256, version)
    if records is None:
        copy = corpus.copy_of(entry)
        if not copy.is_file():
            raise InputError(str(corpus.root), f"the corpus lost its copy of {entry.file}; ingest it again")
        extracted = extract_path(copy)
        records, reasons = extracted.records, tuple(err.reason for err in extracted.left_out)
        limit = budget_version() if reasons else ""
        updated = replace(entry, extractors=version, documents=len(records), left_out=reasons, budget=limit)
        corpus.put(updated, records)
    return records


@dataclass(frozen=True)
class SourceParts:
    """One source's identity and its documents' parts of the graph (kg.build.document)."""

    file: str
    sha256: str
    pages: int
    parts: list[DocumentPart]


def write_corpus_graph(corpus: Corpus, *, as_of: date | None, nlp: bool, progress: Progress) -> IngestResult:
    """Build the graph of the whole corpus (`corpus_result`) and write it to DIR/graph.json.

    The cyclic garbage collector is paused meanwhile: linking allocates millions of small dicts and lists,
    none of them in a reference cycle, and the collector would traverse the growing graph again and again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        result = corpus_result(corpus, as_of=as_of, nlp=nlp, progress=progress)
        write_graph_json(result, corpus.root)
    finally:
        if paused:
            gc.enable()
    return result


def corpus_result(corpus: Corpus, *, as_of: date | None, nlp: bool, progress: Progress) -> IngestResult:
    """The graph of the whole corpus, from the parts it keeps of each source; a source without parts of the
    current builder (new, or the builder changed) has its parts built from its records and stored. With
    NLP, the measures' sketches the corpus keeps are used, and those of a source that had none are stored."""
    from kg.corpus.version import builder_version

    version = builder_version()
    sources, read = [], []
    for entry in corpus.sources():
        parts = corpus.cached_parts(entry.sha256, version)
        if parts is None:
            records = source_records(corpus, entry)
            parts = document_parts(records)
            corpus.put_parts(entry.sha256, version, parts)
            read.append((entry.file, records))
        sources.append(SourceParts(entry.file, entry.sha256, entry.pages, parts))
    sketches: dict[bytes, Sketch] = {}
    tag = f"{version} {sketch_version()}" if nlp else ""  # sketches go with the parts they sketch
    unsketched = _load_sketches(corpus, sources, tag, sketches) if nlp else []
    result = link_result(sources, as_of=as_of, nlp=nlp, progress=progress, sketches=sketches)
    for source in unsketched:
        keys = word_keys([text for part in source.parts for text in _measure_texts(part)])
        corpus.put_sketches(source.sha256, tag, {key: sketches[key] for key in keys if key in sketches})
    result.documents = unique_documents(read, document_uid)[0]
    result.meta["corpus"] = corpus.corpus_id
    return result


def _load_sketches(
    corpus: Corpus, sources: list[SourceParts], tag: str, into: dict[bytes, Sketch]
) -> list[SourceParts]:
    """Put the stored sketches (of version `tag`) of the sources' measures `into` the mapping; returns the
    sources that have none."""
    missing = []
    for source in sources:
        stored = corpus.cached_sketches(source.sha256, tag)
        if stored is None:
            missing.append(source)
        else:
            into.update(stored)
    return missing


def _measure_texts(part: DocumentPart) -> list[str]:
    return [
        text
        for _, labels, properties in part.nodes
        if "Measure" in labels and isinstance(text := properties.get("text"), str) and text
    ]


def build_result(
    sources: list[SourceRecords], *, as_of: date | None, nlp: bool, progress: Progress
) -> IngestResult:
    """The graph of these sources (see `link_result`), with the records it was built from."""
    parts = [SourceParts(s.file, s.sha256, s.pages, document_parts(s.records)) for s in sources]
    result = link_result(parts, as_of=as_of, nlp=nlp, progress=progress)
    result.documents = unique_documents([(s.file, s.records) for s in sources], document_uid)[0]
    return result


def link_result(
    sources: list[SourceParts],
    *,
    as_of: date | None,
    nlp: bool,
    progress: Progress,
    sketches: Sketches | None = None,
) -> IngestResult:
    """The graph of these sources' parts: a document held by several of them (the same notice saved on its
    own and inside a compilation, or one file under two names) is built once and lists every source. With
    NLP, echo detection uses the measure sketches in `sketches` and adds those it makes."""
    parts, holders = unique_documents([(s.file, s.parts) for s in sources], _part_uid)
    day = as_of or date.today()
    progress("build", 0, 1)
    lines: Lines = {}
    graph, build = link_parts(parts, as_of=day, holders=holders, lines=lines)
    progress("build", 1, 1)
    if nlp:
        annotate_keywords(graph, progress=progress)
        add_echoes(graph, progress=progress, sketches=sketches)
    meta: dict[str, Any] = {
        "generator": f"kg {__version__}",
        "sources": [{"file": s.file, "sha256": s.sha256, "pages": s.pages} for s in sources],
        "asOf": day.isoformat(),
        "nlp": nlp,
    }
    return IngestResult(
        graph, meta, build.warnings, [], build.citations_resolved, build.citations_external, lines=lines
    )


def _part_uid(part: DocumentPart) -> str:
    return part.links.uid


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
    write_graph(result.graph, result.meta, path, result.lines)
    return path


def write_empty_graph(paths: list[Path], out_dir: Path) -> Path:
    """The empty graph written when the sources hold no notice."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    meta = {"generator": f"kg {__version__}", "sources": [{"file": p.name} for p in paths]}
    path = out_dir / "graph.json"
    write_graph(graph, meta, path)
    return path
