"""ingest/data/bodies.toml: every ending's and every kind's example read by the compiled patterns."""

from __future__ import annotations

import re

import pytest

from ingest.extractors.units import looks_like_unit, unit_kind
from ingest.lexicon.bodies import DEFAULT_KIND, bodies
from ingest.lexicon.textmask import mask_unit_lists

TABLE = bodies()


@pytest.mark.parametrize("row", TABLE.endings, ids=lambda r: r.ending)
def test_every_ending_example_ends_as_its_group_says(row) -> None:
    assert bool(TABLE.unit_ending.search(row.example)) == (row.group != "category")
    assert bool(TABLE.body_ending.search(row.example)) == (row.group == "organ")
    assert bool(TABLE.addressee_ending.search(row.example)) == (row.group != "place")
    assert looks_like_unit(row.example) or row.group == "category"
    ends_there = [m.end() for m in TABLE.organ_ending.finditer(row.example + "负责")]
    assert (len(row.example) in ends_there) == (row.group == "organ")


@pytest.mark.parametrize("row", [r for r in TABLE.endings if r.running_text], ids=lambda r: r.ending)
def test_every_running_text_ending_closes_an_actor(row) -> None:
    actor = re.compile(f"(?:{TABLE.actor_endings})负责")
    assert actor.search(row.example + "负责推进").end() == len(row.example) + 2


@pytest.mark.parametrize("row", [r for r in TABLE.endings if r.not_after], ids=lambda r: r.ending)
def test_an_ending_after_its_exception_is_an_ordinary_word(row) -> None:
    assert TABLE.body_ending.search(row.example)
    for before in row.not_after:
        assert not TABLE.body_ending.search("推进" + before + row.ending)
    assert not TABLE.body_ending.search("一网通办")


@pytest.mark.parametrize("row", [r for r in TABLE.endings if r.group == "organ"], ids=lambda r: r.ending)
def test_an_ending_of_ordinary_words_does_not_end_a_list_item(row) -> None:
    assert bool(TABLE.list_item_ending.search("某" + row.ending)) != row.also_ordinary


def test_a_parenthesis_of_ordinary_words_is_not_masked_as_a_unit_list() -> None:
    text = "向住所（主要经营场所、经营场所）所在地办理，（市商务委、市财政局）"
    assert mask_unit_lists(text, "_") == "向住所（主要经营场所、经营场所）所在地办理，" + "_" * 11


@pytest.mark.parametrize("row", [r for r in TABLE.endings if r.takes_list_level], ids=lambda r: r.ending)
def test_every_department_ending_takes_the_list_level(row) -> None:
    assert TABLE.department_ending.search(row.example)
    assert not TABLE.department_ending.search("上海海关")


@pytest.mark.parametrize("row", [r for r in TABLE.endings if r.branch], ids=lambda r: r.ending)
def test_every_branch_ending_is_found_inside_a_name(row) -> None:
    assert TABLE.branch.search(row.example + "办公室").group() == row.ending


@pytest.mark.parametrize("row", TABLE.kinds, ids=lambda r: r.kind)
def test_every_kind_example_is_of_its_kind(row) -> None:
    assert TABLE.kind_of(row.example) == unit_kind(row.example) == row.kind


def test_a_name_no_kind_matches_is_a_department_and_prefixes_are_levels() -> None:
    assert TABLE.kind_of("市商务委") == DEFAULT_KIND == "department"
    assert TABLE.generic_start.match("有关部门") and not TABLE.generic_start.match("市有关部门")
    assert "市商务委".startswith(TABLE.level_prefixes)
