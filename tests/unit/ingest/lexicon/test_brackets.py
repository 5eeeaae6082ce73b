"""Bracket-aware scanning, on short strings written for the test."""

from __future__ import annotations

from ingest.lexicon.brackets import PARENTHESES, TITLE_MARKS


def test_depth_and_matching_bracket_of_any_width() -> None:
    text = "（市商务局（自贸委）、钱江海关)等"
    assert PARENTHESES.depth(text, 6) == 2 and PARENTHESES.depth(text, len(text)) == 0
    assert PARENTHESES.depths(text) == [PARENTHESES.depth(text, i) for i in range(len(text) + 1)]
    closes, unclosed = PARENTHESES.pairs(text)
    assert closes == {0: text.index(")"), 5: text.index("）")} and unclosed == []
    assert list(PARENTHESES.groups(text, window=5)) == [(5, 10)]
    assert PARENTHESES.depth("）", 1) == -1


def test_pairs_name_the_openings_nothing_closes_and_ignore_stray_closings() -> None:
    text = "）（A（B）（"
    closes, unclosed = PARENTHESES.pairs(text)
    assert closes == {3: 5} and unclosed == [1, 6]
    assert PARENTHESES.pairs(text, 2, 5) == ({}, [3])


def test_outermost_groups_skip_an_opening_that_nothing_closes() -> None:
    text = "推进（未闭合〔市商务委〕和【市财政局】"
    assert [text[s:e] for s, e in PARENTHESES.groups(text)] == ["〔市商务委〕", "【市财政局】"]
    titles = "根据《关于印发《X》的通知》和《Y》"
    assert [titles[s:e] for s, e in TITLE_MARKS.groups(titles)] == ["《关于印发《X》的通知》", "《Y》"]


def test_split_outside_brackets_keeps_empty_parts_and_the_tail() -> None:
    assert PARENTHESES.split("各市、县（市、区）人民政府，", "、，") == [
        ("各市", 0),
        ("县（市、区）人民政府", 3),
        ("", 14),
    ]
    assert PARENTHESES.split("A）、B（C", "、") == [("A）", 0), ("B（C", 3)]


def test_list_end_is_the_first_stop_or_an_unmatched_closing_bracket() -> None:
    text = "市商务委（牵头）、市财政局）。其他"
    assert PARENTHESES.list_end(text, 0, len(text), "。") == text.index("）。")
    assert PARENTHESES.list_end("市商务委。", 0, 5, "。") == 4
    assert PARENTHESES.list_end("市商务委", 0, 4, "。") == 4
