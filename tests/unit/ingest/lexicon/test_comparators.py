"""ingest/data/target_comparators.toml: every row's example gives a target of its comparator."""

from __future__ import annotations

import pytest

from ingest.extractors.targets import extract_targets
from ingest.lexicon.comparators import target_comparators

TABLE = target_comparators()


def _only_target(text: str):
    targets = extract_targets(text)
    assert len(targets) == 1, targets
    return targets[0]


@pytest.mark.parametrize("row", TABLE.before + TABLE.after, ids=lambda r: r.example)
def test_every_row_example_is_a_target_of_its_comparator(row) -> None:
    assert _only_target(row.example).comparator == row.comparator


@pytest.mark.parametrize("row", TABLE.before, ids=lambda r: r.example)
def test_every_before_word_commits_the_number(row) -> None:
    for word in row.words:
        gap = "专题听取" if row.gap else ""
        found = TABLE.word_before(f"每年{word}{gap}")
        assert found is not None and found[1] == row.comparator, word


@pytest.mark.parametrize("row", TABLE.after, ids=lambda r: r.example)
def test_every_after_word_commits_the_number(row) -> None:
    for word in row.words:
        assert TABLE.word_after(word + "完成") == row.comparator


def test_negations_conditions_and_caps_are_not_targets() -> None:
    assert TABLE.word_before("未达到") is None
    assert extract_targets("资金比例不得低于50%") == []
    assert extract_targets("给予最高不超过1000万元奖励") == []
    assert extract_targets("创立18个月内的小企业可以申请") == []  # a condition on who, not a target


@pytest.mark.parametrize("rule", [TABLE.names, TABLE.qualifiers, TABLE.requirements, TABLE.joined])
def test_every_exclusion_example_is_no_target(rule) -> None:
    assert extract_targets(rule.example) == []


def test_every_name_word_makes_a_time_part_of_a_name() -> None:
    assert _only_target("打造15分钟便民服务圈").value == 15
    for word in TABLE.names.words:
        assert extract_targets(f"打造15分钟便民服务圈{word}") == [], word


def test_every_qualifier_with_de_makes_a_condition() -> None:
    assert (
        _only_target("将预留份额提高至40%以上的政策延续至年底").comparator == ">="
    )  # a change, not a qualifier
    for word in TABLE.qualifiers.words:
        assert extract_targets(f"合同金额{word}100万元以上的项目，可以公开招标") == [], word


def test_every_joining_word_makes_both_thresholds_conditions() -> None:
    assert _only_target("年化担保费率不超过1%。").comparator == "<="
    for word in TABLE.joined.words:
        assert extract_targets(f"单户担保金额1000万元{word}年化担保费率不超过1%，给予补贴。") == [], word


@pytest.mark.parametrize("row", TABLE.before, ids=lambda r: r.example)
def test_the_longest_word_of_a_row_is_read_after_any_length_of_text(row) -> None:
    """word_before reads only the end of the text (the row's reach): the longest word, with its gap or a
    particle, is still found there, and a negation right before it still counts."""
    word = max(row.words, key=len)
    tail = word + ("专题听取之" if row.gap else "将")[: row.gap or 1]
    found = TABLE.word_before("推进" * 5000 + tail)
    assert found is not None and found[1] == row.comparator
    negation = max(("未", "无法", "没有", "不能"), key=len)
    assert TABLE.word_before("推进" * 5000 + negation + tail) is None
