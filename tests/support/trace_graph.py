"""A small hand-made graph.json (DESIGN.md's shape) for the export, trace and echo tests.

A national State Council opinion; Shanghai's municipal plan (province level) basing itself on it and
repealing an older plan; a Huangpu district plan implementing the municipal plan from one of its measures;
Zhejiang's provincial notice; a Hangzhou notice citing it; a Ningbo notice restating it (reuse) and citing
Shanghai's plan (cross-province); a second Hangzhou notice restating the first (horizontal reuse).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any


def _doc(uid: str, title: str, level: str, **props: Any) -> dict[str, Any]:
    base = {"title": title, "level": level, "inCorpus": True, "status": "in_force", "source": "sample.txt"}
    return {"id": uid, "labels": ["Document"], "properties": {**base, **props}}


def _rel(rel_type: str, start: str, end: str, /, **props: Any) -> dict[str, Any]:
    return {"type": rel_type, "start": start, "end": end, "properties": props}


_HP = {
    "docNumber": "黄府办发〔2023〕2号",
    "province": "上海市",
    "city": "上海市",
    "district": "黄浦区",
    "pageStart": 398,
}
NODES = [
    _doc(
        "doc:gwy",
        "国务院关于开展营商环境创新试点工作的意见",
        "national",
        docNumber="国发〔2021〕24号",
        inCorpus=False,
    ),
    _doc(
        "doc:sh",
        "上海市人民政府办公厅关于印发《上海市加强集成创新持续优化营商环境行动方案》的通知",
        "province",
        subjectTitle="上海市加强集成创新持续优化营商环境行动方案",
        docNumber="沪府办规〔2023〕1号",
        province="上海市",
        city="上海市",
        issueDate="2023-01-20",
        pageStart=376,
        pageEnd=382,
    ),
    _doc(
        "doc:sh-old", "上海市优化营商环境行动方案（2022年）", "province", province="上海市", status="repealed"
    ),
    _doc(
        "doc:hp",
        "上海市黄浦区人民政府办公室关于印发《黄浦区加强集成创新持续优化营商环境2023年工作方案》的通知",
        "district",
        **_HP,
    ),
    _doc(
        "doc:zj",
        "浙江省人民政府关于进一步优化营商环境的通知",
        "province",
        docNumber="浙政发〔2023〕5号",
        province="浙江省",
    ),
    _doc("doc:hz", "杭州市人民政府关于落实优化营商环境措施的通知", "city", province="浙江省", city="杭州市"),
    _doc(
        "doc:hz2",
        "杭州市萧山区优化营商环境若干措施",
        "city",
        province="浙江省",
        city="杭州市",
        docNumber="萧政发〔2023〕3号",
    ),
    _doc("doc:nb", "宁波市优化营商环境实施方案", "city", province="浙江省", city="宁波市", pageStart=600),
    {
        "id": "agency:shgov",
        "labels": ["Agency", "ResponsibleUnit"],
        "properties": {
            "name": "上海市人民政府办公厅",
            "aliases": ["市政府办公厅", "上海市政府办公厅"],
            "level": "province",
        },
    },
    {"id": "agency:none", "labels": ["Agency"], "properties": {"name": "无别名机关", "aliases": []}},
    {
        "id": "m:hp:1",
        "labels": ["Measure"],
        "properties": {
            "number": "1",
            "path": "一/1",
            "text": "深化企业登记便利化改革，推行全程电子化。",
            "pageStart": 399,
        },
    },
    {
        "id": "m:sh:1",
        "labels": ["Measure"],
        "properties": {
            "number": "1",
            "path": "一/1",
            "text": "推行企业登记全程电子化，提升开办效率。",
            "charStart": 120,
            "charEnd": 150,
        },
    },
    {
        "id": "dl:2023-12-31",
        "labels": ["Deadline"],
        "properties": {"date": "2023-12-31", "granularity": "year"},
    },
    {
        "id": "region:上海市",
        "labels": ["Region"],
        "properties": {"name": "上海市", "level": "province", "adcode": "310000"},
    },
]

RELATIONSHIPS = [
    _rel("CITES", "doc:sh", "doc:gwy", purpose="basis", asPrinted="《意见》", page=376),
    _rel("CITES", "doc:sh", "doc:gwy", purpose="reference", asPrinted="意见", page=380),
    _rel("SUPERSEDES", "doc:sh", "doc:sh-old", asPrinted="同时废止", page=382),
    _rel("CITES", "doc:sh", "doc:sh-old", purpose="reference", page=377),
    _rel("HAS_MEASURE", "doc:hp", "m:hp:1"),
    _rel("HAS_MEASURE", "doc:sh", "m:sh:1"),
    _rel("CITES", "m:hp:1", "doc:sh", purpose="implements", asPrinted="《行动方案》", page=399),
    _rel("IMPLEMENTS", "doc:hp", "doc:sh", via="citation", score=1.0),
    _rel("ECHOES", "m:hp:1", "m:sh:1", similarity=0.62, direction="vertical"),
    _rel("CITES", "doc:hz", "doc:zj", purpose="implements", page=590),
    _rel("IMPLEMENTS", "doc:nb", "doc:zj", via="reuse", score=0.4, direction="vertical"),
    _rel("CITES", "doc:nb", "doc:sh", purpose="reference", page=601),
    _rel("IMPLEMENTS", "doc:hz2", "doc:hz", via="reuse", score=0.3, direction="horizontal"),
    _rel("ISSUES", "agency:shgov", "doc:sh", role="lead", asPrinted="上海市人民政府办公厅", page=376),
    _rel("HAS_DEADLINE", "m:sh:1", "dl:2023-12-31", kind="complete_by", asPrinted="2023年底前", page=378),
    _rel("IN_REGION", "doc:sh", "region:上海市"),
    _rel("IN_REGION", "doc:hp", "region:上海市"),
]


def graph_json() -> dict[str, Any]:
    """A fresh copy of the fixture document."""
    return copy.deepcopy({"meta": {"generator": "test"}, "nodes": NODES, "relationships": RELATIONSHIPS})


def write_graph_json(directory: Path) -> Path:
    path = directory / "graph.json"
    path.write_text(json.dumps(graph_json(), ensure_ascii=False), encoding="utf-8")
    return path
