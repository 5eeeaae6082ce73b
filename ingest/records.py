"""Records the extractors return for one document; kg.build.graph turns them into graph nodes and edges."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
class DocumentRecord:
    """Everything extracted from one notice."""

    text: DocumentText
    header: Header
    jurisdiction: Jurisdiction
    citations: list[CitationRecord] = field(default_factory=list)
    repeals: list[RepealRecord] = field(default_factory=list)
    measures: list[Any] = field(default_factory=list)
