"""ECHOES direction on the sample's graph (issue 12): vertical whenever the two documents' levels are known and
differ, from the lower level to the higher, whatever their provinces; horizontal only at the same level."""

from __future__ import annotations

from collections import Counter

from kg.graphmodel import LEVEL_RANK


def test_echoes_are_vertical_when_levels_differ_whatever_the_provinces(sample_graph: dict) -> None:
    docs = {n["id"]: n["properties"] for n in sample_graph["nodes"] if "Document" in n["labels"]}
    doc_of = {r["end"]: r["start"] for r in sample_graph["relationships"] if r["type"] == "HAS_MEASURE"}
    seen: Counter[tuple[str, bool]] = Counter()
    for r in sample_graph["relationships"]:
        if r["type"] != "ECHOES":
            continue
        start, end = docs[doc_of[r["start"]]], docs[doc_of[r["end"]]]
        levels = (LEVEL_RANK.get(start.get("level", "")), LEVEL_RANK.get(end.get("level", "")))
        direction = r["properties"]["direction"]
        if None not in levels and levels[0] != levels[1]:
            assert direction == "vertical" and levels[0] < levels[1], (r, levels)
        else:
            assert direction == "horizontal", (r, levels)
        seen[(direction, start.get("province") == end.get("province"))] += 1
    # pairs at different levels in different provinces are vertical too
    assert seen[("vertical", False)] >= 20
    assert seen[("horizontal", True)] and seen[("vertical", True)]
