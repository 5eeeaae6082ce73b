"""A Cypher script that rebuilds the graph in an empty Neo4j database (cypher-shell -f, or statement by statement).

One statement per line, each ending in `;`: uniqueness constraints on `uid` for every label, then nodes and
relationships in batches of BATCH rows. No APOC, no parameters.

A batch is one string literal: its rows joined by a row separator RS, a row's fields by a field separator
FS. The first character of a field says its type; a property the row lacks is an empty field, decoded to
null, so never set:

    s<text>    a string                       b<true|false>   a bool
    i<digits>  an integer (toInteger)         l(LS<item>)*    a list of strings, each item after LS
    f<repr>    a float (toFloat of repr)      (empty)         no such property

FS, RS and LS are U+001F, U+001E and U+001D unless a string of the batch holds one (then the next free
character). A node's row is its uid, then its properties in the order of the SET; a relationship's row is
the uids of its start and end, then its properties:

    UNWIND split('s<uid>FSs<text>FSi12RSs<uid>FSFSi3...', RS) AS line
    WITH [x IN split(line, FS) | CASE left(x, 1) WHEN 's' THEN substring(x, 1) ... END] AS v
    CREATE (n:Measure {uid: v[0]}) SET n.heading = v[1], n.pageStart = v[2];

Neo4j plans a long string literal far faster than the same rows as a list of maps (or a list of any
literals): the sample replays in about 3 s, against 98 s for `UNWIND [{uid: ..., props: {...}}, ...]`
(bench/bench_cypher_replay.py).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, count
from pathlib import Path

import networkx as nx

from kg.export.texts import free_characters, value_texts
from kg.graphmodel import node_labels, node_properties, relationships

# Rows a statement: each statement costs some planning of its own; 500 rows replay the sample ~25% slower.
BATCH = 2000
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Line breaks that JSON leaves raw but str.splitlines() breaks on: the script stays one statement a line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_FLOAT_WORDS = {"inf": "Infinity", "-inf": "-Infinity", "nan": "NaN"}  # as toFloat reads them
_DECODE = (
    "CASE left(x, 1) WHEN 's' THEN substring(x, 1) WHEN 'i' THEN toInteger(substring(x, 1)) "
    "WHEN 'f' THEN toFloat(substring(x, 1)) WHEN 'b' THEN substring(x, 1) = 'true' "
    "WHEN 'l' THEN tail(split(substring(x, 1), {ls})) END"
)

Row = tuple[list[str], dict[str, object]]  # the uids that start the row, and the properties


def name(identifier: str) -> str:
    """A label, type or key as Cypher writes it (backticks when it is not a plain identifier)."""
    return identifier if _IDENT.match(identifier) else "`" + identifier.replace("`", "``") + "`"


def literal(text: str) -> str:
    """A Cypher string literal: JSON's escapes, a quote escaped, and no raw line break of any kind."""
    return "'" + json.dumps(text, ensure_ascii=False)[1:-1].replace("'", "\\'").translate(_LINE_BREAKS) + "'"


def field(value: object, ls: str) -> str:
    """One property as a row field: its type letter, then its text (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "btrue" if value else "bfalse"
    if isinstance(value, int):
        return f"i{value}"
    if isinstance(value, float):
        return "f" + _FLOAT_WORDS.get(repr(value), repr(value))
    if isinstance(value, str):
        return "s" + value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "l" + "".join(ls + item for item in value)
    raise TypeError(
        f"no Cypher script field for {value!r}: graph.json holds strings, numbers, bools, lists of strings"
    )


def separators(texts: Iterable[str]) -> tuple[str, str, str]:
    """FS, RS and LS: the first three of U+001F, U+001E, ..., U+0010, U+E000, U+E001, ... that no text holds."""
    fs, rs, ls = free_characters(texts, map(chr, chain(range(0x1F, 0x0F, -1), count(0xE000))), 3)
    return fs, rs, ls


def _strings(rows: list[Row]) -> Iterator[str]:
    for uids, props in rows:
        yield from uids
        yield from value_texts(props.values())


def _unwind(rows: list[Row]) -> tuple[str, list[str]]:
    """`UNWIND split(...) AS line WITH [...] AS v` for the rows, and the property keys in the order of the fields."""
    fs, rs, ls = separators(_strings(rows))
    keys = sorted({key for _, props in rows for key in props})
    lines = [
        fs.join(["s" + uid for uid in uids] + [field(props.get(k), ls) for k in keys]) for uids, props in rows
    ]
    decode = _DECODE.format(ls=literal(ls))
    head = f"UNWIND split({literal(rs.join(lines))}, {literal(rs)}) AS line"
    return f"{head} WITH [x IN split(line, {literal(fs)}) | {decode}] AS v", keys


def _sets(var: str, keys: list[str], first: int) -> str:
    """` SET var.key = v[i], ...` for the keys, whose fields start at v[first]; empty without keys."""
    if not keys:
        return ""
    return " SET " + ", ".join(f"{var}.{name(k)} = v[{first + i}]" for i, k in enumerate(keys))


def _batches(rows: list[Row]) -> Iterator[list[Row]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def statements(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The script's statements, in order, each one line ending with `;`."""
    by_labels: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for node in graph:
        props = {k: v for k, v in node_properties(graph, node).items() if k != "uid"}
        by_labels[tuple(node_labels(graph, node))].append(([node], props))
    for label in sorted({label for labels in by_labels for label in labels}):
        yield f"CREATE CONSTRAINT {name('uid_' + label)} IF NOT EXISTS FOR (n:{name(label)}) REQUIRE n.uid IS UNIQUE;"
    for labels, nodes in sorted(by_labels.items()):
        pattern = "".join(":" + name(label) for label in labels)
        for batch in _batches(nodes):
            unwind, keys = _unwind(batch)
            yield f"{unwind} CREATE (n{pattern} {{uid: v[0]}}){_sets('n', keys, 1)};"
    grouped: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for start, end, rel_type, props in relationships(graph):
        first = (node_labels(graph, start) or [""])[0], (node_labels(graph, end) or [""])[0]
        grouped[(rel_type, *first)].append(([start, end], props))
    for (rel_type, start_label, end_label), rels in sorted(grouped.items()):
        a = f"(a:{name(start_label)} {{uid: v[0]}})" if start_label else "(a {uid: v[0]})"
        b = f"(b:{name(end_label)} {{uid: v[1]}})" if end_label else "(b {uid: v[1]})"
        for batch in _batches(rels):
            unwind, keys = _unwind(batch)
            yield f"{unwind} MATCH {a} MATCH {b} CREATE (a)-[r:{name(rel_type)}]->(b){_sets('r', keys, 2)};"


def write_cypher(graph: nx.MultiDiGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("// policy-kg graph: run into an empty database, e.g. cypher-shell -f this-file\n")
        for statement in statements(graph):
            handle.write(statement + "\n")
