"""The layout change moved code, not rules: the sample's graph equals the graph.json written before it.

The reference file was written by the code before the move (`kg ingest data/east-china-2023.txt
--as-of 2023-12-31`); it is dropped once the move has landed.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from kg.graphjson import graph_to_dict
from kg.pipeline import ingest_paths
from tests.support.paths import SAMPLE

BEFORE = Path(__file__).resolve().parents[1] / "data" / "graph-before-layout.json.gz"


def _canonical(items: list[dict]) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items)


def test_sample_graph_is_the_graph_written_before_the_move() -> None:
    before = json.loads(gzip.decompress(BEFORE.read_bytes()))
    result = ingest_paths([SAMPLE], as_of=date(2023, 12, 31))
    after = graph_to_dict(result.graph, result.meta)
    assert len(after["nodes"]) > 4000
    assert _canonical(after["nodes"]) == _canonical(before["nodes"])
    assert _canonical(after["relationships"]) == _canonical(before["relationships"])
