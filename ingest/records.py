"""Records the extractors return for one document; kg.build.graph turns them into graph nodes and edges."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import DocumentText


@dataclass
class IssuerRecord:
    """A body that issued the document, in printed order (first is the lead)."""

    name: str
    as_printed: str
    page: int
    role: str = "joint"


@dataclass
class Jurisdiction:
    """Where the issuer sits in the administrative hierarchy."""

    province: str | None = None
    city: str | None = None
    district: str | None = None
    level: str | None = None
    adcode: str | None = None


@dataclass
class Header:
    """The notice's identity: title, number, dates, issuers, validity."""

    title: str
    subject_title: str | None = None
    doc_number: str | None = None
    doc_type: str | None = None
    issue_date: str | None = None
    recipients: list[str] = field(default_factory=list)
    issuers: list[IssuerRecord] = field(default_factory=list)
    draft: bool = False
    effective_date: str | None = None
    expiry_date: str | None = None
    validity_text: str | None = None
    attachments: list[str] = field(default_factory=list)
    title_page: int = 0
    validity_clauses: list[tuple[str, str, str, int]] = field(
        default_factory=list
    )  # (kind, ISO date, asPrinted, page)


@dataclass
class CitationRecord:
    """One 《…》 reference to a regulatory document."""

    title: str
    doc_number: str | None
    purpose: str
    article: str | None
    as_printed: str
    page: int
    offset: int


@dataclass
class RepealRecord:
    """A document this one repeals (…同时废止, …不再执行, …停止执行)."""

    title: str | None
    doc_number: str | None
    as_printed: str
    page: int


@dataclass
class UnitRecord:
    """One unit a measure assigns: as printed (whitespace removed), its role, rank and page."""

    as_printed: str
    role: str
    order: int
    page: int
    kind: str
    offset: int = 0


@dataclass(frozen=True)
class Conventions:
    """Document-wide facts that change how unit lists read: the first-listed-leads rule, lists in use."""

    first_is_lead: bool
    uses_lists: bool


@dataclass(frozen=True)
class DeadlineRecord:
    """A completion time attached to a measure: end of the printed period, ISO date; `offset` in the
    document's text."""

    date: str
    granularity: str
    kind: str
    as_printed: str
    offset: int


@dataclass(frozen=True)
class TargetRecord:
    """A quantitative commitment: the printed clause, its metric, value, unit and comparator; `offset` in
    the document's text."""

    text: str
    metric: str
    value: float
    unit: str
    comparator: str
    offset: int


@dataclass(frozen=True)
class IndicatorHit:
    """A measure addresses an indicator: how it was found and the words that showed it."""

    name: str
    system: str
    via: str
    evidence: str
    bready: str | None = None


@dataclass
class MeasureRecord:
    """One numbered item of a notice's operative body."""

    number: str
    path: str
    no: str
    heading: str
    text: str
    page_start: int
    page_end: int
    char_start: int
    char_end: int
    parent_path: str | None
    leaf: bool
    content_start: int
    units: list[UnitRecord] = field(default_factory=list)
    deadlines: list[DeadlineRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    indicators: list[IndicatorHit] = field(default_factory=list)


@dataclass
class DocumentRecord:
    """Everything extracted from one document, filled in by the stages of ingest.pipeline in order."""

    text: DocumentText
    header: Header = field(default_factory=lambda: Header(title=""))
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    citations: list[CitationRecord] = field(default_factory=list)
    repeals: list[RepealRecord] = field(default_factory=list)
    conventions: Conventions = field(
        default_factory=lambda: Conventions(first_is_lead=False, uses_lists=False)
    )
    measures: list[MeasureRecord] = field(default_factory=list)
