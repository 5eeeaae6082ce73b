"""From one source to document records: segment, then run every extractor on each notice."""

from __future__ import annotations

from ingest.extractors.citations import attachments, extract_citations
from ingest.extractors.header import extract_header
from ingest.extractors.jurisdiction import jurisdiction_of
from ingest.extractors.measures import extract_measures
from ingest.extractors.repeals import extract_repeals
from ingest.model import DocumentText, Source
from ingest.records import DocumentRecord
from ingest.segment import segment_pages


def extract_document(doc: DocumentText) -> DocumentRecord:
    """All records of one notice. Pure: text in, records out."""
    header = extract_header(doc)
    header.attachments = attachments(doc)
    names = [issuer.name for issuer in header.issuers] + [header.title]
    return DocumentRecord(
        text=doc,
        header=header,
        jurisdiction=jurisdiction_of(names, doc.section),
        citations=extract_citations(doc, header),
        repeals=extract_repeals(doc),
        measures=extract_measures(doc, issue_date=header.issue_date),
    )


def extract_source(source: Source) -> list[DocumentRecord]:
    """Every notice of a source, in printed order."""
    return [extract_document(doc) for doc in segment_pages(source.pages, source.file)]
