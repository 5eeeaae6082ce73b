"""The graph of regulations built from short texts written for the tests: approvals, versions of one work
(workUid, REVISES, the version in force), the maker a newer version prints for an older one, articles."""

from __future__ import annotations

from datetime import date

import networkx as nx

from ingest.pipeline import extract_document
from ingest.records import DocumentRecord
from kg.build.document import document_uid
from kg.build.graph import build_graph
from kg.build.regulations import in_force_on
from tests.support import regulation_texts as texts
from tests.support.measure_texts import notice

AS_OF = date(2024, 6, 1)


def record(text: str, heading_lines: int = 0) -> DocumentRecord:
    return extract_document(notice(text, heading_lines=heading_lines))


def citing(day: str) -> DocumentRecord:
    """A notice of `day` that cites the market-supervision regulation by its title alone."""
    y, m, d = (int(part) for part in day.split("-"))
    return record(
        f"1.广州市市场监督管理局关于做好市场监管工作的通知（{y}年{m}月{d}日）\n各区市场监管局：\n"
        "根据《广东省市场监管条例》，现就有关事项通知如下。",
        heading_lines=1,
    )


def built(*records: DocumentRecord) -> nx.MultiDiGraph:
    graph, _ = build_graph(list(records), as_of=AS_OF)
    return graph


def props(graph: nx.MultiDiGraph, uid: str) -> dict:
    return graph.nodes[uid]["properties"]


def edges(graph: nx.MultiDiGraph, kind: str) -> list[tuple[str, str, dict]]:
    return [(u, v, d["properties"]) for u, v, d in graph.edges(data=True) if d["type"] == kind]


def test_a_city_regulation_is_approved_by_its_provinces_congress() -> None:
    city = record(texts.CITY_REGULATION)
    graph = built(city)
    [(approver, approved, edge)] = edges(graph, "APPROVES")
    assert approved == document_uid(city)
    assert props(graph, approver)["name"] == "山东省人民代表大会常务委员会"
    assert props(graph, approver)["kind"] == "legislature"
    assert edge["date"] == "2023-01-10" and edge["asPrinted"].endswith("会议批准")
    document = props(graph, approved)
    assert (document["adoptedDate"], document["effectiveDate"]) == ("2022-12-13", "2023-03-01")


def test_versions_of_one_work_share_a_work_and_the_newer_revises_the_older() -> None:
    first, revised, amended = (
        record(texts.FIRST_VERSION),
        record(texts.REVISED_VERSION),
        record(texts.AMENDED_VERSION),
    )
    graph = built(amended, first, revised)
    uids = [document_uid(r) for r in (first, revised, amended)]
    assert len({props(graph, u)["workUid"] for u in uids}) == 1
    revises = {(u, v): p for u, v, p in edges(graph, "REVISES")}
    assert set(revises) == {(uids[1], uids[0]), (uids[2], uids[1])}
    assert revises[uids[1], uids[0]]["kind"] == "revised"
    amendment = revises[uids[2], uids[1]]
    assert (amendment["kind"], amendment["date"]) == ("amended", "2023-11-23")
    assert amendment["decision"] == "关于修改〈广东省市场监管条例〉的决定"
    assert [props(graph, u)["status"] for u in uids] == ["expired", "expired", "in_force"]


def test_a_citation_without_a_date_names_the_version_in_force_on_the_citing_date() -> None:
    first, revised = record(texts.FIRST_VERSION), record(texts.REVISED_VERSION)
    early, late, before_both = citing("2018-03-01"), citing("2022-03-01"), citing("2015-03-01")
    graph = built(first, revised, early, late, before_both)
    cited = {u: v for u, v, _ in edges(graph, "CITES")}
    assert cited[document_uid(early)] == document_uid(first)
    assert cited[document_uid(late)] == document_uid(revised)
    assert cited[document_uid(before_both)] == document_uid(revised)  # none in force yet: the newest


def test_the_version_in_force_on_a_day() -> None:
    versions = [("old", "2016-10-01"), ("new", "2021-12-01")]
    assert in_force_on(versions, "2020-01-01") == "old"
    assert in_force_on(versions, "2021-12-01") == "new"
    assert in_force_on(versions, "2010-01-01") == "new"
    assert in_force_on(versions, None) == "new"


def test_an_older_version_that_prints_no_history_takes_its_maker_from_the_newer() -> None:
    old = record(
        "上海市数据规定\n第一条 为了规范数据管理，制定本规定。\n第二条 本规定自2007年12月1日起施行。"
    )
    new = record(
        "上海市数据规定\n2007年10月10日 上海市第十二届人民代表大会常务委员会第三十九次会议通过\n"
        "2024年11月28日 上海市第十六届人民代表大会常务委员会第十七次会议修订\n"
        "第一条 为了规范数据管理，制定本规定。\n第二条 本规定自2025年1月1日起施行。"
    )
    assert old.header.issuers == []
    graph = built(old, new)
    [(maker, _, edge)] = [e for e in edges(graph, "ISSUES") if e[1] == document_uid(old)]
    assert props(graph, maker)["name"] == "上海市人民代表大会常务委员会"
    assert edge["evidenceIn"] == document_uid(new)
    assert props(graph, document_uid(old))["adoptedDate"] == "2007-10-10"


def test_a_notice_has_no_work() -> None:
    graph = built(citing("2022-03-01"))
    assert all("workUid" not in p for _, p in graph.nodes(data="properties") if p.get("inCorpus"))


def test_articles_carry_their_chapter_and_provisions() -> None:
    regulation = record(texts.STATE_COUNCIL_ORDER)
    graph = built(regulation)
    measures = sorted(
        (p for _, p in graph.nodes(data="properties") if p.get("document") == document_uid(regulation)),
        key=lambda p: p["charStart"],
    )
    assert [(m["path"], m["chapter"], m.get("provisions")) for m in measures] == [
        ("第一章/1", "总则", "general"),
        ("第一章/2", "总则", "general"),
        ("第二章/3", "附则", "supplementary"),
    ]
    [(_, unit, edge)] = edges(graph, "ASSIGNS")
    assert (props(graph, unit)["name"], edge["role"]) == ("国务院市场监督管理部门", "lead")


def test_a_national_regulation_is_cited_with_or_without_the_states_name() -> None:
    articles = "\n第一条 为了规范企业登记，制定本条例。\n第二条 本条例自2022年3月1日起施行。"
    long, short = record("中华人民共和国企业登记条例" + articles), record("企业登记条例" + articles)
    assert (long.header.title, short.header.title) == ("中华人民共和国企业登记条例", "企业登记条例")
    for regulation, cited in ((long, "企业登记条例"), (short, "中华人民共和国企业登记条例")):
        notice = record(
            "1.广州市人民政府关于做好企业登记工作的通知（2022年6月1日）\n各区人民政府：\n"
            f"根据《{cited}》，现就有关事项通知如下。",
            heading_lines=1,
        )
        graph = built(regulation, notice)
        assert {v for u, v, _ in edges(graph, "CITES") if u == document_uid(notice)} == {
            document_uid(regulation)
        }
