"""Records the extractors return for one document; kg.build.graph turns them into graph nodes and edges."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ingest.model import DocumentText

# The closed vocabularies of the records (and of the graph properties built from them), each declared once.
UnitRole = Literal["lead", "support", "responsible"]
IssuerRole = Literal["lead", "joint"]
Level = Literal["national", "province", "city", "district"]  # from the top down
RegionLevel = Literal["province", "city", "district"]  # a division of the region table
BodyKind = Literal[
    "government", "department", "legislature", "court", "party", "enterprise", "association", "generic"
]
CitationPurpose = Literal["basis", "implements", "reference"]
DeadlineKind = Literal["complete_by", "effective_from", "valid_until"]
Granularity = Literal["day", "month", "quarter", "year"]
Comparator = Literal["<=", ">=", ">"]
IndicatorVia = Literal["heading", "section", "keyword", "title"]
GenreName = Literal["notice", "regulation"]  # the genres of ingest/data/genres.toml
EnactmentKind = Literal["adopted", "approved", "published", "amended", "revised", "effective"]
Provisions = Literal["general", "supplementary"]  # a 总则 or 附则 article


@dataclass
class IssuerRecord:
    """A body that issued the document, in printed order (first is the lead)."""

    name: str
    as_printed: str
    page: int
    role: IssuerRole = "joint"


@dataclass
class Jurisdiction:
    """Where the issuer sits in the administrative hierarchy."""

    province: str | None = None
    city: str | None = None
    district: str | None = None
    level: Level | None = None
    adcode: str | None = None


@dataclass(frozen=True)
class EnactmentRecord:
    """One step of a regulation's making as printed under its title or in the 公告 that promulgates it:
    kind (adopted, approved, published, amended, revised, effective), ISO date, the body that took it
    (sessions and meetings dropped: 上海市人民代表大会常务委员会), the 令 or 公告 number and the amending
    decision it names (关于修改〈X〉的决定)."""

    kind: EnactmentKind
    date: str | None
    body: str | None
    number: str | None
    decision: str | None
    as_printed: str
    page: int


@dataclass(frozen=True)
class DocNumber:
    """A 发文字号 parsed once (ingest.lexicon.docnumber): the normalised text and its three parts."""

    text: str
    agency_code: str | None
    year: int | None
    seq: str | None


class ValidityClause(NamedTuple):
    """A closing clause that dates the whole document (自…起施行, 有效期至…): ISO date, words as printed."""

    kind: DeadlineKind
    date: str
    as_printed: str
    page: int


@dataclass
class Header:
    """The document's identity: title, number, dates, issuers, validity; for a regulation also its
    adoption and publication dates and the steps of its making (`history`, in printed order)."""

    title: str
    subject_title: str | None = None
    doc_number: DocNumber | None = None
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
    validity_clauses: list[ValidityClause] = field(default_factory=list)
    adopted_date: str | None = None
    published_date: str | None = None
    history: list[EnactmentRecord] = field(default_factory=list)


@dataclass
class CitationRecord:
    """One 《…》 reference to a regulatory document."""

    title: str
    doc_number: str | None
    purpose: CitationPurpose
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
    role: UnitRole
    order: int
    page: int
    kind: BodyKind
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
    granularity: Granularity
    kind: DeadlineKind
    as_printed: str
    offset: int


@dataclass(frozen=True)
class TargetRecord:
    """A quantitative commitment: the printed clause, its metric, value, unit and comparator; `offset` in
    the document's text."""

    text: str
    metric: str | None
    value: float
    unit: str
    comparator: Comparator
    offset: int


@dataclass(frozen=True)
class IndicatorHit:
    """A measure addresses an indicator: how it was found and the words that showed it."""

    name: str
    system: str
    via: IndicatorVia
    evidence: str
    bready: str | None = None


@dataclass
class MeasureRecord:
    """One numbered item of a notice's operative body, or one article of a regulation (`chapter` the title
    of the chapter it sits in, `provisions` general for a 总则 article, supplementary for a 附则 one)."""

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
    chapter: str | None = None
    provisions: Provisions | None = None
    units: list[UnitRecord] = field(default_factory=list)
    deadlines: list[DeadlineRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    indicators: list[IndicatorHit] = field(default_factory=list)


@dataclass
class DocumentRecord:
    """Everything extracted from one document, filled in by the stages of ingest.pipeline in order."""

    text: DocumentText
    genre: GenreName = "notice"
    header: Header = field(default_factory=lambda: Header(title=""))
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    citations: list[CitationRecord] = field(default_factory=list)
    repeals: list[RepealRecord] = field(default_factory=list)
    conventions: Conventions = field(
        default_factory=lambda: Conventions(first_is_lead=False, uses_lists=False)
    )
    measures: list[MeasureRecord] = field(default_factory=list)
