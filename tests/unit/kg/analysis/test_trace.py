"""kg.analysis.trace on the hand-made graph: resolution, the chain up the hierarchy, followers below, marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.analysis.trace import AmbiguousDocument, DocumentNotFound, resolve_document, trace, trace_to_dict
from kg.cli.main import app
from kg.graphjson import dict_to_graph
from tests.support.trace_graph import graph_json, write_graph_json

runner = CliRunner()


@pytest.fixture
def graph():
    return dict_to_graph(graph_json())


def test_resolve_by_uid_number_title_and_fragment(graph) -> None:
    assert resolve_document(graph, "doc:hp") == "doc:hp"
    assert resolve_document(graph, "沪府办规[2023]1 号") == "doc:sh"
    assert resolve_document(graph, "上海市加强集成创新持续优化营商环境行动方案") == "doc:sh"
    assert resolve_document(graph, "宁波市优化") == "doc:nb"


def test_ambiguous_fragment_lists_candidates(graph) -> None:
    with pytest.raises(AmbiguousDocument) as err:
        resolve_document(graph, "杭州市")
    assert {c["uid"] for c in err.value.candidates} == {"doc:hz", "doc:hz2"}
    with pytest.raises(DocumentNotFound):
        resolve_document(graph, "不存在的文件")


def test_district_plan_reaches_municipal_and_national(graph) -> None:
    result = trace(graph, "doc:hp")
    [municipal] = result.upstream
    assert municipal.uid == "doc:sh"
    assert {link.type for link in municipal.links} == {"CITES", "IMPLEMENTS"}
    assert {c.uid for c in municipal.children} == {"doc:gwy", "doc:sh-old"}
    old = next(c for c in municipal.children if c.uid == "doc:sh-old")
    assert old.inactive and not next(c for c in municipal.children if c.uid == "doc:gwy").inactive


def test_provincial_notice_lists_city_followers(graph) -> None:
    result = trace(graph, "doc:zj")
    followers = {n.uid: n for n in result.downstream}
    assert set(followers) == {"doc:hz", "doc:nb"}
    assert followers["doc:nb"].links[0].via == "reuse"
    # doc:hz2 restates doc:hz (a peer): shown in doc:hz's own trace, not as the province's follower
    assert followers["doc:hz"].children == []
    [peer] = trace(graph, "doc:hz").downstream
    assert peer.uid == "doc:hz2" and peer.links[0].direction == "horizontal"


def test_cross_province_citation_is_marked(graph) -> None:
    followers = {n.uid: n for n in trace(graph, "doc:sh").downstream}
    assert followers["doc:nb"].cross_province and not followers["doc:hp"].cross_province


def test_horizontal_reuse_is_not_followed_upwards(graph) -> None:
    [peer] = trace(graph, "doc:hz2").upstream
    assert peer.uid == "doc:hz" and peer.children == []


def test_cli_tree_and_json(tmp_path: Path) -> None:
    path = write_graph_json(tmp_path)
    tree = runner.invoke(app, ["trace", "黄府办发〔2023〕2号", str(path)])
    assert tree.exit_code == 0, tree.output
    assert (
        "上海市加强集成创新持续优化营商环境行动方案" in tree.output
        and "国务院关于开展营商环境创新试点" in tree.output
    )
    assert "repealed" in tree.output
    result = runner.invoke(app, ["trace", "doc:zj", str(tmp_path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data == trace_to_dict(trace(dict_to_graph(graph_json()), "doc:zj"))
    assert {d["uid"] for d in data["downstream"]} == {"doc:hz", "doc:nb"}


def test_cli_ambiguity_exits_non_zero_with_candidates(tmp_path: Path) -> None:
    path = write_graph_json(tmp_path)
    result = runner.invoke(app, ["trace", "杭州市", str(path)])
    assert result.exit_code == 2
    assert "doc:hz2" in result.output and "ambiguous" in result.output


def test_cli_bad_graph_file(tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["trace", "x", str(tmp_path / "graph.json")])
    assert result.exit_code == 2 and "not a graph.json" in result.output
