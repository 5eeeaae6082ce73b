"""ingest/data/unit_labels.toml: every row's example read by the compiled patterns, and by the unit reader."""

from __future__ import annotations

import pytest

from ingest.lexicon.unit_labels import unit_labels
from tests.support.measure_texts import measures_of, notice, units_of

TABLE = unit_labels()


@pytest.mark.parametrize("row", TABLE.labels, ids=lambda r: r.word)
def test_every_label_example_is_read_with_its_role(row) -> None:
    match = TABLE.label.search(row.example)
    assert match is not None and match.group(1) == row.word
    assert TABLE.label_role(row.word) == row.role
    assert TABLE.label_opening.match("（" + row.example)
    assert TABLE.labelled_tail.search("推进改革（" + row.example + "）").start() == 4


@pytest.mark.parametrize("row", TABLE.labels, ids=lambda r: r.word)
def test_every_label_assigns_its_role_in_a_measure(row) -> None:
    label = row.example.split("：")[0]
    measure = measures_of(notice(f"1.推进改革。（{label}：市商务委、市财政局）"))[0]
    assert units_of(measure) == [("市商务委", row.role), ("市财政局", row.role)]


@pytest.mark.parametrize("row", TABLE.verbs, ids=lambda r: r.word)
def test_every_role_verb_example_is_a_role_phrase(row) -> None:
    match = TABLE.role_phrase.match(row.example)
    assert match is not None and match.group("verb") == row.word
    assert TABLE.verb_role(row.word) == row.role


@pytest.mark.parametrize("row", TABLE.lead_rules, ids=lambda r: r.example)
def test_every_lead_rule_example_makes_the_first_unit_lead(row) -> None:
    assert TABLE.first_leads.search(row.example)
    measure = measures_of(notice(f"{row.example}。\n1.推进改革。（责任单位：市商务委、市财政局）"))[0]
    assert units_of(measure) == [("市商务委", "lead"), ("市财政局", "responsible")]


@pytest.mark.parametrize("row", TABLE.list_notes + TABLE.task_labels, ids=lambda r: r.example)
def test_every_note_and_task_label_example_matches(row) -> None:
    assert row.pattern.search(row.example)


def test_running_text_roles_and_trailing_verbs() -> None:
    assert TABLE.role_after("牵头推进") == "lead"
    assert TABLE.role_after("要积极配合") == "support"
    assert TABLE.role_after("负责落实") == "responsible"
    assert TABLE.trailing_verb.sub("", "各区政府按照职责负责") == "各区政府"
    assert TABLE.rule_clause.search("市商务委（排在第一位的为牵头单位）")


@pytest.mark.parametrize("row", TABLE.joiners, ids=lambda r: r.word)
def test_every_joiner_example_reads_as_the_units_it_gives(row) -> None:
    pattern = TABLE.and_joiner if row.joins == "and" else TABLE.etc_joiner
    assert pattern.search(row.example).group() == row.word
    measure = measures_of(notice(f"1.推进改革。（责任单位：{row.example}）"))[0]
    assert [u.as_printed for u in measure.units] == list(row.gives)


@pytest.mark.parametrize(
    ("row", "word"),
    [(r, w) for r in TABLE.joiners for w in r.not_before],
    ids=lambda x: getattr(x, "word", x),
)
def test_a_joiner_before_its_not_before_word_joins_nothing(row, word) -> None:
    pattern = TABLE.and_joiner if row.joins == "and" else TABLE.etc_joiner
    assert not pattern.search(f"各区政府{row.word}{word}有关部门")
    measure = measures_of(notice(f"1.推进改革。（责任单位：各区政府{row.word}{word}有关部门）"))[0]
    assert [u.as_printed for u in measure.units] == [f"各区政府{row.word}{word}有关部门"]
