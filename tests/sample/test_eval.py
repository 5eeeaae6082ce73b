"""The bundled sample against the development answer key: the floors issue 2 sets for the genre rules."""

import pytest

from kg.eval.documents import evaluate, load_gold
from kg.pipeline import IngestResult
from tests.support.paths import GOLD

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="the answer key lives in ../shared/eval")


@pytest.fixture(scope="module")
def scores(sample_graph: dict) -> dict:
    return evaluate(load_gold(GOLD), sample_graph)


def test_segmentation(scores: dict):
    seg = scores["segmentation"]
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
def test_document_fields(scores: dict, field):
    assert scores["fields"][field] >= 0.95


def test_citations_and_supersedes(scores: dict):
    assert scores["citations"]["f1"] >= 0.90
    assert scores["supersedes"]["f1"] >= 0.90


def test_whole_sample_segments_into_86_notices_with_misfiled_ones_placed_by_issuer(
    sample_ingest: IngestResult,
):
    docs = [r for r in sample_ingest.documents]
    assert len(docs) == 86
    misfiled = [r for r in docs if r.text.section == "江苏" and r.jurisdiction.province != "江苏省"]
    assert {r.jurisdiction.province for r in misfiled} == {"安徽省", "山东省"}
    assert any("printed on 2 different notices" in w for w in sample_ingest.warnings)
