"""The sample's ADDRESSES edges against measures labelled by reading (tests/data/indicator_labels.json; the rule
is docs/indicator-labels.md): precision and recall of the (measure, indicator) pairs, on the tuning set, on
heldout2 to heldout5 (held back in the second to fifth rounds, read with their errors since) and on the fresh
held-back set heldout6 (labelled before the sixth round's rules were tuned, scored once at the end)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from ingest.extractors.indicators import taxonomy
from tests.support.indicator_draw import draw
from tests.support.paths import ROOT

DATA = ROOT / "tests" / "data"
LABELS = json.loads((DATA / "indicator_labels.json").read_text(encoding="utf-8"))["measures"]
SECOND_READING = json.loads((DATA / "indicator_labels_second_reading.json").read_text(encoding="utf-8"))[
    "measures"
]
PROVINCES = {"上海市", "江苏省", "浙江省", "安徽省", "福建省", "山东省"}
HELD_BACK = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6")


def _found(graph: dict) -> dict[str, set[str]]:
    """The indicators of each measure's ADDRESSES edges in a graph.json."""
    names = {n["id"]: n["properties"]["name"] for n in graph["nodes"] if "Indicator" in n["labels"]}
    found: dict[str, set[str]] = defaultdict(set)
    for r in graph["relationships"]:
        if r["type"] == "ADDRESSES":
            found[r["start"]].add(names[r["end"]])
    return found


def _against(found: dict[str, set[str]], part: str) -> tuple[float, float]:
    """(precision, recall) of the (measure, indicator) pairs `found` gives on the labelled measures of one set."""
    tp = fp = fn = 0
    for m in (m for m in LABELS if m["set"] == part):
        right, given = set(m["indicators"]), found.get(m["uid"], set())
        tp += len(given & right)
        fp += len(given - right)
        fn += len(right - given)
    return tp / (tp + fp), tp / (tp + fn)


def _scores(graph: dict, part: str) -> tuple[float, float]:
    """(precision, recall) of the graph's ADDRESSES edges on the labelled measures of one set."""
    return _against(_found(graph), part)


def test_the_label_file_covers_the_sample(sample_graph: dict) -> None:
    """At least 200 labelled measures from all six provinces, with and without indicators, and five held-back
    draws of 14 a province (heldout2 to heldout6); every measure is in the sample's graph and every label
    is an indicator of the taxonomy."""
    assert len(LABELS) >= 200 and {m["province"] for m in LABELS} == PROVINCES
    assert {m["set"] for m in LABELS} == {"tuning", *HELD_BACK}
    for part in HELD_BACK:
        held = [m for m in LABELS if m["set"] == part]
        assert len(held) >= 80 and {m["province"] for m in held} == PROVINCES
    assert (
        sum(not m["indicators"] for m in LABELS) >= 20 and sum(bool(m["indicators"]) for m in LABELS) >= 150
    )
    uids = {n["id"] for n in sample_graph["nodes"] if "Measure" in n["labels"]}
    assert {m["uid"] for m in LABELS} <= uids and len({m["uid"] for m in LABELS}) == len(LABELS)
    names = {i.name for i in taxonomy().indicators}
    assert all(set(m["indicators"]) <= names and m["reason"] for m in LABELS)


@pytest.mark.parametrize(("part", "seed"), [("heldout4", 1204), ("heldout5", 1205), ("heldout6", 1206)])
def test_the_held_back_draws_are_reproduced_from_the_sample_graph(
    sample_graph: dict, part: str, seed: int
) -> None:
    """heldout4 to heldout6 are the draws docs/indicator-labels.md describes (14 a province, the seed, the
    measures labelled before them left out), in the order they were drawn."""
    order = ["tuning", *HELD_BACK]
    before = [m["uid"] for m in LABELS if order.index(m["set"]) < order.index(part)]
    assert draw(sample_graph, seed, before) == [m["uid"] for m in LABELS if m["set"] == part]


def test_labelled_measures_regression_floor(sample_graph: dict) -> None:
    """What the rules reach (docs/indicator-labels.md), after the sixth round: tuning 0.98 / 0.92, heldout2
    0.98 / 0.85, heldout3 0.96 / 0.93, heldout4 0.91 / 0.90, heldout5 0.95 / 0.88 (tuned on); heldout6, scored
    once at the end, 0.83 / 0.83."""
    floors = {
        "tuning": (0.98, 0.92),
        "heldout2": (0.98, 0.84),
        "heldout3": (0.95, 0.93),
        "heldout4": (0.91, 0.90),
        "heldout5": (0.95, 0.87),
        "heldout6": (0.83, 0.83),
    }
    for part, floor in floors.items():
        precision, recall = _scores(sample_graph, part)
        assert precision >= floor[0] and recall >= floor[1], (part, precision, recall)


@pytest.mark.xfail(strict=True, reason="issue 12 target not reached on heldout6: 0.83 / 0.83 (see docs)")
def test_heldout_set_reaches_the_issue_target(sample_graph: dict) -> None:
    """Issue 12: on the fresh held-back set, ADDRESSES precision >= 0.95 and recall >= 0.9."""
    precision, recall = _scores(sample_graph, "heldout6")
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)


def test_a_second_reading_of_heldout6_agrees_with_the_first_as_the_doc_says() -> None:
    """A second reader judged heldout6's measures under the same rule, blind to the first reading and to the
    edges: it covers the same measures once each, with indicators of the taxonomy; scored against the first
    reading it reaches the precision and recall docs/indicator-labels.md quotes, below the issue's 0.95
    precision (the bar a fresh draw is held to is above what two readings of the rule agree on)."""
    first = [m["uid"] for m in LABELS if m["set"] == "heldout6"]
    assert sorted(m["uid"] for m in SECOND_READING) == sorted(first) and len(first) == len(set(first))
    names = {i.name for i in taxonomy().indicators}
    assert all(set(m["indicators"]) <= names and m["reason"] for m in SECOND_READING)
    precision, recall = _against({m["uid"]: set(m["indicators"]) for m in SECOND_READING}, "heldout6")
    doc = (ROOT / "docs" / "indicator-labels.md").read_text(encoding="utf-8")
    assert f"P {precision:.3f} / R {recall:.3f}" in doc and precision < 0.95
