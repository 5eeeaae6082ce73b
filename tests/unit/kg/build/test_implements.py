"""IMPLEMENTS {via: citation}: citations of a higher-level document as what the citing one carries out."""

from __future__ import annotations

import networkx as nx

from kg.build.implements import add_citation_implements


def _graph() -> nx.MultiDiGraph:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for uid, level in [
        ("doc:gwy", "national"),
        ("doc:zj", "province"),
        ("doc:hz", "city"),
        ("doc:nb", "city"),
    ]:
        graph.add_node(uid, labels=["Document"], properties={"uid": uid, "level": level})
    graph.add_node("doc:x", labels=["Document"], properties={"uid": "doc:x"})  # known only by a bare title
    graph.add_node("m:hz:1", labels=["Measure"], properties={"text": "贯彻落实《浙江省方案》"})
    return graph


def _cite(graph: nx.MultiDiGraph, start: str, end: str, purpose: str, page: int) -> None:
    props = {"purpose": purpose, "page": page, "asPrinted": f"《{end}》"}
    graph.add_edge(start, end, type="CITES", properties=props)


def _implements(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, object]]]:
    return [(s, e, d["properties"]) for s, e, d in graph.edges(data=True) if d["type"] == "IMPLEMENTS"]


def test_a_city_plan_carrying_out_its_province_s_plan_implements_it_from_its_first_such_citation() -> None:
    graph = _graph()
    _cite(graph, "doc:hz", "doc:zj", "reference", 3)  # 参照《浙江省方案》: not a carrying-out
    _cite(graph, "doc:hz", "doc:zj", "implements", 5)  # 为贯彻落实《浙江省方案》
    _cite(graph, "doc:hz", "doc:zj", "basis", 9)
    assert add_citation_implements(graph) == 1
    assert _implements(graph) == [
        (
            "doc:hz",
            "doc:zj",
            {
                "via": "citation",
                "purpose": "implements",
                "asPrinted": "《doc:zj》",
                "page": 5,
                "direction": "vertical",
            },
        )
    ]


def test_a_regulation_made_under_a_national_law_implements_it() -> None:
    graph = _graph()
    _cite(graph, "doc:zj", "doc:gwy", "basis", 1)  # 根据《中华人民共和国…法》，制定本办法
    assert add_citation_implements(graph) == 1
    assert _implements(graph)[0][:2] == ("doc:zj", "doc:gwy")


def test_peers_lower_levels_unknown_levels_and_measures_citing_are_left_citations() -> None:
    graph = _graph()
    _cite(graph, "doc:hz", "doc:nb", "implements", 2)  # the same level
    _cite(graph, "doc:zj", "doc:hz", "implements", 2)  # downward
    _cite(graph, "doc:hz", "doc:x", "implements", 2)  # a level nobody knows
    _cite(graph, "m:hz:1", "doc:zj", "implements", 2)  # a measure: its document's citations decide
    assert add_citation_implements(graph) == 0
    assert _implements(graph) == []
