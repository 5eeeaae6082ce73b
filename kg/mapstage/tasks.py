"""The two tasks of the map stage and what they return: picklable, pure apart from reading the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import InputError
from ingest.model import DocumentText
from ingest.pipeline import (
    BudgetExceeded,
    DocumentsLeftOut,
    extract_documents,
    kept_records,
    segment_source,
)
from ingest.records import DocumentRecord
from ingest.sources.auto import read_source
from kg.build.document import DocumentPart, document_parts

Words = dict[bytes, tuple[str, ...]]  # pkuseg words by text hash (ingest.nlp.segmenter)


class NoNoticesError(InputError):
    """The sources were read but hold no notice: exit code 1, and an empty graph is written."""

    def __init__(self, where: str) -> None:
        super().__init__(
            where, "no notices found (no compilation heading and nothing shaped like a notice)", exit_code=1
        )


@dataclass(frozen=True)
class SourceRecords:
    """One source's identity, the document records extracted from it, and its documents that ran past their
    extraction budget (`left_out`, each an error naming the path, the document and the stage); the records'
    parts of the graph when the tasks built them."""

    file: str
    sha256: str
    pages: int
    records: list[DocumentRecord]
    warnings: tuple[str, ...] = ()
    left_out: tuple[InputError, ...] = ()
    parts: list[DocumentPart] | None = None


@dataclass(frozen=True)
class Segmented:
    """A source read and cut into documents; its pages are not kept."""

    path: Path
    file: str
    sha256: str
    pages: int
    documents: list[DocumentText]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Extracted:
    """The records of a chunk of a source's documents, those that ran past their budget, (when the task
    segmented them) the words of the records' measure texts, and (when it built them) the records' parts."""

    records: list[DocumentRecord]
    left_out: list[BudgetExceeded]
    words: Words = field(default_factory=dict)
    parts: list[DocumentPart] | None = None


def read_task(path: Path) -> Segmented | InputError:
    """Read one file and cut it into documents; the InputError when it cannot be read."""
    try:
        source = read_source(path)
        documents = segment_source(source)
    except InputError as err:
        return err
    warnings = tuple(f"{path}: {warning}" for warning in source.warnings)
    return Segmented(path, source.file, source.sha256, len(source.pages), documents, warnings)


def extract_task(documents: list[DocumentText], segment: bool, build: bool = True) -> Extracted:
    """Extract the documents and (with `build`) build their parts of the graph, so that the calling process
    need not (kg.build.document: a part depends on its record alone); with `segment`, also the words of
    every measure's text (pkuseg, the model loaded once per process, segmenting in this thread)."""
    records, left_out = extract_documents(documents)
    parts = document_parts(records) if build else None
    if not segment:
        return Extracted(records, left_out, parts=parts)
    from ingest.nlp.segmenter import segmentations

    return Extracted(records, left_out, segmentations(measure_texts(records), fork=False), parts)


def measure_texts(records: list[DocumentRecord]) -> list[str]:
    """The texts of the records' measures, which keywords and echoes segment."""
    return [measure.text for record in records for measure in record.measures if measure.text]


def chunks(documents: list[DocumentText], count: int) -> list[list[DocumentText]]:
    """The documents in at most `count` runs of consecutive ones, of about equal text length."""
    total = sum(len(doc.text) for doc in documents) or 1
    out: list[list[DocumentText]] = [[]]
    done = 0
    for doc in documents:
        if out[-1] and done >= total * len(out) / count:
            out.append([])
        out[-1].append(doc)
        done += len(doc.text)
    return [run for run in out if run]


def gathered_records(segmented: Segmented, parts: list[Extracted]) -> SourceRecords:
    """A source's records from its chunks, in printed order, with its documents that ran past their budget
    left out; the InputError when none is left (none found, or all past their budget:
    ingest.pipeline.kept_records)."""
    records = [record for part in parts for record in part.records]
    built = (
        None if any(part.parts is None for part in parts) else [p for part in parts for p in part.parts or []]
    )
    over = [error for part in parts for error in part.left_out]
    left_out: tuple[InputError, ...] = ()
    try:
        kept = kept_records(segmented.file, records, over)
    except DocumentsLeftOut as partly:
        if not partly.records:
            raise
        kept = partly.records
        left_out = tuple(InputError(str(segmented.path), err.reason) for err in partly.left_out)
    if not kept:
        raise NoNoticesError(str(segmented.path))
    return SourceRecords(
        segmented.file, segmented.sha256, segmented.pages, kept, segmented.warnings, left_out, built
    )
