"""pkuseg in a process pool on the answer key's measures of the sample: the words one process gives."""

from __future__ import annotations

from ingest.nlp import segmenter as nlp
from tests.support.gold_measure_texts import GoldMeasure


def test_parallel_segmentation_matches_one_process(gold_measures: tuple[GoldMeasure, ...]) -> None:
    texts = [m.text for m in gold_measures]
    assert sum(map(len, texts)) > nlp._PARALLEL_CHARS
    parallel = nlp._segment_parallel(texts, 2)
    assert [list(w) for w in parallel[:20]] == [list(w) for w in nlp._segment(texts[:20])]
    assert ["".join(w) for w in parallel] == texts
