"""Test helpers: a DocumentText from short notice texts written for the tests (one string per page), and
its measures as the pipeline's measure stages fill them."""

from __future__ import annotations

from ingest.model import DocumentText, Line, squeeze
from ingest.pipeline import DOCUMENT_STAGES, run_stages
from ingest.records import DocumentRecord, Header, MeasureRecord


def notice(*pages: str, first_page: int = 1, heading_lines: int = 0) -> DocumentText:
    """Pages of printed lines (blank lines dropped, whitespace removed), numbered from `first_page`."""
    lines = [
        Line(first_page + n, squeeze(raw))
        for n, page in enumerate(pages)
        for raw in page.splitlines()
        if squeeze(raw)
    ]
    return DocumentText(source="test.txt", index=0, lines=lines, heading_line_count=heading_lines)


def measures_of(doc: DocumentText, issue_date: str | None = None) -> list[MeasureRecord]:
    """The measures of `doc` with units, deadlines, targets and indicators: the conventions, measures and
    indicators stages, then every measure stage, on a record whose header carries only `issue_date`."""
    record = DocumentRecord(text=doc, header=Header(title="", issue_date=issue_date))
    wanted = ("conventions", "measures", "indicators")
    structure = [stage for stage in DOCUMENT_STAGES if stage.name in wanted]
    return run_stages(record, structure).measures


def units_of(measure: MeasureRecord) -> list[tuple[str, str]]:
    """(as printed, role) pairs of a measure, in order."""
    return [(u.as_printed, u.role) for u in measure.units]
