"""Agency resolution: printed forms resolve in the notice's jurisdiction; one node per real body."""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
from typer.testing import CliRunner

from ingest.pipeline import extract_document
from ingest.records import Jurisdiction
from ingest.segment import segment_pages
from ingest.sources.text import parse_text_dump
from kg.analysis.agencies import agency_summary
from kg.build.agencies import AgencyResolver, canonical, repair_signature
from kg.build.agency_rules import agency_rules
from kg.build.graph import build_graph
from kg.build.measures import add_measure_subgraph
from kg.cli.main import app
from kg.graphjson import graph_to_dict
from tests.support.notice_texts import GARBLED_SIGNATURE

SHANGHAI = Jurisdiction(province="上海市", city="上海市", level="province")
HUANGPU = Jurisdiction(province="上海市", city="上海市", district="黄浦区", level="district")
HEFEI = Jurisdiction(province="安徽省", city="合肥市", level="city")
HANGZHOU = Jurisdiction(province="浙江省", city="杭州市", level="city")
ZHEJIANG = Jurisdiction(province="浙江省", level="province")


def name(printed: str, where: Jurisdiction, full_names: tuple[str, ...] = ()) -> str:
    return canonical(printed, where, full_names).name


def test_level_prefix_resolves_in_the_notice_jurisdiction() -> None:
    assert name("市商务委", SHANGHAI) == "上海市商务委员会"
    assert name("市商务局", HEFEI) == "合肥市商务局"
    assert name("省发展改革委", ZHEJIANG) == "浙江省发展和改革委员会"
    assert name("区人社局", HUANGPU) == "上海市黄浦区人力资源和社会保障局"
    assert name("市法院", HANGZHOU) == "杭州市中级人民法院"
    assert name("区法院", HUANGPU) == "上海市黄浦区人民法院"


def test_abbreviation_rules_are_data() -> None:
    rules = agency_rules()
    assert rules.cores["发改委"] == "发展和改革委员会"
    assert rules.cores["市场监管局"] == "市场监督管理局"
    forms = ["市发改委", "市发展改革委", "上海市发展和改革委员会"]
    assert {name(f, SHANGHAI) for f in forms} == {"上海市发展和改革委员会"}
    assert name("市住房城乡建设管理委", SHANGHAI) == "上海市住房和城乡建设管理委员会"
    assert name("市规划资源局", SHANGHAI) == "上海市规划和自然资源局"
    assert name("市经济信息化委", SHANGHAI) == name("市经信委", SHANGHAI) == "上海市经济和信息化委员会"
    assert name("市交通委", SHANGHAI) == "上海市交通委员会"  # the general 委 → 委员会 rule


def test_signature_full_names_are_the_strongest_evidence() -> None:
    signed = ("国家税务总局上海市税务局", "中华人民共和国上海海关")
    assert name("市税务局", SHANGHAI, signed) == "国家税务总局上海市税务局"
    assert name("上海海关", SHANGHAI, signed) == name("上海海关", SHANGHAI) == "上海海关"
    assert name("上海银保监局", SHANGHAI) == "中国银行保险监督管理委员会上海监管局"
    assert name("人行上海总部", SHANGHAI) == name("中国人民银行上海总部", SHANGHAI)


def test_full_names_resolve_to_themselves_for_issuers() -> None:
    for full in ("上海市商务委员会", "上海市人民政府办公厅", "浙江省市场监督管理局", "上海市黄浦区人民政府"):
        where = HUANGPU if "黄浦" in full else ZHEJIANG if "浙江" in full else SHANGHAI
        assert name(full, where) == full
    assert name("市政府办公厅", SHANGHAI) == "上海市人民政府办公厅"


def test_districts_party_bodies_and_same_system_bureaus() -> None:
    assert name("闵行区", SHANGHAI) == "上海市闵行区人民政府"
    assert name("崇明区政府", SHANGHAI) == "上海市崇明区人民政府"
    assert name("临港新片区管委会", SHANGHAI) == "临港新片区管委会"
    assert name("区委组织部", HUANGPU) == "中共上海市黄浦区委组织部"
    assert name("区公安分局", HUANGPU) == "上海市公安局黄浦分局"
    assert name("杭州市局", ZHEJIANG, ("浙江省市场监督管理局",)) == "杭州市市场监督管理局"
    assert name("审批处", HANGZHOU, ("金华市住房和城乡建设局",)) == "金华市住房和城乡建设局审批处"


def test_no_two_bodies_merged_across_jurisdictions() -> None:
    assert canonical("市市场监管局", HEFEI).uid != canonical("市市场监管局", HANGZHOU).uid
    assert canonical("各区政府", SHANGHAI).uid != canonical("各区政府", HANGZHOU).uid
    assert canonical("开发区管委会", HEFEI).uid != canonical("开发区管委会", HANGZHOU).uid
    assert canonical("上港集团", SHANGHAI).uid == canonical("上港集团", SHANGHAI).uid
    assert canonical("市商务委", SHANGHAI).uid != canonical("市交通委", SHANGHAI).uid


def test_generic_units_kept_as_printed_with_kind_generic() -> None:
    agency = canonical("各有关部门", HANGZHOU)
    assert (agency.name, agency.kind, agency.region) == ("各有关部门", "generic", "杭州市")
    assert canonical("区发展改革委", HUANGPU).kind == "department"
    assert canonical("市高院", SHANGHAI).kind == "court"


