"""What linking a document to the others needs from its record: its identity, header and place, and the
documents it cites and repeals. Small beside the record (no text, no measures), so a corpus keeps it with
each document's part of the graph and links unchanged sources without reading their records again."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.records import CitationRecord, DocumentRecord, GenreName, Header, Jurisdiction, RepealRecord


@dataclass(frozen=True)
class DocumentLinks:
    """One document as citation, repeal and version resolution see it; `source` is the file it was read from."""

    uid: str
    source: str
    genre: GenreName
    header: Header
    jurisdiction: Jurisdiction
    citations: list[CitationRecord]
    repeals: list[RepealRecord]


def document_links(uid: str, record: DocumentRecord) -> DocumentLinks:
    """The links of `record`, whose document uid is `uid`."""
    return DocumentLinks(
        uid,
        record.text.source,
        record.genre,
        record.header,
        record.jurisdiction,
        record.citations,
        record.repeals,
    )
