"""Scoring measures against an answer key: hand-made key entries and graphs, so each figure is known."""

from __future__ import annotations

from kg.eval.measures import compare, predicted_measures, score_measures, summarize

KEY = [
    {
        "no": "1",
        "lead": [],
        "support": [],
        "responsible": ["市商务委", "上海海关"],
        "deadlines": [],
        "targets": [],
    },
    {
        "no": "2",
        "lead": ["市税务局"],
        "support": ["各区"],
        "responsible": [],
        "deadlines": ["2023年底前"],
        "targets": [],
    },
]


def test_perfect_prediction_scores_one() -> None:
    s = summarize(compare(KEY, KEY))
    assert (s["measure_recall"], s["pair_f1"], s["role_accuracy"], s["deadline_recall"]) == (
        1.0,
        1.0,
        1.0,
        1.0,
    )


def test_missed_measure_wrong_role_and_extra_unit() -> None:
    predicted = [
        {
            "no": "2",
            "lead": ["市税务局"],
            "support": [],
            "responsible": ["各区", "市财政局"],
            "deadlines": ["2023年底前完成"],
        }
    ]
    s = summarize(compare(KEY, predicted))
    assert s["measure_recall"] == 0.5 and s["measure_precision"] == 1.0
    assert (s["pair_precision"], s["pair_recall"]) == (round(2 / 3, 4), 0.5)
    assert s["role_accuracy"] == 0.5
    assert s["deadline_recall"] == 1.0


def _graph() -> dict:
    nodes = [
        {"id": "d", "labels": ["Document"], "properties": {"title": "t"}},
        {"id": "m0", "labels": ["Measure"], "properties": {"no": "一", "leaf": False}},
        {"id": "m1", "labels": ["Measure"], "properties": {"no": "1", "leaf": True}},
        {"id": "m2", "labels": ["Measure"], "properties": {"no": "2", "leaf": True}},
        {"id": "a", "labels": ["Agency", "ResponsibleUnit"], "properties": {"name": "上海市商务委员会"}},
        {
            "id": "b",
            "labels": ["Agency", "ResponsibleUnit"],
            "properties": {"name": "国家税务总局上海市税务局"},
        },
    ]
    rels = [{"type": "HAS_MEASURE", "start": "d", "end": m, "properties": {}} for m in ("m0", "m1", "m2")]
    rels += [
        {
            "type": "ASSIGNS",
            "start": "m0",
            "end": "a",
            "properties": {"role": "lead", "order": 1, "asPrinted": "市商务委"},
        },
        {
            "type": "ASSIGNS",
            "start": "m1",
            "end": "a",
            "properties": {"role": "responsible", "order": 1, "asPrinted": "市商务委"},
        },
        {
            "type": "ASSIGNS",
            "start": "m2",
            "end": "b",
            "properties": {"role": "lead", "order": 1, "asPrinted": "市税务局"},
        },
    ]
    return {"nodes": nodes, "relationships": rels}


def test_graph_leaves_are_read_with_units_as_printed() -> None:
    measures = predicted_measures(_graph(), "d")
    assert [(m["no"], m["lead"], m["responsible"]) for m in measures] == [
        ("1", [], ["市商务委"]),
        ("2", ["市税务局"], []),
    ]


def test_score_measures_over_key_documents() -> None:
    gold = [
        {"id": "A-01", "measures": KEY},
        {"id": "A-02", "measures": None},
        {"id": "A-03", "measures": KEY},
    ]
    s = score_measures(gold, _graph(), {"A-01": "d"})
    assert [d["id"] for d in s["documents"]] == ["A-01", "A-03"]
    assert s["gold_measures"] == 4 and s["matched_measures"] == 2
    assert s["documents"][0]["pair_recall"] == round(2 / 4, 4)
    assert s["documents"][1]["measure_recall"] == 0.0
