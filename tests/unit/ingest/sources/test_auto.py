"""The reader table: magic bytes before suffixes, zip archives told apart by their members, heavy
libraries imported only by the reader that uses them."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.sources.auto import READERS, read_source, reader_for
from tests.support.paths import ROOT


def zipped(*members: str) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for member in members:
            z.writestr(member, "<x/>")
    return archive.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("notice.txt", b"%PDF-1.7\n", "pdf"),
        ("notice.zip", zipped("[Content_Types].xml", "word/document.xml"), "docx"),
        ("notice.docx", zipped("OFD.xml"), "ofd"),
        ("notice.docx", zipped("notice.txt"), "docx"),
        ("page.dat", b"\xef\xbb\xbf\n  <HTML><body>", "html"),
        ("page.htm", b"<meta charset=gbk><p>", "html"),
        ("law.MD", b"# title", "markdown"),
        ("notice.wps", b"anything", "doc"),
        ("notes.log", "通知".encode(), "text"),
    ],
)
def test_reader_chosen(name: str, data: bytes, kind: str) -> None:
    assert reader_for(Path(name), data).kind == kind


def test_every_readable_row_names_a_function_that_exists() -> None:
    for reader in READERS:
        assert bool(reader.refused) != bool(reader.module), reader.kind
        if reader.module:
            assert callable(reader.load()), reader.kind


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_source(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


def test_heavy_readers_load_nothing_until_used() -> None:
    code = (
        "import sys, ingest.sources.auto, ingest.sources.folders; "
        "print(sorted(m for m in ('pdfminer', 'trafilatura', 'lxml', 'docx', 'rapidocr', 'pypdfium2', "
        "'onnxruntime', 'numpy') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
