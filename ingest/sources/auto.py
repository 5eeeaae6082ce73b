"""Choose the reader for a file by its magic bytes, then its suffix, and import it on first use.

Each row of READERS names a kind of file, how it is recognised, and the module and function that read
it: `read(path, data, digest) -> list[Page]`. A file nothing recognises is read as text.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import InputError
from ingest.model import Page, Source

PageReader = Callable[[Path, bytes, str], list[Page]]


@dataclass(frozen=True)
class Reader:
    """One kind of file: its name, magic bytes and suffixes, and where its reading function lives."""

    kind: str
    magic: tuple[bytes, ...]
    suffixes: tuple[str, ...]
    module: str
    function: str

    def load(self) -> PageReader:
        """The reading function, its module imported now (heavy readers load nothing until used)."""
        reader: PageReader = getattr(importlib.import_module(self.module), self.function)
        return reader


READERS: tuple[Reader, ...] = (
    Reader("pdf", (b"%PDF-",), (".pdf",), "ingest.sources.pdf", "read_pdf_pages"),
    Reader("text", (), (".txt", ".text", ""), "ingest.sources.text", "read_text_pages"),
)
FALLBACK = READERS[-1]


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader whose magic bytes start the data (leading whitespace ignored), else whose suffix the
    file has, else plain text."""
    head = data.lstrip()[:16]
    for reader in READERS:
        if any(head.startswith(magic) for magic in reader.magic):
            return reader
    suffix = path.suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), FALLBACK)


def read_source(path: Path) -> Source:
    """Read `path` into a Source, or raise InputError naming the file and the reason."""
    where = str(path)
    if not path.exists():
        raise InputError(where, "no such file")
    if path.is_dir():
        raise InputError(where, "is a directory, not a PDF or text file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(where, "file is empty")
    digest = hashlib.sha256(data).hexdigest()
    pages = reader_for(path, data).load()(path, data, digest)
    return Source(file=path.name, sha256=digest, pages=tuple(pages))
