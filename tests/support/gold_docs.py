"""Test helper: the sample's notices (ingest.segment) matched to the answer key's documents."""

from __future__ import annotations

import json
from functools import cache

from ingest.extractors.header import extract_header
from ingest.model import DocumentText, squeeze
from ingest.segment import segment_pages
from ingest.sources.auto import read_source
from tests.support.paths import GOLD, SAMPLE


@cache
def gold() -> list[dict]:
    """The answer key's documents, in compilation order."""
    return json.loads(GOLD.read_text(encoding="utf-8"))


@cache
def sample_documents() -> tuple[DocumentText, ...]:
    """Every notice of the sample, as the segmenter cuts them."""
    source = read_source(SAMPLE)
    return tuple(segment_pages(source.pages, source.file))


@cache
def gold_documents() -> dict[str, DocumentText]:
    """Gold id -> the sample notice whose title and first page match it."""
    by_key = {}
    for doc in sample_documents():
        title = squeeze(extract_header(doc).title)
        by_key[(title[:24], doc.page_start)] = doc
    out = {}
    for entry in gold():
        key = (squeeze(entry["title"])[:24], entry["page_start"])
        if key in by_key:
            out[entry["id"]] = by_key[key]
    return out
