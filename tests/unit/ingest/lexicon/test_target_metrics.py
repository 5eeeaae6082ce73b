"""ingest/data/target_metrics.toml: every section's example gives its metric, and every word does its job."""

from __future__ import annotations

import pytest

from ingest.extractors.targets import extract_targets
from ingest.lexicon.target_metrics import MetricWords, target_metrics

TABLE = target_metrics()


def _metric(text: str) -> str | None:
    [target] = extract_targets(text)
    return target.metric


@pytest.mark.parametrize("section", TABLE.sections(), ids=lambda s: s.example)
def test_every_example_gives_its_metric(section: MetricWords) -> None:
    assert _metric(section.example) == (section.metric or None)


def test_every_lead_and_tail_word_is_cut_from_the_metric() -> None:
    assert _metric("到2025年底办理时间压缩至3个工作日。") == "办理时间"  # the lead section's pattern
    for word in TABLE.lead.words:
        assert _metric(f"{word}办理时间压缩至3个工作日。") == "办理时间", word
    for word in TABLE.tail.words:
        assert _metric(f"办理时间{word}压缩至3个工作日。") == "办理时间", word


def test_every_anchor_word_leaves_a_time_limit_without_metric() -> None:
    for word in TABLE.anchors.words:
        assert _metric(f"登记机关受理申请{word}3个工作日内办结。") is None, word


def test_every_head_word_lets_a_time_limit_name_its_metric() -> None:
    assert _metric("登记机关3个工作日内办结。") is None  # an agent: no head word
    for word in TABLE.heads.words:
        assert _metric(f"企业{word}不超过3个工作日。") == f"企业{word}", word
