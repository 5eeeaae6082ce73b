"""Word .docx files with python-docx: the body's paragraphs and tables in document order, one page.

Tables become lines by `ingest.sources.tables` (a 序号 | 任务 | 责任单位 table reads as numbered items with
their unit lists). Headers, footers, text boxes and footnotes are not read, nor numbers that Word's
automatic list numbering draws (numbers typed into the text are kept).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import InputError
from ingest.model import Page
from ingest.sources.reading import Reading, one_line
from ingest.sources.tables import table_lines

if TYPE_CHECKING:
    from docx.table import _Row

BODY = "word/document.xml"


def read_docx(path: Path, data: bytes, digest: str) -> Reading:
    """The .docx's body text; InputError when the file is not a readable Word document."""
    import docx
    from docx.table import Table

    where = str(path)
    check_docx_archive(where, data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += table_lines([_row_cells(row) for row in block.rows])
            else:
                lines += block.text.splitlines() or [""]
    except Exception as err:  # python-docx and lxml raise many types for damaged parts
        raise InputError(where, f"damaged Word .docx file ({one_line(err)})") from None
    if not any(line.strip() for line in lines):
        raise InputError(where, "Word .docx file holds no text")
    return Reading((Page(1, tuple(lines)),))


def check_docx_archive(where: str, data: bytes) -> None:
    """Fail unless `data` is a zip archive holding a Word document body."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise InputError(where, "damaged Word .docx file: not a readable zip archive") from None
    if BODY not in names:
        raise InputError(where, f"not a Word .docx file: a zip archive without {BODY}")


def _row_cells(row: _Row) -> list[str]:
    """Text of each grid cell of a table row: a merged cell repeated over the columns and rows it spans."""
    return [""] * row.grid_cols_before + [cell.text for cell in row.cells]
