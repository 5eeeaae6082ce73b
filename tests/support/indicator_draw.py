"""The held-back draws of tests/data/indicator_labels.json (docs/indicator-labels.md): 14 measures a province,
`random.Random(seed).sample` over the uid-sorted measures of each province of the sample's graph (provinces
sorted, one generator for the six in turn), leaving out the measures already labelled.

A next round draws its set with `python -m tests.support.indicator_draw GRAPH SEED` (the uids, one a line)."""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PER_PROVINCE = 14


def draw(graph: dict[str, Any], seed: int, labelled: Iterable[str]) -> list[str]:
    """The uids of a held-back draw from a graph.json's measures, provinces in sorted order."""
    left_out = set(labelled)
    provinces = {
        n["id"]: n["properties"].get("province") for n in graph["nodes"] if "Document" in n["labels"]
    }
    measures: dict[str, list[str]] = defaultdict(list)
    for node in graph["nodes"]:
        if "Measure" in node["labels"] and node["id"] not in left_out:
            measures[provinces[node["properties"]["document"]]].append(node["id"])
    rng = random.Random(seed)
    return [uid for p in sorted(measures) for uid in rng.sample(sorted(measures[p]), PER_PROVINCE)]


def main(graph_path: str, seed: str, labels_path: str = "tests/data/indicator_labels.json") -> None:
    """Print a fresh draw from GRAPH, leaving out every measure of the label file."""
    labels = json.loads(Path(labels_path).read_text(encoding="utf-8"))["measures"]
    graph = json.loads(Path(graph_path).read_text(encoding="utf-8"))
    sys.stdout.write("".join(f"{uid}\n" for uid in draw(graph, int(seed), (m["uid"] for m in labels))))


if __name__ == "__main__":
    main(*sys.argv[1:])
