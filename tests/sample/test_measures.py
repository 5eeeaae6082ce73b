"""Measures of the real sample against the answer key, and in the graph `kg ingest` builds."""

from __future__ import annotations

import pytest

from ingest.model import DocumentText
from kg.eval.documents import match_documents
from kg.eval.measures import compare, score_measures, summarize
from tests.support.gold_docs import gold
from tests.support.measure_texts import measures_of
from tests.support.paths import GOLD

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="the answer key lives in ../shared/eval")

ROLES = ("lead", "support", "responsible")


def _key_docs() -> list[dict]:
    return [entry for entry in gold() if entry["measures"] is not None]


def test_measure_annotated_documents_meet_the_floors(gold_documents: dict[str, DocumentText]) -> None:
    totals: dict[str, int] = {}
    for entry in _key_docs():
        records = measures_of(gold_documents[entry["id"]], issue_date=entry["date"])
        predicted = [
            {"no": m.no, **{r: [u.as_printed for u in m.units if u.role == r] for r in ROLES}}
            for m in records
            if m.leaf
        ]
        for key, value in compare(entry["measures"], predicted).items():
            totals[key] = totals.get(key, 0) + value
    s = summarize(totals)
    assert s["gold_measures"] > 200
    assert s["measure_recall"] >= 0.95 and s["measure_precision"] >= 0.95
    assert s["pair_f1"] >= 0.90
    assert s["role_accuracy"] >= 0.95


def test_graph_scores_through_the_lead_matching(sample_graph: dict) -> None:
    s = score_measures(gold(), sample_graph, match_documents(gold(), sample_graph))
    assert s["measure_recall"] >= 0.95 and s["pair_f1"] >= 0.90 and s["role_accuracy"] >= 0.95


def test_every_measure_of_the_sample_is_in_the_graph_with_its_pages(
    sample_graph: dict, gold_documents: dict[str, DocumentText]
) -> None:
    measures = [n for n in sample_graph["nodes"] if "Measure" in n["labels"]]
    documents = {n["id"]: n["properties"] for n in sample_graph["nodes"] if "Document" in n["labels"]}
    expected = sum(len(measures_of(doc)) for doc in gold_documents.values())
    assert len(measures) >= expected > 1000
    owner = {r["end"]: r["start"] for r in sample_graph["relationships"] if r["type"] == "HAS_MEASURE"}
    for node in measures:
        props = node["properties"]
        doc = documents[owner[node["id"]]]
        assert doc["pageStart"] <= props["pageStart"] <= props["pageEnd"] <= doc["pageEnd"]
    parents = {r["start"]: r["end"] for r in sample_graph["relationships"] if r["type"] == "PART_OF"}
    assert all(owner[child] == owner[parent] for child, parent in parents.items())


def test_shanghai_printed_forms_resolve_to_one_body(sample_graph: dict) -> None:
    agencies = {
        n["properties"]["name"]: n["properties"] for n in sample_graph["nodes"] if "Agency" in n["labels"]
    }
    commerce = agencies["上海市商务委员会"]
    assert {"市商务委", "上海市商务委员会"} <= set(commerce["aliases"])
    assert {"市发改委", "市发展改革委"} <= set(agencies["上海市发展和改革委员会"]["aliases"])
    names = [n["properties"]["name"] for n in sample_graph["nodes"] if "Agency" in n["labels"]]
    assert "市商务委" not in names
