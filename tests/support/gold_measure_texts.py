"""Test helper: the printed text of each answer-key measure, located in the sample by its heading."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.model import Source, squeeze
from tests.support.gold_docs import gold


@dataclass(frozen=True)
class GoldMeasure:
    """One key measure with its document's id and date, and the sample text from its heading to the next."""

    doc_id: str
    doc_date: str
    entry: dict
    text: str


def gold_measures(sample: Source) -> tuple[GoldMeasure, ...]:
    """Every key measure whose heading is found in order in its document; the last one runs 600 chars."""
    text = "".join(squeeze(line) for page in sample.pages for line in page.lines)
    out = []
    for doc in gold():
        if not doc.get("measures"):
            continue
        pos = text.find(squeeze(doc["title"])[:15])
        starts = []
        for m in doc["measures"]:
            at = text.find(squeeze(m["heading"]), pos)
            starts.append(at)
            pos = at if at >= 0 else pos
        for k, m in enumerate(doc["measures"]):
            if starts[k] < 0:
                continue
            later = [s for s in starts[k + 1 :] if s > starts[k]]
            end = later[0] if later else starts[k] + 600
            out.append(GoldMeasure(doc["id"], doc["date"], m, text[starts[k] : end]))
    return tuple(out)
