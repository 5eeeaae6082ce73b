"""A corpus directory: every source ingested into it, with the records its extractors produced.

Layout of DIR:
    corpus.json              the manifest: format, corpus id, one entry per source (file name, SHA-256,
                             pages, documents, when added, the extractor version that read it, and
                             the documents of it that ran past their extraction budget, with that
                             budget)
    .corpus/sources/<sha256>/<name>  a copy of each source, so that new extractors can read it again
    .corpus/records/<sha256>.json.gz the source's document records (kg.corpus.codec), read back instead
                                     of re-extracting while the source and the extractors are unchanged
    .corpus/parts/<sha256>.json.gz   its documents' parts of the graph (kg.corpus.parts), read back
                                     instead of the records while the builder is unchanged
    .corpus/sketches/<sha256>.bin    its measures' MinHash sketches (kg.corpus.sketches), written with its
                                     parts by the first ingest with NLP, so echo detection sketches only
                                     the measures of new sources
    graph.json               the graph of the whole corpus (written by kg.pipeline)
    .lock                    held while a process writes the corpus

A source is known by its file name: a file of the same name with new content replaces it. Every file is
written to a temporary name and renamed, so a process killed half-way leaves the corpus as it was. Any
directory can hold a corpus: the corpus writes and deletes only its own files, the ones named above.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingest.errors import InputError
from ingest.records import DocumentRecord
from kg.build.document import DocumentPart
from kg.build.echoes import Sketch
from kg.corpus.codec import CodecError, JsonValue, decode, encode
from kg.corpus.parts import parts_bytes, read_parts
from kg.corpus.sketches import read_sketches, sketches_bytes
from kg.corpus.version import budget_version

FORMAT = "policy-kg corpus 1"
MANIFEST = "corpus.json"
LOCK = ".lock"
RECORDS = ".corpus/records"
PARTS = ".corpus/parts"
SKETCHES = ".corpus/sketches"
COPIES = ".corpus/sources"


@dataclass(frozen=True)
class SourceEntry:
    """One source of the corpus."""

    file: str
    sha256: str
    pages: int
    documents: int
    added: str
    extractors: str
    left_out: tuple[str, ...] = ()  # why each document that ran past its extraction budget is not in it
    budget: str = ""  # the budget they ran past (kg.corpus.version.budget_version), when any did


@dataclass
class Corpus:
    """The manifest of a corpus directory; records are read from and written to its records/ folder."""

    root: Path
    corpus_id: str
    entries: list[SourceEntry]

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    def entry(self, file: str) -> SourceEntry | None:
        """The source of that file name, if the corpus has one."""
        return next((e for e in self.entries if e.file == file), None)

    def cached_records(self, sha256: str, extractors: str) -> list[DocumentRecord] | None:
        """Stored records of the content `sha256` written by extractor version `extractors`, else None."""
        path = self._records_path(sha256)
        if not path.is_file():
            return None
        try:
            stored = json.loads(_gunzip(path))
        except ValueError:
            raise InputError(str(path), "damaged corpus file (not gzip-compressed JSON)") from None
        if not isinstance(stored, dict) or stored.get("extractors") != extractors:
            return None
        try:
            return typed_records(decode(list[DocumentRecord], stored.get("documents")))
        except CodecError as err:
            raise InputError(str(path), f"damaged corpus file ({err})") from None

    def cached_parts(self, sha256: str, builder: str) -> list[DocumentPart] | None:
        """Stored parts of the content `sha256` built by builder version `builder`, else None."""
        path = self._parts_path(sha256)
        if not path.is_file():
            return None
        try:
            return read_parts(_gunzip(path), builder)
        except CodecError as err:
            raise InputError(str(path), f"damaged corpus file ({err})") from None

    def put_parts(self, sha256: str, builder: str, parts: list[DocumentPart]) -> None:
        """Store the parts of the content `sha256`, built by builder version `builder`."""
        _write_atomic(self._parts_path(sha256), _gzip(parts_bytes(builder, parts)))

    def cached_sketches(self, sha256: str, version: str) -> dict[bytes, Sketch] | None:
        """Stored sketches of the measures of the content `sha256`, made with `version`, else None."""
        path = self._sketches_path(sha256)
        if not path.is_file():
            return None
        try:
            return read_sketches(path.read_bytes(), version)
        except (OSError, CodecError) as err:
            raise InputError(str(path), f"damaged corpus file ({err})") from None

    def put_sketches(self, sha256: str, version: str, sketches: dict[bytes, Sketch]) -> None:
        """Store the sketches of the measures of the content `sha256`, made with `version`."""
        _write_atomic(self._sketches_path(sha256), sketches_bytes(version, sketches))

    def put(
        self, entry: SourceEntry, records: list[DocumentRecord], original: Path | None = None
    ) -> SourceEntry | None:
        """Store the records of `entry` (and a copy of the `original` file) and list it, replacing a source of
        the same file name; returns the entry it replaced. The content's parts and sketches, made from the
        records it replaces, are dropped. The manifest changes on disk only at `save`."""
        if original is not None and original.resolve() != self.copy_of(entry).resolve():
            _write_atomic(self.copy_of(entry), original.read_bytes())
        data = {"extractors": entry.extractors, "documents": encode(records)}
        _write_atomic(self._records_path(entry.sha256), _gzip(_json_bytes(data)))
        self._parts_path(entry.sha256).unlink(missing_ok=True)
        self._sketches_path(entry.sha256).unlink(missing_ok=True)
        replaced = self.entry(entry.file)
        self.entries = [e for e in self.entries if e.file != entry.file] + [entry]
        return replaced

    def remove(self, file: str) -> SourceEntry:
        """Drop the source of that file name (InputError when there is none); saved at `save`."""
        found = self.entry(file)
        if found is None:
            raise InputError(str(self.root), f"the corpus has no source named {file}")
        self.entries = [e for e in self.entries if e.file != file]
        return found

    def copy_of(self, entry: SourceEntry) -> Path:
        """Where the corpus keeps its copy of the source's file."""
        return self.root / COPIES / entry.sha256 / entry.file

    def sources(self) -> list[SourceEntry]:
        """Every source in canonical order (file name, then content), whatever order they were added in."""
        return sorted(self.entries, key=lambda e: (e.file, e.sha256))

    def save(self) -> None:
        """Write the manifest, then delete records files no source refers to any more."""
        data: JsonValue = {
            "format": FORMAT,
            "corpusId": self.corpus_id,
            "sources": [encode(e) for e in self.sources()],
        }
        _write_atomic(self.manifest, _json_bytes(data))
        wanted = {e.sha256 for e in self.entries}
        for folder in (RECORDS, PARTS, SKETCHES):
            for path in (self.root / folder).glob("*.*"):
                if path.name.split(".")[0] not in wanted:
                    path.unlink(missing_ok=True)
        copies = {self.copy_of(e) for e in self.entries}
        for path in (self.root / COPIES).glob("*/*"):
            if path not in copies:
                path.unlink(missing_ok=True)
                if not any(path.parent.iterdir()):
                    path.parent.rmdir()

    def _records_path(self, sha256: str) -> Path:
        return self.root / RECORDS / f"{sha256}.json.gz"

    def _parts_path(self, sha256: str) -> Path:
        return self.root / PARTS / f"{sha256}.json.gz"

    def _sketches_path(self, sha256: str) -> Path:
        return self.root / SKETCHES / f"{sha256}.bin"


