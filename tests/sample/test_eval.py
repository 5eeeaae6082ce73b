"""The bundled sample against the development answer key: the floors issue 2 sets for the genre rules."""

from datetime import date
from functools import cache

import pytest

from kg.eval.documents import evaluate, load_gold
from kg.graphjson import graph_to_dict
from kg.pipeline import ingest_paths
from tests.support.paths import GOLD, SAMPLE

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="the answer key lives in ../shared/eval")


@cache
def scores() -> dict:
    result = ingest_paths([SAMPLE], as_of=date(2023, 12, 31), nlp=False)
    return evaluate(load_gold(GOLD), graph_to_dict(result.graph, result.meta))


def test_segmentation():
    seg = scores()["segmentation"]
    assert seg["precision"] >= 0.98
    assert seg["recall"] >= 0.98


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "date",
        "doc_number",
        "issuers",
        "province",
        "city",
        "level",
        "district",
        "doc_type",
        "draft",
        "effective_date",
        "expiry_date",
        "validity_text",
    ],
)
def test_document_fields(field):
    assert scores()["fields"][field] >= 0.95


def test_citations_and_supersedes():
    assert scores()["citations"]["f1"] >= 0.90
    assert scores()["supersedes"]["f1"] >= 0.90


def test_whole_sample_segments_into_86_notices_with_misfiled_ones_placed_by_issuer():
    result = ingest_paths([SAMPLE], as_of=date(2023, 12, 31), nlp=False)
    docs = [r for r in result.documents]
    assert len(docs) == 86
    misfiled = [r for r in docs if r.text.section == "江苏" and r.jurisdiction.province != "江苏省"]
    assert {r.jurisdiction.province for r in misfiled} == {"安徽省", "山东省"}
    assert any("printed on 2 different notices" in w for w in result.warnings)
