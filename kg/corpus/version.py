"""Versions of what made the corpus's stored files: the extractor version, a hash of the ingest package's
code and rule tables, so that records are re-extracted exactly when the code or a table that produced them
changes; the builder version, which adds kg's build code and tables, this package's storage code and
the graph.json writer, so that the documents' parts of the graph are built again exactly when any of those
changes; and the budget version, the extraction budget a source's left-out documents ran past."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import ingest
import kg
from ingest.budget import budget

KINDS = {".py", ".toml", ".json", ".txt"}
BUILDER = ("build", "data", "corpus", "graphjson.py")  # what of kg a document's part depends on


@cache
def extractor_version() -> str:
    """SHA-256 (first 16 hex digits) over the relative paths and bytes of every code and data file of
    the ingest package."""
    root = Path(ingest.__file__).resolve().parent
    return _digest(root, [root])


def builder_version() -> str:
    """The extractor version and SHA-256 (first 16 hex digits) over the code and data files of kg's build,
    data and corpus folders and its graph.json writer (a part holds its relationships' graph.json lines)."""
    return f"{extractor_version()}-{_builder_digest()}"


def budget_version() -> str:
    """The extraction budget in force ($POLICY_KG_EXTRACT_BUDGET, else the default) as `BASE,PER_KB`: a
    source some of whose documents ran past their budget is extracted again when it changes."""
    limit = budget()
    return f"{limit.base:g},{limit.per_kb:g}"


@cache
def _builder_digest() -> str:
    root = Path(kg.__file__).resolve().parent
    return _digest(root, [root / folder for folder in BUILDER])


def _digest(root: Path, folders: list[Path]) -> str:
    digest = hashlib.sha256()
    files = (p for folder in folders for p in (folder.rglob("*") if folder.is_dir() else [folder]))
    for path in sorted(p for p in files if p.suffix in KINDS and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
