"""Per-user cache of word segmentations, so a re-run does not segment the same texts again.

A SQLite file under the policy-kg cache (`ingest.sources.page_cache.cache_root()/tokens.sqlite`) maps a text's
hash and the model's identity to its words. Like the page cache it can only save work: a cache that
cannot be opened, read or written is skipped, never an error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ingest.sources.page_cache import cache_root

SEPARATOR = "\x1f"


class TokenCache:
    """Words of texts already segmented by one model, keyed by text hash."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._db: sqlite3.Connection | None = None
        try:
            root = cache_root()
            root.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(root / "tokens.sqlite", timeout=10)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS words (model TEXT, key BLOB, words TEXT, PRIMARY KEY (model, key))"
            )
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, tuple[str, ...]]:
        """The cached words of those keys that are in the cache."""
        wanted = list(keys)
        if self._db is None or not wanted:
            return {}
        found: dict[bytes, tuple[str, ...]] = {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, words FROM words WHERE model = ? AND key IN ({marks})", [self.model, *chunk]
                )
                found.update((key, tuple(words.split(SEPARATOR)) if words else ()) for key, words in rows)
        except sqlite3.Error:
            return {}
        return found

    def empty(self) -> bool:
        """Whether the cache holds no words of this model (a first run on this machine); True when it cannot
        be read."""
        if self._db is None:
            return True
        try:
            return (
                self._db.execute("SELECT 1 FROM words WHERE model = ? LIMIT 1", [self.model]).fetchone()
                is None
            )
        except sqlite3.Error:
            return True

    def put_many(self, items: dict[bytes, tuple[str, ...]]) -> None:
        """Store segmentations; skipped when the cache cannot be written."""
        if self._db is None or not items:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO words VALUES (?, ?, ?)",
                    [(self.model, key, SEPARATOR.join(words)) for key, words in items.items()],
                )
        except sqlite3.Error:
            pass
