"""Choose the reader for a file by its magic bytes, then its suffix, and import it on first use.

Each row of READERS names a kind of file, how it is recognised, and the module and function that read
it: `read(path, data, digest) -> Reading` (ingest.sources.reading), or, for a kind recognised but not
read (.doc, OFD), the one-line reason it is refused. Magic bytes are compared case-insensitively after a
byte order mark and leading whitespace; a zip archive is told apart by the member it holds (a .docx its
word/document.xml, an OFD its OFD.xml), as Unstructured's file-type detection does. A file nothing
recognises is read as text.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import InputError
from ingest.model import Source
from ingest.sources.reading import Reading

PageReader = Callable[[Path, bytes, str], Reading]
ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_WORD = (
    "Word 97-2003 (.doc) or WPS (.wps) file, which policy-kg does not read: save it as .docx or PDF "
    "in Word or WPS (or run `libreoffice --headless --convert-to docx FILE`)"
)
OFD = "OFD file, which policy-kg does not read: open it in an OFD reader (数科, 福昕) and export it as PDF"


@dataclass(frozen=True)
class Reader:
    """One kind of file: its name, magic bytes (and zip member), suffixes, and where its reading function
    lives, or why it is refused."""

    kind: str
    magic: tuple[bytes, ...]
    suffixes: tuple[str, ...]
    module: str = ""
    function: str = ""
    member: str = ""
    refused: str = ""

    def load(self) -> PageReader:
        """The reading function, its module imported now (heavy readers load nothing until used)."""
        reader: PageReader = getattr(importlib.import_module(self.module), self.function)
        return reader


READERS: tuple[Reader, ...] = (
    Reader("pdf", (b"%PDF-",), (".pdf",), "ingest.sources.pdf", "read_pdf"),
    Reader("docx", (ZIP,), (".docx",), "ingest.sources.word", "read_docx", member="word/document.xml"),
    Reader("ofd", (ZIP,), (".ofd",), member="OFD.xml", refused=OFD),
    Reader("doc", (OLE2,), (".doc", ".wps"), refused=LEGACY_WORD),
    Reader(
        "html", (b"<!doctype", b"<html"), (".html", ".htm", ".shtml"), "ingest.sources.web", "read_web_page"
    ),
    Reader("markdown", (), (".md", ".markdown"), "ingest.sources.markdown", "read_markdown"),
    Reader("text", (), (".txt", ".text", ""), "ingest.sources.text", "read_text"),
)
FALLBACK = READERS[-1]


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader whose magic bytes start the data, else whose suffix the file has, else plain text."""
    head = data.removeprefix(codecs.BOM_UTF8).lstrip()[:16].lower()
    for reader in READERS:
        if any(head.startswith(magic.lower()) for magic in reader.magic):
            if not reader.member or reader.member in _zip_members(data):
                return reader
    return reader_for_suffix(path) or FALLBACK


def reader_for_suffix(path: Path) -> Reader | None:
    """The reader that the file's suffix names, or None."""
    suffix = path.suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def read_source(path: Path) -> Source:
    """Read `path` into a Source, or raise InputError naming the file and the reason."""
    where = str(path)
    if not path.exists():
        raise InputError(where, "no such file")
    if path.is_dir():
        raise InputError(where, "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(where, f"cannot be read ({err.strerror or err})") from None
    if not data.strip():
        raise InputError(where, "file is empty")
    digest = hashlib.sha256(data).hexdigest()
    reader = reader_for(path, data)
    if reader.refused:
        raise InputError(where, reader.refused)
    reading = reader.load()(path, data, digest)
    return Source(path.name, digest, reading.pages, reading.metadata, reading.warnings)


def _zip_members(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return set()
