"""graph.json as the corpus writes it: one row a line, nodes by id, relationships by type, start, end and
then properties, whatever the graph's order; the fast paths give exactly what the plain definition gives."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.graphjson import write_graph


def _plain(graph: nx.MultiDiGraph) -> str:
    """graph.json by its definition: rows sorted by tuples, each encoded on its own."""

    def clean(props: dict) -> dict:
        return {k: v for k, v in props.items() if v is not None and v != [] and v != ""}

    nodes = [
        {"id": n, "labels": sorted(d["labels"]), "properties": clean(d["properties"])}
        for n, d in sorted(graph.nodes(data=True), key=lambda item: item[0])
    ]
    rels = [
        {"type": d["type"], "start": u, "end": v, "properties": clean(d["properties"])}
        for u, v, d in graph.edges(data=True)
    ]
    rels.sort(key=lambda r: (r["type"], r["start"], r["end"], json.dumps(r["properties"], sort_keys=True)))
    body = ""
    for key, rows in (("nodes", nodes), ("relationships", rels)):
        lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
        body += f',\n"{key}": [\n{lines}\n]' if lines else f',\n"{key}": []'
    return '{"meta": {}' + body + "}\n"


def _graph(ids: list[str], edges: list[tuple[str, str, str, dict]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for uid in ids:
        graph.add_node(uid, labels=["Document"], properties={"title": uid, "none": None, "empty": []})
    for start, end, kind, props in edges:
        graph.add_edge(start, end, type=kind, properties=props)
    return graph


def test_rows_are_ordered_and_encoded_as_defined(tmp_path: Path) -> None:
    edges = [
        ("b", "a", "CITES", {"page": 2}),
        ("a", "b", "CITES", {"page": 9, "asPrinted": "《乙》"}),
        ("a", "b", "CITES", {"page": 1, "article": None}),
        ("a", "ab", "CITES", {}),
        ("ab", "a", "CITES", {}),
        ("a", "b", "ASSIGNS", {"role": "lead"}),
        ("a", "b", "CITES", {"page": 1}),
        ("b", "b", "ECHOES", {"aliases": ["\0row\0", "x"]}),  # the line marker itself, as a value
    ]
    graph = _graph(["b", "ab", "a"], edges)
    write_graph(graph, {}, tmp_path / "graph.json")
    written = (tmp_path / "graph.json").read_text(encoding="utf-8")
    assert written == _plain(graph)
    starts = [
        r["start"] + ">" + r["end"] for r in json.loads(written)["relationships"] if r["type"] == "CITES"
    ]
    assert starts == ["a>ab", "a>b", "a>b", "a>b", "ab>a", "b>a"]


def test_ids_holding_a_nul_are_ordered_as_defined(tmp_path: Path) -> None:
    graph = _graph(
        ["a", "a\0b", "ab"], [("a\0b", "a", "CITES", {}), ("a", "ab", "CITES", {}), ("ab", "a", "CITES", {})]
    )
    write_graph(graph, {}, tmp_path / "graph.json")
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == _plain(graph)
