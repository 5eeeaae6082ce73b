"""The one ordered list of extraction stages, from a source to its document records.

A source is segmented into documents; each document runs DOCUMENT_STAGES in order, then each of its measures
runs MEASURE_STAGES in order. Every stage declares the record fields it requires and the ones it assigns
(`header.issue_date`, `measure.units`), like spaCy's `Language.component(assigns=, requires=)`;
`check_stages` proves that each required field was assigned by an earlier stage (or is given: the text), and
`tests/unit/ingest/test_pipeline.py` runs it. A newcomer finds the stage that reads 牵头单位 here, then its
extractor module. Stages are pure: text in, records out.

Each document is extracted within a CPU budget for its size (ingest.budget): one that runs past it fails
alone, with BudgetExceeded naming the file, the document and the stage; the source's other documents are
still extracted (DocumentsLeftOut carries them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace

from ingest.budget import OverBudget, StageWatch, budget, within
from ingest.errors import InputError
from ingest.extractors.articles import extract_articles, has_articles
from ingest.extractors.citations import attachments, extract_citations
from ingest.extractors.deadlines import extract_deadlines
from ingest.extractors.duties import duty_units
from ingest.extractors.genre import genre_of
from ingest.extractors.header import extract_header
from ingest.extractors.indicators import match_indicators
from ingest.extractors.jurisdiction import document_jurisdiction
from ingest.extractors.measures import body_conventions, extract_measures
from ingest.extractors.regulation import GENRE as REGULATION
from ingest.extractors.regulation import extract_regulation_header
from ingest.extractors.repeals import extract_repeals
from ingest.extractors.targets import extract_targets
from ingest.extractors.units import extract_units
from ingest.model import DocumentText, Source
from ingest.records import DocumentRecord, Header, MeasureRecord
from ingest.segment import segment_pages

GIVEN = ("text",)


@dataclass(frozen=True)
class Stage:
    """A document stage: `run` fills fields of the record; `requires` and `assigns` name them."""

    name: str
    run: Callable[[DocumentRecord], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


@dataclass(frozen=True)
class MeasureStage:
    """A measure stage: `run` fills fields of one measure, reading its document's record."""

    name: str
    run: Callable[[DocumentRecord, MeasureRecord], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def _genre(record: DocumentRecord) -> None:
    record.genre = genre_of(record.text)


def _header(record: DocumentRecord) -> None:
    regulation = record.genre == REGULATION
    record.header = extract_regulation_header(record.text) if regulation else extract_header(record.text)


def _attachments(record: DocumentRecord) -> None:
    record.header.attachments = attachments(record.text)


def _jurisdiction(record: DocumentRecord) -> None:
    record.jurisdiction = document_jurisdiction(record.header, record.text)


def _citations(record: DocumentRecord) -> None:
    """Citations, without the amending decisions a regulation's history names (they made it)."""
    decisions = {step.decision for step in record.header.history}
    record.citations = [c for c in extract_citations(record.text, record.header) if c.title not in decisions]


def _repeals(record: DocumentRecord) -> None:
    record.repeals = extract_repeals(record.text)


def _conventions(record: DocumentRecord) -> None:
    record.conventions = body_conventions(record.text)


def _measures(record: DocumentRecord) -> None:
    """A regulation's articles (under their chapters), else the numbered items."""
    if record.genre == REGULATION and has_articles(record.text):
        record.measures = extract_articles(record.text)
    else:
        record.measures = extract_measures(record.text, record.conventions)


def _units(record: DocumentRecord, measure: MeasureRecord) -> None:
    """A notice's unit lists and running text; the bodies a regulation's article charges with a duty."""
    doc = record.text
    if record.genre == REGULATION:
        measure.units = duty_units(doc.text, measure.content_start, measure.char_end, doc.page_at)
        return
    measure.units = extract_units(
        doc.text, measure.content_start, measure.char_end, record.conventions, doc.page_at, doc.starts_line
    )


def _deadlines(record: DocumentRecord, measure: MeasureRecord) -> None:
    issued = record.header.issue_date
    found = extract_deadlines(
        measure.text, default_year=int(issued[:4]) if issued else None, issue_date=issued
    )
    measure.deadlines = [replace(d, offset=measure.char_start + d.offset) for d in found]


def _targets(record: DocumentRecord, measure: MeasureRecord) -> None:
    found = extract_targets(measure.text)
    measure.targets = [replace(t, offset=measure.char_start + t.offset) for t in found]


def _indicators(record: DocumentRecord) -> None:
    """Each measure's indicators, from its heading, text and the headings above it (an article's: its
    chapter); the document's title is weak context for a measure whose own words name nothing."""
    by_path = {m.path: m for m in record.measures}
    for measure in record.measures:
        sections: list[str] = [measure.chapter] if measure.chapter else []
        parent = by_path.get(measure.parent_path or "")
        while parent is not None:
            sections.insert(0, parent.heading)
            parent = by_path.get(parent.parent_path or "")
        title = record.header.subject_title or record.header.title
        measure.indicators = match_indicators(measure.heading, measure.text, sections, title=title)


DOCUMENT_STAGES: tuple[Stage, ...] = (
    Stage("genre", _genre, ("text",), ("genre",)),
    Stage("header", _header, ("text", "genre"), ("header",)),
    Stage("attachments", _attachments, ("text", "header"), ("header.attachments",)),
    Stage(
        "jurisdiction",
        _jurisdiction,
        ("text", "header.issuers", "header.title", "header.doc_number", "header.recipients"),
        ("jurisdiction",),
    ),
    Stage("citations", _citations, ("text", "header.attachments", "header.history"), ("citations",)),
    Stage("repeals", _repeals, ("text",), ("repeals",)),
    Stage("conventions", _conventions, ("text",), ("conventions",)),
    Stage("measures", _measures, ("text", "genre", "conventions"), ("measures",)),
    Stage("indicators", _indicators, ("measures",), ("measure.indicators",)),
)
MEASURE_STAGES: tuple[MeasureStage, ...] = (
    MeasureStage("units", _units, ("text", "genre", "conventions", "measures"), ("measure.units",)),
    MeasureStage("deadlines", _deadlines, ("header.issue_date", "measures"), ("measure.deadlines",)),
    MeasureStage("targets", _targets, ("measures",), ("measure.targets",)),
)


def record_fields() -> set[str]:
    """Every field a stage may name: the document record's, its header's (`header.x`), a measure's
    (`measure.x`)."""
    names = {f.name for f in fields(DocumentRecord)}
    names |= {f"header.{f.name}" for f in fields(Header)}
    names |= {f"measure.{f.name}" for f in fields(MeasureRecord)}
    return names


def check_stages(
    document_stages: Sequence[Stage | MeasureStage] = DOCUMENT_STAGES,
    measure_stages: Sequence[Stage | MeasureStage] = MEASURE_STAGES,
) -> list[str]:
    """Problems with the stage lists: a field no record has, or one required before any stage assigns it.
    A field is assigned when it or its parent was (`header` assigns `header.title`)."""
    known = record_fields()
    assigned: set[str] = set(GIVEN)
    problems: list[str] = []
    for stage in [*document_stages, *measure_stages]:
        for name in (*stage.requires, *stage.assigns):
            if name not in known:
                problems.append(f"{stage.name}: no record has a field {name!r}")
        for name in stage.requires:
            if name not in assigned and name.split(".")[0] not in assigned:
                problems.append(f"{stage.name}: requires {name!r} before any stage assigns it")
        assigned |= set(stage.assigns)
    return problems


def run_stages(
    record: DocumentRecord,
    document_stages: Sequence[Stage] = DOCUMENT_STAGES,
    watch: StageWatch | None = None,
) -> DocumentRecord:
    """Run `document_stages` on the record in order, then every measure stage on each of its measures;
    `watch` is told each stage as it starts."""
    watch = watch or StageWatch()
    for stage in document_stages:
        watch.start(stage.name)
        stage.run(record)
    for measure in record.measures:
        for measure_stage in MEASURE_STAGES:
            watch.start(measure_stage.name)
            measure_stage.run(record, measure)
    watch.start("")
    return record


class BudgetExceeded(InputError):
    """A document (or a whole file, while it is segmented) that ran past its CPU budget (ingest.budget):
    names the file, which part of it, the stage and the budget."""

    def __init__(self, file: str, part: str, stage: str, seconds: float, kb: float) -> None:
        super().__init__(
            file,
            f"{part} ran past its extraction budget ({seconds:.1f} s of CPU for {kb:.0f} KB) in stage {stage}",
        )
        self.part, self.stage, self.seconds, self.kb = part, stage, seconds, kb

    def __reduce__(self) -> tuple[type[BudgetExceeded], tuple[str, str, str, float, float]]:
        return BudgetExceeded, (self.where, self.part, self.stage, self.seconds, self.kb)


class DocumentsLeftOut(InputError):
    """Documents of a source that ran past their budget (`left_out`), and the records of all its other
    documents (`records`): the caller keeps those and reports these. The message is the first one's."""

    def __init__(self, file: str, records: list[DocumentRecord], left_out: list[BudgetExceeded]) -> None:
        more = f" (and {len(left_out) - 1} more documents)" if len(left_out) > 1 else ""
        super().__init__(file, left_out[0].reason + more)
        self.records, self.left_out = records, left_out

    def __reduce__(
        self,
    ) -> tuple[type[DocumentsLeftOut], tuple[str, list[DocumentRecord], list[BudgetExceeded]]]:
        return DocumentsLeftOut, (self.where, self.records, self.left_out)


PART_NAME_CHARS = 24  # characters of a document's first line that name it in a message


def extract_document(doc: DocumentText) -> DocumentRecord:
    """All records of one document: every document stage, then every measure stage on each measure;
    BudgetExceeded when they run past the document's budget."""
    seconds = budget().seconds(doc.text)
    try:
        with within(seconds, StageWatch()) as watch:
            return run_stages(DocumentRecord(text=doc), watch=watch)
    except OverBudget as over:
        first = doc.lines[0].text if doc.lines else ""
        name = first[:PART_NAME_CHARS] + ("…" if len(first) > PART_NAME_CHARS else "")
        part = f"document {doc.index + 1} ({name})"
        raise BudgetExceeded(
            doc.source, part, over.stage, over.seconds, len(doc.text.encode()) / 1000
        ) from None


def is_document(record: DocumentRecord) -> bool:
    """A compilation entry always is. A text on its own is one when its title ends with a genre's title
    word (a portal's title line, a red head's title, 关于…的通知), or it prints a doc number (发文字号, 公告
    or 令 number), or it is signed and dated (issuers above a date)."""
    if record.text.heading_line_count:
        return True
    header = record.header
    return bool(header.doc_type or header.doc_number or (header.issuers and header.issue_date))


def segment_source(source: Source) -> list[DocumentText]:
    """The source cut into documents (ingest.segment), within the budget for the whole file's text."""
    text = "".join(line for page in source.pages for line in page.lines)
    seconds = budget().seconds(text)
    try:
        with within(seconds, StageWatch(stage="segment")):
            return segment_pages(source.pages, source.file, source.metadata)
    except OverBudget:
        raise BudgetExceeded(source.file, "the file", "segment", seconds, len(text.encode()) / 1000) from None


def extract_documents(docs: Sequence[DocumentText]) -> tuple[list[DocumentRecord], list[BudgetExceeded]]:
    """The records of those documents that are documents (`is_document`), in order, and the budget errors of
    those that ran past their budget."""
    records: list[DocumentRecord] = []
    left_out: list[BudgetExceeded] = []
    for doc in docs:
        try:
            record = extract_document(doc)
        except BudgetExceeded as err:
            left_out.append(err)
            continue
        if is_document(record):
            records.append(record)
    return records, left_out


def kept_records(
    file: str, records: list[DocumentRecord], left_out: list[BudgetExceeded]
) -> list[DocumentRecord]:
    """A source's records when none of its documents ran past its budget: BudgetExceeded when the only one
    did, else DocumentsLeftOut, which carries the records of the others."""
    if len(left_out) == 1 and not records:
        raise left_out[0]
    if left_out:
        raise DocumentsLeftOut(file, records, left_out)
    return records


def extract_source(source: Source) -> list[DocumentRecord]:
    """Every document of a source, in printed order (segments that are not documents left out). A document
    that runs past its budget fails alone (`kept_records`)."""
    return kept_records(source.file, *extract_documents(segment_source(source)))
