"""The measure subgraph of one notice: structure, units, deadlines, targets and indicators, with pages."""

from __future__ import annotations

import networkx as nx

from ingest.records import DocumentRecord, Header, Jurisdiction
from kg.build.agencies import AgencyResolver
from kg.build.measures import add_measure_subgraph, measure_uid
from kg.graphjson import graph_to_dict
from tests.support.measure_texts import measures_of, notice

TEXT = (
    "一、开办企业",
    "1.压缩开办时间。推行企业开办一网通办，2023年底前，开办企业时间压缩至1个工作日内。（市市场监管局、",
    "市税务局）\n二、纳税\n2.优化纳税服务。推行非接触式办税缴费。（市税务局）",
)


def _graph() -> dict:
    doc = notice(*TEXT, first_page=40)
    record = DocumentRecord(
        text=doc,
        header=Header(title="t", issue_date="2023-03-01"),
        jurisdiction=Jurisdiction(province="浙江省", city="杭州市", level="city"),
        measures=measures_of(doc, issue_date="2023-03-01"),
    )
    graph = nx.MultiDiGraph()
    graph.add_node("doc:1", labels=["Document"], properties={"uid": "doc:1"})
    add_measure_subgraph(graph, "doc:1", record, AgencyResolver())
    return graph_to_dict(graph, {})


def rels(data: dict, kind: str, start: str | None = None) -> list[dict]:
    return [r for r in data["relationships"] if r["type"] == kind and (start is None or r["start"] == start)]


def test_structure_and_pages() -> None:
    data = _graph()
    nodes = {n["id"]: n["properties"] for n in data["nodes"]}
    first = measure_uid("doc:1", "一/1")
    assert (nodes[first]["pageStart"], nodes[first]["pageEnd"], nodes[first]["no"]) == (41, 42, "1")
    assert {r["end"] for r in rels(data, "HAS_MEASURE")} == {
        measure_uid("doc:1", p) for p in ("一", "一/1", "二", "二/2")
    }
    assert [(r["start"], r["end"]) for r in rels(data, "PART_OF", first)] == [
        (first, measure_uid("doc:1", "一"))
    ]
    assigns = sorted(
        (r["properties"]["order"], r["properties"]["asPrinted"], r["properties"]["page"])
        for r in rels(data, "ASSIGNS", first)
    )
    assert assigns == [(1, "市市场监管局", 41), (2, "市税务局", 42)]
    tax = [n for n in data["nodes"] if n["properties"].get("name") == "国家税务总局杭州市税务局"]
    assert len(tax) == 1 and len([r for r in rels(data, "ASSIGNS") if r["end"] == tax[0]["id"]]) == 2


def test_deadline_target_and_indicator_edges() -> None:
    data = _graph()
    nodes = {n["id"]: n["properties"] for n in data["nodes"]}
    first = measure_uid("doc:1", "一/1")
    [deadline] = rels(data, "HAS_DEADLINE", first)
    assert nodes[deadline["end"]]["date"] == "2023-12-31" and deadline["properties"]["page"] == 41
    [target] = rels(data, "SETS_TARGET", first)
    assert nodes[target["end"]]["value"] == 1 and "1个工作日" in nodes[target["end"]]["text"]
    addressed = sorted(
        (nodes[r["start"]]["path"], nodes[r["end"]]["name"], r["properties"]["via"])
        for r in rels(data, "ADDRESSES")
    )
    assert addressed == [
        ("一", "开办企业", "heading"),
        ("一/1", "开办企业", "keyword"),  # 开办企业时间压缩至…: its own main clause names it
        ("二", "纳税", "heading"),
        ("二/2", "纳税", "heading"),
    ]
