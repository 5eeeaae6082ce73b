"""kg.analysis.stats on a graph written for the test: counts and measures with no responsible unit."""

from kg.analysis.stats import graph_stats, measures_without_units


def node(uid, label, **props):
    return {"id": uid, "labels": [label], "properties": {"uid": uid, **props}}


def rel(kind, start, end, **props):
    return {"type": kind, "start": start, "end": end, "properties": props}


GRAPH = {
    "meta": {},
    "nodes": [
        node("d", "Document", title="某省方案", inCorpus=True, province="某省", level="province"),
        node("x", "Document", title="外部条例", inCorpus=False),
        node("s1", "Measure", path="一", heading="开办企业领域（省市场监管局牵头）", pageStart=3),
        node("m1", "Measure", path="一/1", heading="压缩开办时间", pageStart=3),
        node("s2", "Measure", path="二", heading="纳税领域", pageStart=4),
        node("m2", "Measure", path="二/1", heading="推行电子退税", pageStart=4),
        node("m3", "Measure", path="二/2", heading="优化退税流程", pageStart=5),
        node("a", "Agency", name="某省市场监督管理局"),
    ],
    "relationships": [rel("HAS_MEASURE", "d", m) for m in ("s1", "m1", "s2", "m2", "m3")]
    + [
        rel("PART_OF", "m1", "s1"),
        rel("PART_OF", "m2", "s2"),
        rel("PART_OF", "m3", "s2"),
        rel("ASSIGNS", "s1", "a", role="lead"),
        rel("ASSIGNS", "m3", "a", role="responsible"),
        rel("CITES", "d", "x"),
    ],
}


def test_a_leaf_is_covered_by_its_own_unit_or_an_ancestors():
    missing = measures_without_units(GRAPH)
    assert [m["path"] for m in missing] == ["二/1"]
    assert missing[0]["document"] == "某省方案"
    assert missing[0]["page"] == 4


def test_counts():
    stats = graph_stats(GRAPH)
    assert stats["documents_in_corpus"] == 1
    assert stats["documents_external"] == 1
    assert stats["citations_external"] == 1
    assert stats["labels"]["Measure"] == 5
