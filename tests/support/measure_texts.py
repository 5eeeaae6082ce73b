"""Test helper: a DocumentText from short notice texts written for the tests (one string per page)."""

from __future__ import annotations

from ingest.model import DocumentText, Line, squeeze


def notice(*pages: str, first_page: int = 1, heading_lines: int = 0) -> DocumentText:
    """Pages of printed lines (blank lines dropped, whitespace removed), numbered from `first_page`."""
    lines = [
        Line(first_page + n, squeeze(raw))
        for n, page in enumerate(pages)
        for raw in page.splitlines()
        if squeeze(raw)
    ]
    return DocumentText(source="test.txt", index=0, lines=lines, heading_line_count=heading_lines)


def units_of(measure) -> list[tuple[str, str]]:
    """(as printed, role) pairs of a measure, in order."""
    return [(u.as_printed, u.role) for u in measure.units]
