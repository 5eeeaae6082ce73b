"""Per-user cache of pages extracted from PDFs (by pdfminer or OCR), keyed by the file's SHA-256.

Location: `$POLICY_KG_CACHE/pages/<sha256>.json` when POLICY_KG_CACHE is set, else
`$XDG_CACHE_HOME/policy-kg/pages/` (default `~/.cache/policy-kg/pages/`). Files are written
atomically (temporary file + rename). Each file records the reader version that wrote it; a
file from another version, or an unreadable or unwritable cache, is ignored, so the cache can
only save work, never fail a run or serve pages an older reader produced.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ingest.model import Page


def cache_root() -> Path:
    """policy-kg's per-user cache: $POLICY_KG_CACHE, else $XDG_CACHE_HOME/policy-kg (~/.cache/policy-kg)."""
    override = os.environ.get("POLICY_KG_CACHE")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "policy-kg"


def cache_dir() -> Path:
    """The directory holding cached pages."""
    return cache_root() / "pages"


def cache_path(digest: str) -> Path:
    return cache_dir() / f"{digest}.json"


def load_pages(digest: str, version: str) -> list[Page] | None:
    """Cached pages of the file with this digest written by reader `version`, else None."""
    try:
        stored = json.loads(cache_path(digest).read_text(encoding="utf-8"))
        if stored.get("reader") != version or stored.get("sha256") != digest:
            return None
        return [
            Page(int(page["number"]), tuple(str(line) for line in page["lines"]), page.get("ocr") is True)
            for page in stored["pages"]
        ]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def store_pages(digest: str, pages: list[Page], version: str) -> None:
    """Write pages to the cache atomically; a cache that cannot be written is skipped."""
    record = {
        "reader": version,
        "sha256": digest,
        "pages": [{"number": page.number, "lines": list(page.lines), "ocr": page.ocr} for page in pages],
    }
    target = cache_path(digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{digest[:16]}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(temp, target)
    except OSError:
        Path(temp).unlink(missing_ok=True)
