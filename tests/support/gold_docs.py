"""Test helper: the answer key's documents, and the sample's ingested documents matched to them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from ingest.model import DocumentText, squeeze
from ingest.records import DocumentRecord
from tests.support.paths import GOLD


@cache
def gold() -> list[dict]:
    """The answer key's documents, in compilation order."""
    return json.loads(GOLD.read_text(encoding="utf-8"))


def gold_documents(records: Iterable[DocumentRecord]) -> dict[str, DocumentText]:
    """Gold id -> the text of the ingested document whose title and first page match it."""
    by_key = {(squeeze(r.header.title)[:24], r.text.page_start): r.text for r in records}
    out = {}
    for entry in gold():
        key = (squeeze(entry["title"])[:24], entry["page_start"])
        if key in by_key:
            out[entry["id"]] = by_key[key]
    return out
