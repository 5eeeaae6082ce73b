"""A small graph.json written by hand (DESIGN.md's model): two provinces, a city plan citing its province,
a district plan citing the city plan, an external regulation, measures with units, indicators, targets and
deadlines, a repealed and an expired document.
"""

from __future__ import annotations

import copy
from typing import Any


def _node(uid: str, labels: list[str], **props: Any) -> dict[str, Any]:
    return {"id": uid, "labels": labels, "properties": props}


def _rel(rel_type: str, start: str, end: str, **props: Any) -> dict[str, Any]:
    return {"type": rel_type, "start": start, "end": end, "properties": props}


def _doc(uid: str, title: str, level: str, province: str, **props: Any) -> dict[str, Any]:
    base = {
        "title": title,
        "level": level,
        "province": province,
        "inCorpus": True,
        "source": "mini.txt",
        "status": "in_force",
    }
    return _node(uid, ["Document"], **{**base, **props})


def mini_graph() -> dict[str, Any]:
    """A fresh copy of the hand-made graph."""
    nodes = [
        _doc(
            "doc:zj",
            "浙江省优化营商环境行动方案",
            "province",
            "浙江省",
            docNumber="浙政发〔2023〕1号",
            issueDate="2023-02-01",
        ),
        _doc(
            "doc:hz",
            "杭州市优化营商环境实施方案",
            "city",
            "浙江省",
            city="杭州市",
            docNumber="杭政发〔2023〕2号",
            issueDate="2023-03-01",
        ),
        _doc(
            "doc:xh",
            "西湖区营商环境工作要点",
            "district",
            "浙江省",
            city="杭州市",
            district="西湖区",
            docNumber="西政发〔2023〕3号",
            expiryDate="2023-06-30",
        ),
        _doc("doc:js", "江苏省优化营商环境若干措施", "province", "江苏省", docNumber="苏政发〔2023〕4号"),
        _doc(
            "doc:nj", "南京市营商环境提升方案", "city", "江苏省", city="南京市", docNumber="宁政发〔2023〕5号"
        ),
        _doc(
            "doc:old",
            "浙江省营商环境旧办法",
            "province",
            "浙江省",
            docNumber="浙政发〔2019〕9号",
            status="repealed",
        ),
        _node("doc:ext", ["Document"], title="优化营商环境条例", inCorpus=False, level="national"),
        _node(
            "ag:zjgov",
            ["Agency"],
            name="浙江省人民政府",
            level="province",
            region="浙江省",
            kind="government",
        ),
        _node(
            "ag:zjfgw",
            ["Agency", "ResponsibleUnit"],
            name="浙江省发展改革委",
            level="province",
            region="浙江省",
            kind="department",
        ),
        _node(
            "ag:zjsj",
            ["Agency", "ResponsibleUnit"],
            name="浙江省市场监管局",
            level="province",
            region="浙江省",
            kind="department",
        ),
        _node(
            "ag:grid",
            ["Agency", "ResponsibleUnit"],
            name="国网公司",
            level="national",
            region="全国",
            kind="enterprise",
        ),
        _node(
            "ag:hzsj",
            ["Agency", "ResponsibleUnit"],
            name="杭州市市场监管局",
            level="city",
            region="杭州市",
            kind="department",
        ),
        _node(
            "m:zj1",
            ["Measure"],
            number="1",
            path="1",
            heading="获得电力",
            text="压减获得电力办理时间至5个工作日以内",
            leaf=True,
            pageStart=2,
            pageEnd=2,
        ),
        _node(
            "m:zj2",
            ["Measure"],
            number="2",
            path="2",
            heading="开办企业",
            text="企业开办全程网办，1个工作日内办结",
            leaf=True,
            pageStart=2,
            pageEnd=2,
        ),
        _node(
            "m:hz1",
            ["Measure"],
            number="1",
            path="1",
            heading="获得电力",
            text="低压小微企业接电时间压减至2个工作日",
            leaf=True,
            pageStart=5,
            pageEnd=5,
        ),
        _node(
            "m:xh1",
            ["Measure"],
            number="1",
            path="1",
            heading="政务服务",
            text="推进政务服务一网通办",
            leaf=True,
            pageStart=8,
            pageEnd=8,
        ),
        _node(
            "m:js1",
            ["Measure"],
            number="一",
            path="一",
            heading="获得电力",
            text="办电时间不超过3个工作日",
            leaf=False,
            pageStart=11,
            pageEnd=11,
        ),
        _node(
            "m:js1a",
            ["Measure"],
            number="1",
            path="一/1",
            heading="报装",
            text="高压用户办电时间压减至3个工作日",
            leaf=True,
            pageStart=11,
            pageEnd=11,
        ),
        _node("ind:power", ["Indicator"], name="获得电力", system="中国营商环境评价"),
        _node("ind:entry", ["Indicator"], name="开办企业", system="中国营商环境评价"),
        _node(
            "t:zj1",
            ["Target"],
            text="办理时间至5个工作日以内",
            metric="办理时间",
            value=5.0,
            unit="个工作日",
            comparator="<=",
        ),
        _node(
            "t:hz1",
            ["Target"],
            text="接电时间压减至2个工作日",
            metric="接电时间",
            value=2.0,
            unit="个工作日",
            comparator="<=",
        ),
        _node(
            "t:js1a",
            ["Target"],
            text="办电时间压减至3个工作日",
            metric="办电时间",
            value=3.0,
            unit="个工作日",
            comparator="<=",
        ),
        _node("dl:2023-06", ["Deadline"], date="2023-06-30", granularity="month"),
        _node("dl:2023-12", ["Deadline"], date="2023-12-31", granularity="year"),
    ]
    rels = [
        _rel("ISSUES", "ag:zjgov", "doc:zj", role="lead", asPrinted="浙江省人民政府", page=1),
        _rel("ISSUES", "ag:zjfgw", "doc:hz", role="lead", asPrinted="浙江省发展改革委", page=4),
        _rel("ISSUES", "ag:zjsj", "doc:hz", role="joint", asPrinted="浙江省市场监管局", page=4),
        _rel(
            "CITES", "doc:hz", "doc:zj", purpose="basis", asPrinted="《浙江省优化营商环境行动方案》", page=4
        ),
        _rel(
            "CITES",
            "doc:xh",
            "doc:hz",
            purpose="implements",
            asPrinted="《杭州市优化营商环境实施方案》",
            page=7,
        ),
        _rel(
            "CITES",
            "doc:nj",
            "doc:zj",
            purpose="reference",
            asPrinted="《浙江省优化营商环境行动方案》",
            page=12,
        ),
        _rel("CITES", "doc:zj", "doc:ext", purpose="basis", asPrinted="《优化营商环境条例》", page=1),
        _rel("CITES", "doc:js", "doc:ext", purpose="basis", asPrinted="《优化营商环境条例》", page=10),
        _rel("CITES", "doc:hz", "doc:old", purpose="reference", asPrinted="《浙江省营商环境旧办法》", page=5),
        _rel("SUPERSEDES", "doc:zj", "doc:old", asPrinted="同时废止", page=3),
        _rel("HAS_MEASURE", "doc:zj", "m:zj1"),
        _rel("HAS_MEASURE", "doc:zj", "m:zj2"),
        _rel("HAS_MEASURE", "doc:hz", "m:hz1"),
        _rel("HAS_MEASURE", "doc:xh", "m:xh1"),
        _rel("HAS_MEASURE", "doc:js", "m:js1"),
        _rel("HAS_MEASURE", "doc:js", "m:js1a"),
        _rel("PART_OF", "m:js1a", "m:js1"),
        _rel("ASSIGNS", "m:zj1", "ag:zjfgw", role="lead", order=1, asPrinted="省发展改革委", page=2),
        _rel("ASSIGNS", "m:zj1", "ag:grid", role="support", order=2, asPrinted="国网公司", page=2),
        _rel("ASSIGNS", "m:zj2", "ag:zjsj", role="lead", order=1, asPrinted="省市场监管局", page=2),
        _rel("ASSIGNS", "m:zj2", "ag:zjfgw", role="support", order=2, asPrinted="省发展改革委", page=2),
        _rel("ASSIGNS", "m:hz1", "ag:grid", role="responsible", order=1, asPrinted="国网公司", page=5),
        _rel("ASSIGNS", "m:hz1", "ag:hzsj", role="responsible", order=2, asPrinted="市市场监管局", page=5),
        _rel("ASSIGNS", "m:js1", "ag:grid", role="lead", order=1, asPrinted="国网公司", page=11),
        _rel("ADDRESSES", "m:zj1", "ind:power", via="heading", evidence="获得电力"),
        _rel("ADDRESSES", "m:hz1", "ind:power", via="heading", evidence="获得电力"),
        _rel("ADDRESSES", "m:js1", "ind:power", via="heading", evidence="获得电力"),
        _rel("ADDRESSES", "m:zj2", "ind:entry", via="heading", evidence="开办企业"),
        _rel("SETS_TARGET", "m:zj1", "t:zj1", page=2),
        _rel("SETS_TARGET", "m:hz1", "t:hz1", page=5),
        _rel("SETS_TARGET", "m:js1a", "t:js1a", page=11),
        _rel("HAS_DEADLINE", "m:zj1", "dl:2023-06", kind="complete_by", asPrinted="2023年6月底前", page=2),
        _rel("HAS_DEADLINE", "m:hz1", "dl:2023-12", kind="complete_by", asPrinted="2023年底前", page=5),
    ]
    meta = {"generator": "hand-made", "sources": [{"file": "mini.txt", "sha256": "0", "pages": 12}]}
    return copy.deepcopy({"meta": meta, "nodes": nodes, "relationships": rels})
