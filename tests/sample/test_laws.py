"""The real regulations and rules of ../shared/corpus/laws: each file one document with its identity and its
articles, and facts read by hand from five of them (both version pairs, a city regulation's approval)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import LAWS

pytestmark = pytest.mark.skipif(not LAWS.exists(), reason="the regulations live in ../shared/corpus/laws")

AS_OF = date(2025, 12, 31)
FILES = sorted(p for p in LAWS.glob("*.md") if p.name != "README.md") if LAWS.exists() else []


@pytest.fixture(scope="module")
def laws() -> Any:
    from kg.pipeline import ingest_paths

    return ingest_paths(FILES, as_of=AS_OF, nlp=False)


def _graph(laws: Any) -> Any:
    return laws.graph


def _document(laws: Any, file_start: str) -> dict[str, Any]:
    [found] = [
        p
        for _, p in _graph(laws).nodes(data="properties")
        if p.get("inCorpus") and p["source"].startswith(file_start)
    ]
    return found


def _articles(laws: Any, doc: dict[str, Any]) -> list[dict[str, Any]]:
    measures = [p for _, p in _graph(laws).nodes(data="properties") if p.get("document") == doc["uid"]]
    return sorted(measures, key=lambda p: p["charStart"])


def _edges(
    laws: Any, kind: str, end: str | None = None, start: str | None = None
) -> list[tuple[str, str, dict]]:
    return [
        (u, v, d["properties"])
        for u, v, d in _graph(laws).edges(data=True)
        if d["type"] == kind and (end is None or v == end) and (start is None or u == start)
    ]


def test_every_file_is_one_regulation_with_its_identity_and_articles(laws: Any) -> None:
    assert len(FILES) == 30
    by_file: dict[str, int] = {}
    for record in laws.documents:
        by_file[record.text.source] = by_file.get(record.text.source, 0) + 1
        header = record.header
        assert record.genre == "regulation", record.text.source
        assert header.title and header.doc_type, record.text.source
        assert header.effective_date, record.text.source
        assert record.jurisdiction.level, record.text.source
        numbers = [m.number for m in record.measures]
        assert len(numbers) >= 10 and numbers[:3] in (["1", "2", "3"], ["一", "二", "三"]), record.text.source
    assert sorted(by_file) == sorted(p.name for p in FILES) and set(by_file.values()) == {1}
    for doc in (p for _, p in _graph(laws).nodes(data="properties") if p.get("inCorpus")):
        assert doc.get("issuers"), doc["source"]
        assert doc["level"] == "national" or doc["province"], doc["source"]
        assert doc["level"] != "city" or doc["city"], doc["source"]


def test_state_council_regulation_in_two_versions(laws: Any) -> None:
    new = _document(laws, "保障中小企业款项支付条例(2025")
    old = _document(laws, "保障中小企业款项支付条例(2020")
    assert (new["docNumber"], new["issuers"], new["level"]) == (
        "中华人民共和国国务院令第802号",
        ["国务院"],
        "national",
    )
    assert (new["publishedDate"], new["effectiveDate"], new["status"]) == (
        "2025-03-17",
        "2025-06-01",
        "in_force",
    )
    articles = _articles(laws, new)
    assert len(articles) == 37 and articles[0]["path"] == "第一章/1" and articles[-1]["path"] == "第五章/37"
    assert articles[-1]["provisions"] == "supplementary" and articles[0]["provisions"] == "general"
    assert old["workUid"] == new["workUid"]
    [(_, _, revision)] = _edges(laws, "REVISES", start=new["uid"], end=old["uid"])
    assert (revision["kind"], revision["date"]) == ("revised", "2025-03-17")
    assert (old["effectiveDate"], old["publishedDate"], old["status"]) == (
        "2020-09-01",
        "2020-07-05",
        "expired",
    )
    assert len(_articles(laws, old)) == 29


def test_shanghai_rule_in_two_versions_the_older_printing_no_history(laws: Any) -> None:
    new = _document(laws, "上海市促进农业科技进步若干规定(2024")
    old = _document(laws, "上海市促进农业科技进步若干规定(2007")
    assert (new["issuers"], new["province"], new["adoptedDate"]) == (
        ["上海市人民代表大会常务委员会"],
        "上海市",
        "2024-11-28",
    )
    assert new["effectiveDate"] == "2025-01-01" and len(_articles(laws, new)) == 21
    assert _edges(laws, "REVISES", start=new["uid"], end=old["uid"])
    assert old["issuers"] == ["上海市人民代表大会常务委员会"] and old["adoptedDate"] == "2007-10-10"
    assert old["effectiveDate"] == "2007-12-01" and len(_articles(laws, old)) == 15


def test_a_city_regulation_approved_by_its_province(laws: Any) -> None:
    doc = _document(laws, "台州市企业信用促进条例")
    assert (doc["level"], doc["province"], doc["city"]) == ("city", "浙江省", "台州市")
    assert (doc["issuers"], doc["adoptedDate"], doc["effectiveDate"]) == (
        ["台州市人民代表大会常务委员会"],
        "2019-12-18",
        "2020-07-01",
    )
    [(approver, _, approval)] = _edges(laws, "APPROVES", end=doc["uid"])
    assert _graph(laws).nodes[approver]["properties"]["name"] == "浙江省人民代表大会常务委员会"
    assert approval["date"] == "2020-03-26"
    assert len(_articles(laws, doc)) == 35


def test_an_amended_regulation_records_its_amending_decision(laws: Any) -> None:
    [record] = [r for r in laws.documents if r.text.source.startswith("重庆市招标投标条例")]
    steps = [(s.kind, s.date) for s in record.header.history]
    assert steps == [("adopted", "2008-09-26"), ("revised", "2016-07-29"), ("amended", "2018-07-26")]
    assert (
        record.header.history[-1].decision
        == "关于修改〈重庆市城市房地产开发经营管理条例〉等二十五件地方性法规的决定"
    )
    assert record.header.effective_date == "2016-09-01"
    assert not any(c.title.startswith("关于修改") for c in record.citations)
    chapters = [m.path.split("/")[0] for m in record.measures]
    assert len(record.measures) == 56 and chapters[0] == "第一章" and chapters[-1] == "第七章"


def test_a_departmental_rule_cites_its_regulation_in_the_corpus(laws: Any) -> None:
    rule = _document(laws, "市场主体登记管理条例实施细则")
    regulation = _document(laws, "市场主体登记管理条例(")
    assert (rule["docNumber"], rule["issuers"]) == ("国家市场监督管理总局令第52号", ["国家市场监督管理总局"])
    assert rule["publishedDate"] == rule["effectiveDate"] == "2022-03-01"  # 本实施细则自公布之日起施行
    assert _edges(laws, "CITES", start=rule["uid"], end=regulation["uid"])
    assert regulation["issuers"] == ["国务院"] and regulation["title"] == "中华人民共和国市场主体登记管理条例"
    articles = _articles(laws, rule)
    assert len(articles) == 82 and articles[-1]["path"] == "第十二章/82"


def test_versions_ingested_on_different_days_are_linked(tmp_path: Path, laws: Any) -> None:
    from kg.pipeline import ingest_into_corpus

    older, newer = (
        LAWS / f"上海市促进农业科技进步若干规定({day}).md" for day in ("2007-10-10", "2024-11-28")
    )
    ingest_into_corpus([newer], tmp_path, as_of=AS_OF, nlp=False)
    result = ingest_into_corpus([older], tmp_path, as_of=AS_OF, nlp=False)
    revises = [(u, v) for u, v, d in result.graph.edges(data=True) if d["type"] == "REVISES"]
    new = _document(laws, "上海市促进农业科技进步若干规定(2024")
    old = _document(laws, "上海市促进农业科技进步若干规定(2007")
    assert revises == [(new["uid"], old["uid"])]