def _gzip(data: bytes) -> bytes:
    """A corpus file's bytes: gzip's fastest level (a quarter of level 9's time on the records and parts of
    a compilation, for files a fifth larger), no timestamp (the same records, the same bytes)."""
    return gzip.compress(data, compresslevel=1, mtime=0)


def _gunzip(path: Path) -> bytes:
    """The decompressed bytes of a corpus file; a file that is not gzip is a ValueError (named by the caller)."""
    try:
        return gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as err:
        raise CodecError(f"not gzip-compressed: {err}") from None


def typed_records(value: object) -> list[DocumentRecord]:
    """The decoded value as a list of DocumentRecord (what the codec built from that type)."""
    if not isinstance(value, list) or not all(isinstance(item, DocumentRecord) for item in value):
        raise CodecError("not a list of document records")
    return value


def open_corpus(root: Path) -> Corpus:
    """The corpus in `root`; a directory without a manifest (missing, empty, or holding other files, which
    the corpus leaves alone) starts a new one. A path that is a file, or a damaged manifest, is an
    InputError."""
    manifest = root / MANIFEST
    if root.exists() and not root.is_dir():
        raise InputError(str(root), "not a directory")
    if not manifest.exists():
        return Corpus(root, uuid.uuid4().hex, [])
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CodecError(f"format is not {FORMAT!r}")
        entries = decode(list[SourceEntry], data.get("sources"))
        corpus_id = decode(str, data.get("corpusId"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise InputError(
            str(manifest), f"damaged corpus manifest ({err.__class__.__name__}: {err})"
        ) from None
    assert isinstance(entries, list) and isinstance(corpus_id, str)
    return Corpus(root, corpus_id, [e for e in entries if isinstance(e, SourceEntry)])


@contextmanager
def writing(root: Path) -> Iterator[Corpus]:
    """The corpus in `root`, locked against other writers for the duration; a second writer fails at once
    with a one-line error rather than waiting on an ingest that may take minutes."""
    if root.exists() and not root.is_dir():
        raise InputError(str(root), "not a directory")
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                str(root), "another kg process is writing this corpus; try again when it ends"
            ) from None
        try:
            yield open_corpus(root)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def reset(root: Path) -> int:
    """Empty the corpus in `root` (manifest, records and graph.json); returns how many sources it held."""
    with writing(root) as corpus:
        if not corpus.manifest.exists():
            raise InputError(str(root), "not a corpus (nothing has been ingested into it)")
        held = len(corpus.entries)
        for folder in (RECORDS, PARTS, SKETCHES, COPIES):
            shutil.rmtree(root / folder, ignore_errors=True)
        (root / "graph.json").unlink(missing_ok=True)
        corpus.manifest.unlink()
    return held


def new_entry(
    file: str, sha256: str, pages: int, documents: int, extractors: str, left_out: tuple[str, ...] = ()
) -> SourceEntry:
    """A manifest entry stamped with the current time (UTC); with the budget in force when documents were
    `left_out`."""
    added = datetime.now(UTC).replace(microsecond=0).isoformat()
    return SourceEntry(
        file, sha256, pages, documents, added, extractors, left_out, budget_version() if left_out else ""
    )


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (what `read_source` records as the source's sha256)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _json_bytes(data: JsonValue) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def default_corpus() -> Path:
    """The per-user corpus that ingests without --out go to: $POLICY_KG_HOME/corpus."""
    from kg.neo4j.home import data_root

    return data_root() / "corpus"
