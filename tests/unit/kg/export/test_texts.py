"""The texts of graph.json values, and characters none of them holds (kg.export.texts)."""

from __future__ import annotations

from kg.export.texts import free_characters, value_texts


def test_value_texts_are_the_strings_and_the_strings_in_lists() -> None:
    values: list[object] = ["a", 3, 1.5, True, ["b", "c"], [], None]
    assert list(value_texts(values)) == ["a", "b", "c"]


def test_free_characters_skip_what_any_text_holds() -> None:
    assert free_characters(["a|b", "c¦"], ("|", "¦", "\u241f", "#"), 1) == ["\u241f"]
    assert free_characters(["xy"], "xyzw", 2) == ["z", "w"]


def test_free_characters_are_fewer_when_the_candidates_run_out() -> None:
    assert free_characters(["|¦"], ("|", "¦"), 1) == []