def test_resolver_keeps_every_printed_form_and_stable_uids() -> None:
    resolver = AgencyResolver()
    first = resolver.resolve("市发改委", SHANGHAI)
    resolver.resolve("市发展改革委", SHANGHAI)
    resolver.resolve("上海市发展和改革委员会", SHANGHAI)
    assert resolver.aliases[first.uid] == ["市发改委", "市发展改革委", "上海市发展和改革委员会"]
    assert AgencyResolver().resolve("市 发 改 委", SHANGHAI).uid == first.uid
    assert first.uid.startswith("agency:")


def _graph_with_units() -> dict:
    from ingest.records import DocumentRecord, Header, IssuerRecord
    from tests.support.measure_texts import measures_of, notice

    doc = notice("1.压缩通关时间。（市商务委、上海海关）\n2.提升退税便利度。（市税务局、市商务委）")
    header = Header(title="t", issuers=[IssuerRecord("上海市商务委员会", "上海市商务委员会", 1)])
    record = DocumentRecord(text=doc, header=header, jurisdiction=SHANGHAI, measures=measures_of(doc))
    graph = nx.MultiDiGraph()
    graph.add_node("doc:1", labels=["Document"], properties={"uid": "doc:1", "title": "t"})
    add_measure_subgraph(graph, "doc:1", record, AgencyResolver())
    return graph_to_dict(graph, {})


def test_measure_subgraph_and_agency_summary() -> None:
    data = _graph_with_units()
    types = [r["type"] for r in data["relationships"]]
    assert types.count("HAS_MEASURE") == 2 and types.count("ASSIGNS") == 4
    agencies = {n["properties"]["name"]: n for n in data["nodes"] if "Agency" in n["labels"]}
    assert set(agencies) == {"上海市商务委员会", "上海海关", "国家税务总局上海市税务局"}
    assert agencies["上海市商务委员会"]["labels"] == ["Agency", "ResponsibleUnit"]
    summary = agency_summary(data)
    top = summary["rows"][0]
    assert (top["name"], top["assignments"], top["aliases"]) == ("上海市商务委员会", 2, ["市商务委"])
    assert summary["agencies"] == 3


def test_kg_agencies_cli(tmp_path) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(_graph_with_units(), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["agencies", str(path), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [r["name"] for r in out["rows"]] == ["上海市商务委员会"]
    table = CliRunner().invoke(app, ["agencies", str(path)])
    assert table.exit_code == 0 and "3 agency nodes" in table.stdout
    missing = CliRunner().invoke(app, ["agencies", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "none.json" in missing.output


def test_list_level_carries_to_a_unit_printed_without_one() -> None:
    fujian = Jurisdiction(province="福建省", level="province")
    resolver = AgencyResolver()
    finance = resolver.resolve("省财政厅", fujian)
    assert resolver.resolve("财政厅", fujian, implied_prefix="省").uid == finance.uid
    assert resolver.aliases[finance.uid] == ["省财政厅", "财政厅"]
    assert resolver.resolve("上港集团", SHANGHAI, implied_prefix="市").name == "上港集团"
    assert resolver.resolve("各有关部门", fujian, implied_prefix="省").kind == "generic"


HUANGSHI = Jurisdiction(province="湖北省", city="黄石市", level="city")
PRINTED = ["市住房城乡建设局", "市水务局", "市公安局", "市财政局"]


def test_garbled_signature_names_are_repaired_against_the_names_the_notice_prints() -> None:
    assert repair_signature("黄石市水务最", PRINTED, HUANGSHI) == "黄石市水务局"
    assert repair_signature("黄石市往房和城多建设局", PRINTED, HUANGSHI) == "黄石市住房和城乡建设局"
    assert repair_signature("贡石市公安晟", PRINTED, HUANGSHI) == "黄石市公安局"
    assert repair_signature("黄石市水务最", ["黄石市水务局"], HUANGSHI) == "黄石市水务局"


def test_signature_names_that_are_not_garbled_copies_stay_as_printed() -> None:
    assert repair_signature("黄石市财政局", PRINTED, HUANGSHI) is None
    assert repair_signature("黄石市税务局", PRINTED, HUANGSHI) is None
    assert repair_signature("黄石市市场监督管理局", ["市药品监督管理局"], HUANGSHI) is None
    assert repair_signature("大冶市公安局", PRINTED, HUANGSHI) is None
    assert repair_signature("黄石市公安处", PRINTED, HUANGSHI) is None
    assert repair_signature("黄石市水务最", ["武汉市水务局"], HUANGSHI) is None


def test_two_equally_close_candidates_repair_nothing() -> None:
    assert repair_signature("黄石市水务最", ["市水务局", "市水务站"], HUANGSHI) is None


def test_repaired_issuer_keeps_its_printed_form_and_is_marked_on_the_issues_edge() -> None:
    docs = segment_pages(parse_text_dump(GARBLED_SIGNATURE), "t.txt")
    graph, _ = build_graph([extract_document(d) for d in docs], as_of=date(2024, 1, 1))
    issues = sorted(
        (p["order"], p["name"], p["asPrinted"], p.get("repaired"), graph.nodes[u]["properties"]["name"])
        for u, _, d in graph.edges(data=True)
        if d["type"] == "ISSUES"
        for p in [d["properties"]]
    )
    assert issues == [
        (1, "黄石市住房和城乡建设局", "黄石市往房和城多建设局", True, "黄石市住房和城乡建设局"),
        (2, "黄石市公安局", "贡石市公安晟", True, "黄石市公安局"),
        (3, "黄石市水务局", "黄石市水务最", True, "黄石市水务局"),
    ]
    documents = [
        d["properties"]
        for _, d in graph.nodes(data=True)
        if "Document" in d["labels"] and d["properties"]["inCorpus"]
    ]
    assert documents[0]["issuers"] == ["黄石市住房和城乡建设局", "黄石市公安局", "黄石市水务局"]
