"""graph.json as the corpus writes it: one row a line, nodes by id, relationships by type, start, end and
then properties, whatever the graph's order; the fast paths (string keys, one-call encoding, lines given
for edges, kept lines for nodes) give exactly what the plain definition gives."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg import graphjson
from kg.graphjson import node_line, relationship_row, row_line, write_graph
from tests.support.plain_graph_json import plain_graph_json


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
    assert written == plain_graph_json(graph, {})
    starts = [
        r["start"] + ">" + r["end"] for r in json.loads(written)["relationships"] if r["type"] == "CITES"
    ]
    assert starts == ["a>ab", "a>b", "a>b", "a>b", "ab>a", "b>a"]


def test_rows_encoded_and_written_a_chunk_at_a_time_are_the_plain_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphjson, "_CHUNK", 3)  # 7 edges and 7 nodes: chunks of 3, 3 and 1
    ids = [f"n{i}" for i in range(7)]
    graph = _graph(ids, [(ids[i], ids[(i * 3) % 7], "CITES", {"page": i}) for i in range(7)])
    write_graph(graph, {}, tmp_path / "graph.json")
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == plain_graph_json(graph, {})


def test_ids_holding_a_nul_are_ordered_as_defined(tmp_path: Path) -> None:
    graph = _graph(
        ["a", "a\0b", "ab"], [("a\0b", "a", "CITES", {}), ("a", "ab", "CITES", {}), ("ab", "a", "CITES", {})]
    )
    write_graph(graph, {}, tmp_path / "graph.json")
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == plain_graph_json(graph, {})


def test_lines_given_for_edges_are_written_in_their_place(tmp_path: Path) -> None:
    graph = _graph(["a", "b"], [("a", "b", "CITES", {"page": 2}), ("b", "a", "ASSIGNS", {"role": "lead"})])
    lines = {
        (u, v, k): row_line(relationship_row(u, v, d)) for u, v, k, d in graph.edges(keys=True, data=True)
    }
    graph.add_edge("a", "a", type="ECHOES", properties={"similarity": 0.5})
    write_graph(graph, {}, tmp_path / "graph.json", lines)
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == plain_graph_json(graph, {})


def test_a_kept_node_line_is_written_while_the_node_is_as_kept_and_encoded_again_once_changed(
    tmp_path: Path,
) -> None:
    graph = _graph(["a", "b", "c"], [])
    kept = {
        uid: (list(d["labels"]), dict(d["properties"]), node_line(uid, d["labels"], d["properties"]))
        for uid, d in graph.nodes(data=True)
    }
    assert kept["a"][2] == plain_graph_json(graph, {}).splitlines()[2].rstrip(
        ","
    )  # a kept line is the line written
    kept["a"] = (*kept["a"][:2], kept["a"][2].replace(": ", ":"))  # the same row, told apart by its spacing
    graph.nodes["b"]["properties"]["title"] = "linked"  # linking changed b after its line was kept
    graph.nodes["c"]["labels"].append("Agency")  # and c's labels
    write_graph(graph, {}, tmp_path / "graph.json", nodes=kept)
    written = (tmp_path / "graph.json").read_text(encoding="utf-8")
    assert f"{kept['a'][2]},\n" in written
    assert written.replace(kept["a"][2], node_line("a", ["Document"], graph.nodes["a"]["properties"])) == (
        plain_graph_json(graph, {})
    )
