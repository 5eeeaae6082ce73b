"""kg.build.echoes: text reuse between measures, on hand-made graphs and on pairs labelled by reading the sample."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.build.echoes import (
    THRESHOLD,
    Passage,
    add_echoes,
    echo_pairs,
    orient,
    similar_sets,
    similar_sketches,
    similarity,
    sketch,
)
from tests.support.paths import ROOT

LABELS = json.loads((ROOT / "tests" / "data" / "echo_pairs.json").read_text(encoding="utf-8"))["pairs"]

PROVINCE_TEXT = (
    "全面实施跨部门联合双随机一公开监管，进一步扩大多部门联合监管范围和频次，完善监管方式，推动监管信息共享互认，"
    "避免多头执法、重复检查。在安全生产、食品安全、交通运输、生态环境等领域运用现代信息技术推进实施非现场监管。"
)
SECOND_TEXT = "推行企业登记全程电子化，拓展设立、变更、注销全程网办覆盖范围，依托电子营业执照系统推行市场主体身份码，提高一次核准率。"
OTHER_TEXT = (
    "加快建设城市更新项目，推动旧区改造和城中村改造，完善住房保障体系，稳妥推进保障性租赁住房建设和供应。"
)


def _graph(docs: dict[str, dict], measures: dict[str, tuple[str, str]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for uid, props in docs.items():
        graph.add_node(uid, labels=["Document"], properties=props)
    for uid, (doc, text) in measures.items():
        graph.add_node(uid, labels=["Measure"], properties={"text": text})
        graph.add_edge(doc, uid, type="HAS_MEASURE", properties={})
    return graph


DOCS = {
    "prov": {"level": "province", "province": "安徽省", "issueDate": "2023-03-01"},
    "city": {"level": "city", "province": "安徽省", "city": "淮南市", "issueDate": "2023-05-01"},
    "peer": {"level": "city", "province": "安徽省", "city": "合肥市", "issueDate": "2023-06-01"},
    "far": {
        "level": "district",
        "province": "上海市",
        "city": "上海市",
        "district": "黄浦区",
        "issueDate": "2023-02-01",
    },
}


def test_vertical_and_horizontal_orientation() -> None:
    graph = _graph(DOCS, {})
    assert orient(graph, "city", "prov") == (True, "vertical")
    assert orient(graph, "prov", "city") == (False, "vertical")
    assert orient(graph, "peer", "city") == (True, "horizontal")  # later city restates earlier city
    assert orient(graph, "far", "city") == (True, "vertical")  # other province, lower level: still vertical


def test_direction_follows_the_levels_whatever_the_provinces() -> None:
    """Vertical exactly when the levels differ (lower to higher, in another province too); horizontal at one
    level, across provinces as well, and when a level is unknown."""
    docs = {
        "sh_district": {
            "level": "district",
            "province": "上海市",
            "city": "上海市",
            "issueDate": "2023-01-05",
        },
        "zj_city": {"level": "city", "province": "浙江省", "city": "杭州市", "issueDate": "2023-04-01"},
        "js_city": {"level": "city", "province": "江苏省", "city": "南京市", "issueDate": "2023-02-01"},
        "fj_province": {"level": "province", "province": "福建省", "issueDate": "2023-06-01"},
        "unknown": {"province": "山东省", "issueDate": "2023-03-01"},
    }
    graph = _graph(docs, {})
    assert orient(graph, "sh_district", "zj_city") == (True, "vertical")  # earlier, but lower: up to the city
    assert orient(graph, "fj_province", "js_city") == (False, "vertical")
    assert orient(graph, "zj_city", "js_city") == (True, "horizontal")  # same level: later to earlier
    assert orient(graph, "unknown", "fj_province") == (False, "horizontal")
    measures = {
        "d1": ("sh_district", PROVINCE_TEXT),
        "p1": ("fj_province", PROVINCE_TEXT + "各地按职责分工负责。"),
    }
    add_echoes(graph := _graph(docs, measures))
    [(src, dst, props)] = [
        (u, v, d["properties"]) for u, v, d in graph.edges(data=True) if d["type"] == "ECHOES"
    ]
    assert (src, dst, props["direction"]) == ("d1", "p1", "vertical")


def test_add_echoes_links_measures_and_documents() -> None:
    measures = {
        "p1": ("prov", PROVINCE_TEXT),
        "p2": ("prov", SECOND_TEXT),
        "c1": ("city", "（三）" + PROVINCE_TEXT.replace("进一步", "")),
        "c2": ("city", SECOND_TEXT + "（市市场监管局负责）"),
        "c3": ("city", OTHER_TEXT),
        "c4": ("city", "加强组织领导。"),
        "h1": ("peer", OTHER_TEXT + "各县区按职责分工负责。"),
    }
    graph = _graph(DOCS, measures)
    stats = add_echoes(graph)
    echoes = {(u, v): d["properties"] for u, v, d in graph.edges(data=True) if d["type"] == "ECHOES"}
    assert set(echoes) == {("c1", "p1"), ("c2", "p2"), ("h1", "c3")}
    assert (
        echoes[("c1", "p1")]["direction"] == "vertical" and echoes[("h1", "c3")]["direction"] == "horizontal"
    )
    assert all(p["similarity"] >= THRESHOLD for p in echoes.values())
    implements = [(u, v, d["properties"]) for u, v, d in graph.edges(data=True) if d["type"] == "IMPLEMENTS"]
    assert [(u, v) for u, v, _ in implements] == [("city", "prov")]  # one echo (peer) is not enough
    assert implements[0][2]["via"] == "reuse" and implements[0][2]["score"] == pytest.approx(2 / 4)
    assert (stats.echoes, stats.vertical, stats.horizontal, stats.implements) == (3, 2, 1, 1)
    add_echoes(graph)
    assert sum(d["type"] == "ECHOES" for _, _, d in graph.edges(data=True)) == 3  # a rerun replaces


def test_same_document_and_short_measures_are_not_echoes() -> None:
    passages = [
        Passage("a", "d1", PROVINCE_TEXT),
        Passage("b", "d1", PROVINCE_TEXT),
        Passage("c", "d2", "加强组织领导。"),
    ]
    assert echo_pairs(passages) == []
    assert similarity("加强组织领导。", "加强组织领导。") == 0.0


def test_labelled_pairs_precision_and_recall() -> None:
    """The shipped threshold on the pairs labelled by reading (tests/data/echo_pairs.json), tuning and held-out."""
    assert len(LABELS) >= 40 and 10 <= sum(p["echo"] for p in LABELS) <= len(LABELS) - 10
    assert {p["set"] for p in LABELS} == {"tuning", "heldout"}
    predicted = {p["id"]: similarity(p["a"]["text"], p["b"]["text"]) >= THRESHOLD for p in LABELS}
    tp = sum(predicted[p["id"]] and p["echo"] for p in LABELS)
    precision = tp / sum(predicted.values())
    recall = tp / sum(p["echo"] for p in LABELS)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_lsh_finds_the_labelled_echoes() -> None:
    """MinHash LSH Ensemble recovers (nearly) every labelled pair the exact similarity accepts."""
    passages = [Passage(f"{p['id']}{s}", f"{p['id']}{s}", p[s]["text"]) for p in LABELS for s in "ab"]
    found = {(passages[i].key, passages[j].key) for i, j, _ in echo_pairs(passages)}
    accepted = [p["id"] for p in LABELS if similarity(p["a"]["text"], p["b"]["text"]) >= THRESHOLD]
    hits = sum((f"{i}a", f"{i}b") in found for i in accepted)
    assert hits >= 0.95 * len(accepted)


def test_sets_too_short_to_sketch_give_no_pairs() -> None:
    assert similar_sets([{"a", "b"}, {"a", "b"}], ["x", "y"]) == []


def _variants(count: int) -> list[set[str]]:
    """`count` near copies of one set of 40 shingles, the m-th with its first m replaced (overlap of the
    m-th and a later n-th: (40 - n) / 40)."""
    return [{*(f"s{n}" for n in range(m, 40)), *(f"v{m}.{n}" for n in range(m))} for m in range(count)]


def test_each_measure_keeps_its_best_echoes() -> None:
    """One text restated in many documents: a pair is kept when it is among the `best` echoes (highest
    overlap, then lowest index) of either of its two sets, so no set loses its best and the pairs grow with
    the sets, not their square."""
    sets = _variants(24)
    groups = [f"d{n}" for n in range(len(sets))]
    every = similar_sets(sets, groups, best=len(sets))
    assert len(every) == len(sets) * (len(sets) - 1) // 2  # every pair echoes: all overlaps 0.425 or more
    ranked: dict[int, list[tuple[float, int]]] = {}
    for i, j, score in every:
        ranked.setdefault(i, []).append((-score, j))
        ranked.setdefault(j, []).append((-score, i))
    best = {(i, other) for i, echoes in ranked.items() for _, other in sorted(echoes)[:3]}
    expected = [(i, j, s) for i, j, s in every if (i, j) in best or (j, i) in best]
    kept = similar_sets(sets, groups, best=3)
    assert kept == expected and len(kept) <= 3 * len(sets)


def test_sets_given_once_by_key_pair_as_their_copies() -> None:
    """Measures of the same words (one key) are compared once, and pair with one another across documents."""
    sets = [s for s in _variants(6) for _ in range(3)]
    groups = ["d0", "d1", "d0", "d2", "d3", "d3", *(f"e{n}" for n in range(12))]
    keys = [n // 3 for n in range(len(sets))]
    by_key = similar_sketches(sketch(sets), groups, sets.__getitem__, keys=keys)
    assert (0, 1, 1.0) in by_key and (0, 2, 1.0) not in by_key  # same document: not an echo
    assert by_key == similar_sets(sets, groups)
