"""Extraction time grows linearly with the text for every hostile shape of tests/support/adversarial.py
(issue 16): from 10 KB to 100 KB it may grow GROWTH-fold at most (linear is 10; fixed costs make it
less). A ratio of CPU seconds measured in this process, not a timed test; bench/bench_adversarial.py
prints the figures up to 1 MB."""

from __future__ import annotations

import pytest

from ingest.model import Source
from tests.support.adversarial import PAYLOADS, Payload, sample_source, time_extraction

GROWTH = 15.0
SMALL, LARGE = 10_000, 100_000
SMALL_BLOCKS = 3
LARGE_BLOCKS = (
    3  # the large size runs again only while its ratio is over GROWTH (a run slowed by the machine)
)
SMALL_LIMIT = 5.0  # CPU seconds: 10 KB that takes longer is broken whatever the ratio


def growth(small: Source, large: Source) -> tuple[float, float | None]:
    """(CPU seconds of one extraction at the small size, the large size's ratio to it, None when over
    GROWTH); each the fastest of a few timed blocks."""
    fastest = SMALL_LIMIT
    for _ in range(SMALL_BLOCKS):  # the first also loads the tables and patterns: the fastest is kept
        block = time_extraction(small, SMALL_LIMIT)
        assert block is not None, f"{SMALL} bytes took over {SMALL_LIMIT} s"
        fastest = min(fastest, block.seconds)
    for _ in range(LARGE_BLOCKS):
        block = time_extraction(large, GROWTH * fastest + 0.05)
        if block is not None and block.seconds <= GROWTH * fastest:
            return fastest, block.seconds / fastest
    return fastest, None


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p.name)
def test_extraction_time_grows_linearly(payload: Payload) -> None:
    small, ratio = growth(payload.source(SMALL), payload.source(LARGE))
    assert ratio is not None, f"{payload.name}: 10× the text took over {GROWTH}× the time ({small:.3f} s)"


def test_the_sample_itself_grows_linearly() -> None:
    small, ratio = growth(sample_source(SMALL), sample_source(LARGE))
    assert ratio is not None, f"the sample: 10× the text took over {GROWTH}× the time ({small:.3f} s)"
