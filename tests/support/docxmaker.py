"""Test helper: write real .docx files with python-docx, paragraphs and tables in document order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx

Block = str | Sequence[Sequence[str]]  # a paragraph, or a table given as rows of cell texts


def make_docx(path: Path, blocks: Sequence[Block]) -> Path:
    """Write the blocks in order: a string is a paragraph (its "\\n" are paragraph breaks), a list of rows
    is a table (a cell's "\\n" are paragraphs inside the cell)."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            for line in block.split("\n"):
                document.add_paragraph(line)
            continue
        table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
        for row, cells in zip(table.rows, block, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
    document.save(str(path))
    return path
