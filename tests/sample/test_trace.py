"""kg trace on the bundled sample: chains read off the text of data/east-china-2023.txt.

- 黄浦区 (district) 黄府规〔2023〕4号 says 根据《上海市提信心扩需求稳增长促发展行动方案》（沪府规〔2023〕1号）;
  that municipal plan names 《免征车辆购置税的新能源汽车车型目录》, a national catalogue.
- 黄浦区 黄府办发〔2023〕17号 says 认真落实《市场主体登记注册条例》《促进个体工商户发展条例》 (State
  Council regulations) and restates item after item of Shanghai's 沪府办〔2023〕9号 without citing it.
- 阜阳's 阜建公函〔2023〕14号 is issued 根据…(皖政〔2023〕13号), the Anhui provincial notice; 淮南's
  创优营商环境对标提升举措 (淮府办秘〔2023〕17号) copies the province's (皖政办秘〔2023〕11号) measure by measure.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from kg.analysis.trace import TraceNode, resolve_document, trace, trace_to_dict
from kg.build.graph import set_statuses
from kg.graphjson import dict_to_graph

LATER = date(2024, 6, 30)


@pytest.fixture(scope="module")
def graph(sample_graph: dict) -> nx.MultiDiGraph:
    """The sample's graph as `kg ingest --as-of 2024-06-30` builds it: a copy, statuses as of that day."""
    later = dict_to_graph(sample_graph)
    set_statuses(later, LATER)
    return later


def _by_number(nodes: list[TraceNode]) -> dict[str, TraceNode]:
    return {n.document["docNumber"]: n for n in nodes if n.document.get("docNumber")}


def _titles(nodes: list[TraceNode]) -> set[str]:
    return {n.document.get("title") for n in nodes}


def test_district_plan_reaches_the_municipal_plan_it_cites_and_above(
    graph: nx.MultiDiGraph, sample_graph: dict
) -> None:
    result = trace(graph, resolve_document(graph, "黄府规〔2023〕4号"))
    municipal = _by_number(result.upstream)["沪府规〔2023〕1号"]
    assert municipal.document["level"] == "province" and municipal.document["province"] == "上海市"
    assert any(link.type == "CITES" and link.purpose == "basis" for link in municipal.links)
    assert any(link.type == "IMPLEMENTS" and link.via == "citation" for link in municipal.links)  # 根据…制定
    assert "免征车辆购置税的新能源汽车车型目录" in _titles(municipal.children)
    assert "鼓励外商投资产业目录" in _titles(result.upstream)
    assert municipal.inactive  # 有效期至2023年12月31日: expired on 2024-06-30
    status = {n["id"]: n["properties"].get("status") for n in sample_graph["nodes"]}
    assert status[municipal.uid] == "in_force"  # and in force on 2023-12-31, its last day


def test_district_plan_reaches_national_regulations_and_the_plan_it_restates(graph: nx.MultiDiGraph) -> None:
    result = trace(graph, resolve_document(graph, "黄府办发〔2023〕17号"))
    assert {"市场主体登记注册条例", "促进个体工商户发展条例"} <= _titles(result.upstream)
    regulation = next(n for n in result.upstream if n.document.get("title") == "促进个体工商户发展条例")
    assert ("IMPLEMENTS", "citation", "vertical") in [(k.type, k.via, k.direction) for k in regulation.links]
    municipal = _by_number(result.upstream)["沪府办〔2023〕9号"]
    assert [(link.via, link.direction) for link in municipal.links] == [("reuse", "vertical")]


def test_provincial_notice_lists_the_city_notices_citing_it(graph: nx.MultiDiGraph) -> None:
    followers = _by_number(trace(graph, resolve_document(graph, "皖政〔2023〕13号")).downstream)
    fuyang = followers["阜建公函〔2023〕14号"]
    assert fuyang.document["level"] == "city" and fuyang.document["city"] == "阜阳市"
    assert any(link.type == "CITES" for link in fuyang.links)


def test_provincial_notice_lists_the_city_notices_echoing_it(graph: nx.MultiDiGraph) -> None:
    followers = _by_number(trace(graph, resolve_document(graph, "皖政办秘〔2023〕11号")).downstream)
    huainan = followers["淮府办秘〔2023〕17号"]
    assert huainan.document["city"] == "淮南市"
    assert any(link.via == "reuse" and link.direction == "vertical" for link in huainan.links)
    echoes = [
        (u, v)
        for u, v, d in graph.edges(data=True)
        if d["type"] == "ECHOES" and d["properties"]["direction"] == "vertical"
    ]
    assert len(echoes) >= 50


def test_a_trace_does_not_depend_on_the_order_edges_were_added_in(sample_graph: dict) -> None:
    """A graph read back from Neo4j lists its edges in another order than graph.json: same trace."""
    reordered = {**sample_graph, "relationships": list(reversed(sample_graph["relationships"]))}
    forward, backward = dict_to_graph(sample_graph), dict_to_graph(reordered)
    for number in ("黄府规〔2023〕4号", "沪府办规〔2023〕1号"):
        ahead = trace_to_dict(trace(forward, resolve_document(forward, number)))
        assert ahead["upstream"] or ahead["downstream"]
        assert ahead == trace_to_dict(trace(backward, resolve_document(backward, number)))
