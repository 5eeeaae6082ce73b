"""The extractor version: a hash of the ingest package's code and rule tables, so that records stored in a
corpus are re-extracted exactly when the code or a table that produced them changes."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import ingest

KINDS = {".py", ".toml", ".json", ".txt"}


@cache
def extractor_version() -> str:
    """SHA-256 (first 16 hex digits) over the relative paths and bytes of every code and data file of
    the ingest package."""
    root = Path(ingest.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in KINDS and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
