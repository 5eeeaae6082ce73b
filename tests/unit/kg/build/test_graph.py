"""The graph built from records: documents kept apart on number clashes, citations resolved, regions, statuses."""

from dataclasses import replace
from datetime import date

from ingest.pipeline import extract_document
from ingest.segment import segment_pages
from ingest.sources.text import parse_text_dump
from kg.build.graph import build_graph
from kg.graphjson import dict_to_graph, graph_to_dict
from tests.support.notice_texts import COMPILATION


def built(text: str = COMPILATION, as_of: date = date(2024, 1, 1)):
    records = [extract_document(d) for d in segment_pages(parse_text_dump(text), "t.txt")]
    return build_graph(records, as_of=as_of)


def nodes_with(graph, label):
    return {u: d["properties"] for u, d in graph.nodes(data=True) if label in d["labels"]}


def edges_of(graph, rel_type):
    return [(u, v, d["properties"]) for u, v, d in graph.edges(data=True) if d["type"] == rel_type]


def test_citation_by_number_resolves_to_the_corpus_document():
    graph, report = built()
    docs = nodes_with(graph, "Document")
    provincial = next(u for u, p in docs.items() if p.get("docNumber") == "鄂发改规〔2023〕7号")
    wuhan = next(u for u, p in docs.items() if p.get("docNumber") == "武政办〔2023〕21号")
    assert (wuhan, provincial) in {(u, v) for u, v, _ in edges_of(graph, "CITES")}
    assert report.citations_resolved == 1


def test_external_documents_get_levels_from_issuer_or_number():
    graph, _ = built()
    external = {p["title"]: p for p in nodes_with(graph, "Document").values() if not p["inCorpus"]}
    assert (
        external["国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见"]["level"] == "national"
    )
    assert external["湖南省优化营商环境条例"]["province"] == "湖南省"


def test_same_doc_number_on_two_notices_never_merges_them():
    clash = COMPILATION.replace("武政办〔2023〕21 号", "鄂发改规〔2023〕7 号")
    graph, report = built(clash)
    numbered = [
        p
        for p in nodes_with(graph, "Document").values()
        if p.get("docNumber") == "鄂发改规〔2023〕7号" and p["inCorpus"]
    ]
    assert len(numbered) == 2
    assert any("鄂发改规〔2023〕7号" in w for w in report.warnings)


def test_supersedes_marks_the_repealed_document():
    graph, _ = built()
    ((_, target, props),) = edges_of(graph, "SUPERSEDES")
    repealed = graph.nodes[target]["properties"]
    assert repealed["title"] == "湖北省优化营商环境办法"
    assert repealed["status"] == "repealed"
    assert props["page"] == 10


def test_status_as_of_a_date():
    early, _ = built(as_of=date(2023, 4, 30))
    late, _ = built(as_of=date(2026, 1, 1))
    number = "鄂发改规〔2023〕7号"
    status = {
        label: next(p["status"] for p in nodes_with(g, "Document").values() if p.get("docNumber") == number)
        for label, g in (("early", early), ("late", late))
    }
    assert status == {"early": "not_yet", "late": "expired"}


def test_regions_form_a_hierarchy_up_to_china():
    graph, _ = built()
    regions = nodes_with(graph, "Region")
    yuelu = next(u for u, p in regions.items() if p["name"] == "岳麓区")
    path = [regions[yuelu]["name"]]
    node = yuelu
    while True:
        ups = [v for u, v, _ in edges_of(graph, "WITHIN") if u == node]
        if not ups:
            break
        node = ups[0]
        path.append(regions[node]["name"])
    assert path == ["岳麓区", "长沙市", "湖南省", "中华人民共和国"]


def test_issuers_are_agencies_with_roles_and_evidence():
    graph, _ = built()
    issues = sorted(
        (p["order"], graph.nodes[u]["properties"]["name"], p["role"])
        for u, _, p in edges_of(graph, "ISSUES")
        if p["order"] and "湖北省" in graph.nodes[u]["properties"]["name"]
    )
    assert issues[:2] == [(1, "湖北省发展和改革委员会", "lead"), (2, "国家税务总局湖北省税务局", "joint")]


def test_uids_are_stable_and_graph_json_round_trips():
    first, _ = built()
    second, _ = built()
    assert sorted(first.nodes) == sorted(second.nodes)
    data = graph_to_dict(first, {"generator": "test"})
    assert graph_to_dict(dict_to_graph(data), {"generator": "test"}) == data
    for node in data["nodes"]:
        assert node["id"] == node["properties"]["uid"]
        assert all(v is not None and not isinstance(v, dict) for v in node["properties"].values())


def test_document_validity_becomes_deadlines_with_evidence():
    graph, _ = built()
    doc = next(
        u for u, p in nodes_with(graph, "Document").items() if p.get("docNumber") == "鄂发改规〔2023〕7号"
    )
    found = {
        (p["kind"], graph.nodes[v]["properties"]["date"], p["page"])
        for u, v, p in edges_of(graph, "HAS_DEADLINE")
        if u == doc
    }
    assert found == {("effective_from", "2023-05-01", 10), ("valid_until", "2025-12-31", 10)}


def test_text_read_by_ocr_marks_its_document_and_measures():
    pages = parse_text_dump(COMPILATION)
    scanned = [replace(page, ocr=page.number == 11) for page in pages]
    graph = graph_to_dict(
        build_graph(
            [extract_document(d) for d in segment_pages(scanned, "scan.pdf")], as_of=date(2023, 12, 31)
        )[0],
        {},
    )
    docs = {
        n["properties"]["title"]: n["properties"] for n in graph["nodes"] if n["properties"].get("inCorpus")
    }
    ocr = {title: props["ocr"] for title, props in docs.items()}
    on_page_11 = {title for title, props in docs.items() if props["pageEnd"] >= 11}
    assert on_page_11 and {title for title, scanned in ocr.items() if scanned} == on_page_11
    assert ocr[next(t for t in docs if t.startswith("湖北省"))] is False
    measures = [n["properties"] for n in graph["nodes"] if "Measure" in n["labels"]]
    assert measures and all(not m.get("ocr") for m in measures if m["pageEnd"] < 11)
