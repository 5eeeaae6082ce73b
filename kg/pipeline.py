"""The ingest job: sources → records → graph → graph.json. Pure apart from reading the sources and writing the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from ingest.errors import InputError
from ingest.records import DocumentRecord
from kg import __version__
from kg.build.document import DocumentPart, Lines, NodeLines, document_parts, document_uid
from kg.build.echoes import Sketch, Sketches, add_echoes, sketch_version, word_keys
from kg.build.graph import link_parts, unique_documents
from kg.collector import collector_paused
from kg.graphjson import write_graph
from kg.mapstage.driver import map_sources
from kg.mapstage.runners import MapSettings, open_runner
from kg.mapstage.tasks import NoNoticesError, SourceRecords, extract_task, gathered_records, read_task

SERIAL = MapSettings()

if TYPE_CHECKING:
    from kg.corpus.store import Corpus, SourceEntry

Progress = Callable[[str, int, int], None]
T = TypeVar("T")
MEASURE_KEYWORDS = 8


@dataclass
class IngestResult:
    """The built graph, its meta block, the warnings, the records read to build it (by `ingest_paths`; a
    corpus keeps its records on disk, and an ingest into it holds no source's records longer than it takes
    to store them and build their parts), and the files an ingest into a corpus left out (each with its
    reason)."""

    graph: nx.MultiDiGraph
    meta: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    citations_resolved: int = 0
    citations_external: int = 0
    left_out: list[InputError] = field(default_factory=list)
    lines: Lines = field(default_factory=dict)  # graph.json lines of edges never changed since built
    node_lines: NodeLines = field(default_factory=dict)  # nodes' lines, valid while the node is as kept


def extract_path(path: Path) -> SourceRecords:
    """Read one file and extract its documents here; InputError when it cannot be read or holds none."""
    segmented = read_task(path)
    if isinstance(segmented, InputError):
        raise segmented
    return gathered_records(segmented, [extract_task(segmented.documents, False, build=False)])


def extracted(
    paths: list[Path], mapping: MapSettings, *, nlp: bool, progress: Progress
) -> Iterator[tuple[int, SourceRecords | InputError]]:
    """Each path's index and its records (or the error that left it out), as each is done: the map stage
    on the runner `mapping` names (kg.mapstage). The words of measure texts that the workers segmented are
    cached here for the link stage."""
    with open_runner(mapping, paths, nlp=nlp) as runner:
        for outcome in map_sources(paths, runner, progress=progress):
            if outcome.words:
                from ingest.nlp.segmenter import remember

                remember(outcome.words)
            found = outcome.source or outcome.error
            assert found is not None
            yield outcome.index, found


def in_order(done: Iterator[tuple[int, T]]) -> Iterator[tuple[int, T]]:
    """Items numbered 0, 1, 2 ... that arrive in any order, each passed on as soon as all before it have
    been (a runner finishes sources out of order; they are stored in the order given, so that of two
    files of one name the later wins, and each source's records are let go once stored)."""
    waiting: dict[int, T] = {}
    upto = 0
    for index, item in done:
        waiting[index] = item
        while upto in waiting:
            yield upto, waiting.pop(upto)
            upto += 1


def ingest_paths(
    paths: list[Path],
    *,
    as_of: date | None = None,
    nlp: bool = True,
    progress: Progress | None = None,
    mapping: MapSettings = SERIAL,
) -> IngestResult:
    """Read every source, extract every notice and build the graph of just these sources; raises InputError
    on bad input (the first file's, in the order given)."""
    report = progress or (lambda stage, done, total: None)
    found = dict(extracted(paths, mapping, nlp=nlp, progress=report))
    for index in range(len(paths)):
        if isinstance(error := found[index], InputError):
            raise error
    sources = sorted(
        (s for s in found.values() if isinstance(s, SourceRecords)), key=lambda s: (s.file, s.sha256)
    )
    result = build_result(sources, as_of=as_of, nlp=nlp, progress=report, workers=mapping.workers)
    result.left_out = [err for source in sources for err in source.left_out]
    return result


def ingest_into_corpus(
    paths: list[Path],
    corpus_dir: Path,
    *,
    as_of: date | None = None,
    nlp: bool = True,
    progress: Progress | None = None,
    mapping: MapSettings = SERIAL,
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
        new = [path for path in paths if not is_stored(corpus, path)]
        left_out = [err for path in paths if path not in new for err in stored_left_out(corpus, path)]
        read_warnings: list[str] = []
        built: dict[str, list[DocumentPart]] = {}
        unread = 0
        for path, source in in_order(extracted(new, mapping, nlp=nlp, progress=report)):
            if isinstance(source, InputError):
                left_out.append(source)
                unread += 1
            else:
                read_warnings += store_source(corpus, new[path], source)
                built[source.sha256] = store_parts(corpus, source)
                left_out += source.left_out
        if unread == len(paths):
            new_corpus = not corpus.entries and not (corpus_dir / "graph.json").exists()
            if new_corpus and all(isinstance(err, NoNoticesError) for err in left_out):
                write_empty_graph(paths, corpus_dir)
            raise left_out[0] if left_out else NoNoticesError(str(corpus_dir))
        result = write_corpus_graph(
            corpus, as_of=as_of, nlp=nlp, progress=report, built=built, workers=mapping.workers
        )
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


def is_stored(corpus: Corpus, path: Path) -> bool:
    """Whether the corpus holds this file, with the same content, read by the current extractors (and, if
    some of its documents ran past their budget, under the same budget)."""
    from kg.corpus.store import file_digest
    from kg.corpus.version import budget_version, extractor_version

    known = corpus.entry(path.name)
    return bool(
        known
        and known.extractors == extractor_version()
        and (not known.left_out or known.budget == budget_version())
        and path.is_file()
        and known.sha256 == file_digest(path)
    )


def stored_left_out(corpus: Corpus, path: Path) -> list[InputError]:
    """The documents of a stored file that ran past their budget when it was extracted, as errors."""
    known = corpus.entry(path.name)
    return [InputError(str(path), reason) for reason in known.left_out] if known else []


def store_source(corpus: Corpus, path: Path, extracted: SourceRecords) -> tuple[str, ...]:
    """Put one file's records (and the reasons its left-out documents were left out) into the corpus;
    returns the warnings reading it raised."""
    from kg.corpus.store import new_entry
    from kg.corpus.version import extractor_version

    reasons = tuple(err.reason for err in extracted.left_out)
    entry = new_entry(
        extracted.file,
        extracted.sha256,
        extracted.pages,
        len(extracted.records),
        extractor_version(),
        reasons,
    )
    corpus.put(entry, extracted.records, original=path)
    return extracted.warnings


def store_parts(corpus: Corpus, extracted: SourceRecords) -> list[DocumentPart]:
    """Store one new source's parts (built by the map stage's tasks, else now from its records in memory),
    so that the link stage need not read the records back; returns them."""
    from kg.corpus.version import builder_version

    parts = document_parts(extracted.records) if extracted.parts is None else extracted.parts
    corpus.put_parts(extracted.sha256, builder_version(), parts)
    return parts


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


def write_corpus_graph(
    corpus: Corpus,
    *,
    as_of: date | None,
    nlp: bool,
    progress: Progress,
    built: dict[str, list[DocumentPart]] | None = None,
    workers: int | None = None,
) -> IngestResult:
    """Build the graph of the whole corpus and write it to DIR/graph.json, the cycle collector paused
    (kg.collector). The graph comes from the parts the corpus keeps of each source (those `built` by this
    ingest by content hash, the others read back); a source without parts of the current builder (the
    builder changed) has its parts built from its records and stored. With NLP, the measures' sketches the
    corpus keeps are used, and those of a source that had none are stored; `workers` processes segment."""
    from kg.corpus.version import builder_version

    with collector_paused():
        version = builder_version()
        sources = []
        for entry in corpus.sources():
            parts = (built or {}).get(entry.sha256) or corpus.cached_parts(entry.sha256, version)
            if parts is None:
                parts = document_parts(source_records(corpus, entry))  # the records let go: parts are smaller
                corpus.put_parts(entry.sha256, version, parts)
            sources.append(SourceParts(entry.file, entry.sha256, entry.pages, parts))
        sketches: dict[bytes, Sketch] = {}
        tag = f"{version} {sketch_version()}" if nlp else ""  # sketches go with the parts they sketch
        unsketched = _load_sketches(corpus, sources, tag, sketches) if nlp else []
        result = link_result(
            sources, as_of=as_of, nlp=nlp, progress=progress, sketches=sketches, workers=workers
        )
        for source in unsketched:
            keys = word_keys([text for part in source.parts for text in _measure_texts(part)])
            corpus.put_sketches(source.sha256, tag, {key: sketches[key] for key in keys if key in sketches})
        result.meta["corpus"] = corpus.corpus_id
        write_graph_json(result, corpus.root)
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
    sources: list[SourceRecords],
    *,
    as_of: date | None,
    nlp: bool,
    progress: Progress,
    workers: int | None = None,
) -> IngestResult:
    """The graph of these sources (see `link_result`), with the records it was built from."""
    parts = [
        SourceParts(s.file, s.sha256, s.pages, document_parts(s.records) if s.parts is None else s.parts)
        for s in sources
    ]
    result = link_result(parts, as_of=as_of, nlp=nlp, progress=progress, workers=workers)
    result.documents = unique_documents([(s.file, s.records) for s in sources], document_uid)[0]
    return result


def link_result(
    sources: list[SourceParts],
    *,
    as_of: date | None,
    nlp: bool,
    progress: Progress,
    sketches: Sketches | None = None,
    workers: int | None = None,
) -> IngestResult:
    """The graph of these sources' parts: a document held by several of them (the same notice saved on its
    own and inside a compilation, or one file under two names) is built once and lists every source. With
    NLP, the measures are segmented over `workers` processes (default: the usable cores, at most 4), and echo
    detection uses the measure sketches in `sketches` and adds those it makes."""
    parts, holders = unique_documents([(s.file, s.parts) for s in sources], _part_uid)
    day = as_of or date.today()
    progress("build", 0, 1)
    lines: Lines = {}
    node_lines: NodeLines = {}
    graph, build = link_parts(parts, as_of=day, holders=holders, lines=lines, node_lines=node_lines)
    progress("build", 1, 1)
    if nlp:
        annotate_keywords(graph, progress=progress, workers=workers)
        add_echoes(graph, progress=progress, sketches=sketches)
    meta: dict[str, Any] = {
        "generator": f"kg {__version__}",
        "sources": [{"file": s.file, "sha256": s.sha256, "pages": s.pages} for s in sources],
        "asOf": day.isoformat(),
        "nlp": nlp,
    }
    return IngestResult(
        graph,
        meta,
        build.warnings,
        [],
        build.citations_resolved,
        build.citations_external,
        lines=lines,
        node_lines=node_lines,
    )


def _part_uid(part: DocumentPart) -> str:
    return part.links.uid


def annotate_keywords(
    graph: nx.MultiDiGraph, *, progress: Progress | None = None, workers: int | None = None
) -> None:
    """Measure.keywords: the content words of each measure (pkuseg), segmented in one batched pass."""
    from ingest.nlp.segmenter import measure_keywords, tokenize

    measures = [d["properties"] for _, d in graph.nodes(data=True) if "Measure" in d["labels"]]
    texts = [props.get("text", "") for props in measures]
    if progress:
        progress("segment words", 0, 1)
    tokenize(texts, workers=workers)
    if progress:
        progress("segment words", 1, 1)
    for props, text in zip(measures, texts, strict=True):
        props["keywords"] = measure_keywords(text, MEASURE_KEYWORDS)


def write_graph_json(result: IngestResult, out_dir: Path) -> Path:
    """Write DIR/graph.json and return its path."""
    path = out_dir / "graph.json"
    write_graph(result.graph, result.meta, path, result.lines, result.node_lines)
    return path


def write_empty_graph(paths: list[Path], out_dir: Path) -> Path:
    """The empty graph written when the sources hold no notice."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    meta = {"generator": f"kg {__version__}", "sources": [{"file": p.name} for p in paths]}
    path = out_dir / "graph.json"
    write_graph(graph, meta, path)
    return path
