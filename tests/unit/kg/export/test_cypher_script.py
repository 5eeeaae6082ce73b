"""The Cypher script's batch encoding: string literals, typed fields, separators no value holds.

tests/e2e/test_export_roundtrip.py replays scripts into Neo4j and reads every value back; these pin the
encoding the statements decode.
"""

from __future__ import annotations

import pytest

from kg.export.cypher_script import field, literal, separators, statements
from kg.graphjson import dict_to_graph

LS = "\x1e"


def test_literal_escapes_quotes_backslashes_and_every_line_break() -> None:
    assert literal('它\'s \\ "x"\n') == "'它\\'s \\\\ \\\"x\\\"\\n'"
    breaks = "a\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x1fi\x85j\u2028k\u2029l"
    assert literal(breaks).splitlines() == [literal(breaks)]
    assert literal("\u2028\x85") == "'\\u2028\\u0085'"
    assert literal("\x00\x1f") == "'\\u0000\\u001f'"


def test_literal_keeps_other_unicode_as_it_is() -> None:
    assert literal("沪府办〔2023〕1号 😀 é") == "'沪府办〔2023〕1号 😀 é'"


def test_scalar_fields_carry_their_type_letter() -> None:
    assert field("", LS) == "s"
    assert field("a'b", LS) == "sa'b"
    assert field(None, LS) == ""
    assert (field(True, LS), field(False, LS)) == ("btrue", "bfalse")
    assert (field(0, LS), field(2**63 - 1, LS), field(-(2**63), LS)) == (
        "i0",
        "i9223372036854775807",
        "i-9223372036854775808",
    )


@pytest.mark.parametrize("value", [0.1, 1 / 3, 5e-324, 1.7976931348623157e308, 1e22, -0.0, 2.0, 0.96875])
def test_float_fields_read_back_exactly(value: float) -> None:
    text = field(value, LS)
    assert text[0] == "f" and float(text[1:]) == value and str(float(text[1:])) == repr(value)


def test_float_fields_name_infinities_as_to_float_reads_them() -> None:
    assert field(float("inf"), LS) == "fInfinity"
    assert field(float("-inf"), LS) == "f-Infinity"
    assert field(float("nan"), LS) == "fNaN"


def test_list_fields_put_the_separator_before_each_item() -> None:
    assert field([], LS) == "l"
    assert field([""], LS) == "l" + LS
    assert field(["", ""], LS) == "l" + LS + LS
    assert field(["市政府", "办公厅"], LS) == f"l{LS}市政府{LS}办公厅"


@pytest.mark.parametrize("value", [{"a": 1}, [1, 2], ["a", None], (1,)])
def test_values_outside_graph_json_types_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="no Cypher script field"):
        field(value, LS)


def test_separators_are_characters_no_text_holds() -> None:
    assert separators(["abc", "市政府"]) == ("\x1f", "\x1e", "\x1d")
    assert separators(["a\x1fb", "\x1d"]) == ("\x1e", "\x1c", "\x1b")
    crowded = "".join(map(chr, range(0x10, 0x20)))
    assert separators([crowded, "\ue000"]) == ("\ue001", "\ue002", "\ue003")


def test_a_value_holding_the_default_separator_moves_it() -> None:
    graph = dict_to_graph(
        {
            "nodes": [{"id": "a", "labels": ["X"], "properties": {"uid": "a", "t": "1\x1f2", "l": ["\x1e"]}}],
            "relationships": [],
        }
    )
    create = next(s for s in statements(graph) if s.startswith("UNWIND"))
    assert "split(line, '\\u001d')" in create and "tail(split(substring(x, 1), '\\u001b'))" in create
    assert "UNWIND split('sa\\u001dl\\u001b\\u001e\\u001ds1\\u001f2', '\\u001c') AS line" in create


def test_rows_leave_missing_properties_empty_and_set_them_by_position() -> None:
    graph = dict_to_graph(
        {
            "nodes": [
                {"id": "d1", "labels": ["Document"], "properties": {"uid": "d1", "pageStart": 3}},
                {"id": "d2", "labels": ["Document"], "properties": {"uid": "d2", "title": "T"}},
            ],
            "relationships": [{"type": "CITES", "start": "d1", "end": "d2", "properties": {}}],
        }
    )
    body = list(statements(graph))
    nodes = next(s for s in body if "CREATE (n:Document" in s)
    assert nodes.startswith(
        "UNWIND split('sd1\\u001fi3\\u001f\\u001esd2\\u001f\\u001fsT', '\\u001e') AS line"
    )
    assert nodes.endswith("CREATE (n:Document {uid: v[0]}) SET n.pageStart = v[1], n.title = v[2];")
    cites = next(s for s in body if "CITES" in s)
    assert cites.startswith("UNWIND split('sd1\\u001fsd2', '\\u001e') AS line")
    assert cites.endswith(
        "MATCH (a:Document {uid: v[0]}) MATCH (b:Document {uid: v[1]}) CREATE (a)-[r:CITES]->(b);"
    )
