"""Stable uids: the same input gives the same uid on every run and machine (content-scoped, never positional)."""

from __future__ import annotations

import hashlib


def stable_uid(kind: str, *parts: object) -> str:
    """`kind:` followed by a short hash of the parts (None and '' are distinct from each other)."""
    key = "\x1f".join("\x00" if p is None else str(p) for p in parts)
    return f"{kind}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
