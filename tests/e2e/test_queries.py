"""Every canned query on the bundled sample (facts read from data/east-china-2023.txt) and on the hand-made
mini graph; parameters stay values; kg cypher refuses writes without --write.

Facts from the sample text:
- 《上海市徐汇区持续优化提升营商环境行动方案》, 金山区 and 嘉定区 plans say 根据《上海市加强集成创新持续优化营商环境
  行动方案》, the municipal plan 沪府办规〔2023〕1号 (pages of the 2023 Shanghai district section).
- 扬州's 2023 task list has an item headed 获得电力 (牵头部门：市供电公司).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j.catalogue import bind, load_catalogue
from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.loader import load_graph
from kg.neo4j.runner import run
from tests.support.minigraph import mini_graph
from tests.support.neo4j_helpers import counts, wipe

pytestmark = pytest.mark.neo4j
CATALOGUE = load_catalogue()
SHANGHAI_PLAN = "沪府办规〔2023〕1号"


def query(conn: Connection, name: str, **params: str) -> list[dict[str, Any]]:
    canned = CATALOGUE[name]
    with open_driver(conn) as driver:
        result = run(driver, conn.database, canned.text, bind(canned, params))
    assert result.columns == list(canned.columns)
    return result.rows


def test_the_catalogue_has_at_least_15_queries_with_full_headers() -> None:
    assert len(CATALOGUE) >= 15
    for canned in CATALOGUE.values():
        assert canned.description and canned.columns and canned.text.strip()


class TestOnTheSample:
    @pytest.fixture(autouse=True)
    def _loaded(self, sample_loaded: dict[str, Any]) -> None:
        self.graph = sample_loaded

    def test_every_canned_query_runs_with_its_defaults(self, conn: Connection) -> None:
        empty = [name for name in CATALOGUE if name != "units-multi-province" and not query(conn, name)]
        assert empty == []

    def test_district_plans_depend_on_the_municipal_plan(self, conn: Connection) -> None:
        up = query(conn, "dependency-chain-up", document="徐汇区持续优化提升营商环境行动方案")
        assert {
            "depth": 1,
            "docNumber": SHANGHAI_PLAN,
            "level": "province",
            "purpose": "basis",
        }.items() <= next(r for r in up if r["docNumber"] == SHANGHAI_PLAN).items()
        down = query(conn, "dependency-chain-down", document=SHANGHAI_PLAN)
        districts = {r["region"] for r in down if r["depth"] == 1 and r["level"] == "district"}
        assert {"徐汇区", "金山区", "嘉定区"} <= districts

    def test_cross_level_citations_count_shanghai_districts_citing_their_own_province(
        self, conn: Connection
    ) -> None:
        rows = query(conn, "cross-level-citations")
        own = [r for r in rows if r["citingLevel"] == "district" and r["citingProvince"] == "上海市"]
        assert own and own[0]["relation"] == "own province" and own[0]["citingDocuments"] >= 3

    def test_top_cited_document_is_the_shanghai_plan_and_external_ones_are_out_of_corpus(
        self, conn: Connection
    ) -> None:
        top = query(conn, "top-cited-documents", limit="1")
        assert top[0]["docNumber"] == SHANGHAI_PLAN and top[0]["citingDocuments"] >= 3
        external = query(conn, "most-cited-external")
        assert "优化营商环境条例" in {r["title"] for r in external}

    def test_fulltext_finds_the_yangzhou_power_item(self, conn: Connection) -> None:
        rows = query(conn, "fulltext-measures", q="获得电力")
        assert any("扬州" in r["document"] and r["heading"] == "获得电力" for r in rows)

    def test_lead_workload_counts_measures_each_unit_leads(self, conn: Connection) -> None:
        rows = query(conn, "lead-agency-workload", province="上海市", limit="5")
        assert rows and all(r["leadMeasures"] >= rows[-1]["leadMeasures"] for r in rows)
        assert all(r["agency"] for r in rows)

    def test_label_counts_match_the_graph(self, conn: Connection) -> None:
        rows = {(r["kind"], r["name"]): r["count"] for r in query(conn, "label-counts")}
        documents = sum(1 for n in self.graph["nodes"] if "Document" in n["labels"])
        assert rows[("label", "Document")] == documents > 80


class TestOnTheMiniGraph:
    @pytest.fixture(autouse=True)
    def _loaded(self, conn: Connection) -> None:
        with open_driver(conn) as driver:
            wipe(driver)
            load_graph(driver, conn.database, mini_graph())

    def test_targets_per_indicator_across_regions_include_enclosing_measures(self, conn: Connection) -> None:
        rows = query(conn, "indicator-targets", indicator="获得电力", unit="个工作日")
        assert [(r["region"], r["value"]) for r in rows] == [
            ("杭州市", 2.0),
            ("江苏省", 3.0),
            ("浙江省", 5.0),
        ]

    def test_indicator_coverage_by_province(self, conn: Connection) -> None:
        rows = {(r["indicator"], r["region"]): r["measures"] for r in query(conn, "indicator-coverage")}
        assert rows == {("获得电力", "浙江省"): 2, ("获得电力", "江苏省"): 1, ("开办企业", "浙江省"): 1}

    def test_measures_due_in_a_window(self, conn: Connection) -> None:
        rows = query(conn, "measures-due", **{"from": "2023-06-01", "to": "2023-06-30"})
        assert [(r["deadline"], r["region"]) for r in rows] == [("2023-06-30", "浙江省")]

    def test_units_assigned_in_more_than_one_province(self, conn: Connection) -> None:
        rows = query(conn, "units-multi-province")
        assert [(r["unit"], sorted(r["provinceList"])) for r in rows] == [("国网公司", ["江苏省", "浙江省"])]

    def test_measures_without_unit_and_isolated_documents(self, conn: Connection) -> None:
        assert [r["measure"] for r in query(conn, "measures-without-unit")] == ["1"]  # 西湖区's only measure
        assert (
            query(conn, "measures-without-unit", document="西湖区")[0]["document"] == "西湖区营商环境工作要点"
        )
        assert query(conn, "isolated-documents") == []

    def test_stale_references_and_expiring_documents(self, conn: Connection) -> None:
        stale = query(conn, "stale-references", asOf="2023-12-31")
        assert [(r["citingDocNumber"], r["citedDocNumber"], r["reason"]) for r in stale] == [
            ("杭政发〔2023〕2号", "浙政发〔2019〕9号", "repealed")
        ]
        expiring = query(conn, "documents-expiring", asOf="2023-06-01", withinDays="60")
        assert [(r["docNumber"], r["status"]) for r in expiring] == [("西政发〔2023〕3号", "expiring")]
        assert query(conn, "documents-expiring", asOf="2023-07-01")[0]["status"] == "expired"

    def test_networks_of_units_and_issuers(self, conn: Connection) -> None:
        pairs = query(conn, "co-assignment-network", minShared="1")
        assert {(r["unitA"], r["unitB"]) for r in pairs} == {
            ("国网公司", "杭州市市场监管局"),
            ("国网公司", "浙江省发展改革委"),
            ("浙江省发展改革委", "浙江省市场监管局"),
        }
        joint = query(conn, "joint-issuance")
        assert [(r["agencyA"], r["agencyB"], r["docNumbers"]) for r in joint] == [
            ("浙江省发展改革委", "浙江省市场监管局", ["杭政发〔2023〕2号"])
        ]

    def test_dependency_chain_crosses_levels_and_cross_level_citations_split_own_and_other(
        self, conn: Connection
    ) -> None:
        up = query(conn, "dependency-chain-up", document="西湖区")
        assert sorted((r["depth"], r["level"], r["docNumber"] or "") for r in up) == [
            (1, "city", "杭政发〔2023〕2号"),
            (2, "province", "浙政发〔2019〕9号"),
            (2, "province", "浙政发〔2023〕1号"),
            (3, "national", ""),
        ]
        rows = {
            (r["citingProvince"], r["relation"], r["citedProvince"])
            for r in query(conn, "cross-level-citations")
        }
        assert rows == {("浙江省", "own province", "浙江省"), ("江苏省", "other province", "浙江省")}

    def test_a_parameter_holding_cypher_stays_a_value(self, conn: Connection) -> None:
        attack = "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //"
        assert query(conn, "fulltext-measures", q="接电时间")
        assert query(conn, "measures-without-unit", document=attack) == []
        assert query(conn, "dependency-chain-up", document=attack) == []
        with open_driver(conn) as driver:
            assert counts(driver)["nodes"] == len(mini_graph()["nodes"])

    def test_kg_query_cli_formats(self, cli_env: dict[str, str]) -> None:
        listed = CliRunner().invoke(app, ["query", "--format", "json"], env=cli_env)
        assert {q["name"] for q in json.loads(listed.stdout)} == set(CATALOGUE)
        ran = CliRunner().invoke(app, ["query", "units-multi-province", "--format", "csv"], env=cli_env)
        assert ran.exit_code == 0 and ran.stdout.splitlines()[0] == "unit,provinces,measures,provinceList"
        assert "国网公司" in ran.stdout
        bad = CliRunner().invoke(app, ["query", "measures-due", "--param", "from=soon"], env=cli_env)
        assert bad.exit_code == 2 and "not a valid date" in bad.stderr

    def test_kg_cypher_refuses_a_write_without_write(self, conn: Connection, cli_env: dict[str, str]) -> None:
        refused = CliRunner().invoke(app, ["cypher", "MATCH (n:Measure) DETACH DELETE n"], env=cli_env)
        assert refused.exit_code == 2 and "--write" in refused.stderr
        with open_driver(conn) as driver:
            assert counts(driver)["label:Measure"] == 6
        read = CliRunner().invoke(
            app, ["cypher", "MATCH (m:Measure) RETURN count(m) AS n", "--format", "json"], env=cli_env
        )
        assert json.loads(read.stdout) == [{"n": 6}]
        wrote = CliRunner().invoke(
            app,
            ["cypher", "MATCH (m:Measure {uid: $u}) SET m.note = 'x'", "--write", "-p", "u=m:zj1"],
            env=cli_env,
        )
        assert wrote.exit_code == 0, wrote.output
        with open_driver(conn) as driver:
            assert (
                driver.execute_query("MATCH (m:Measure {note: 'x'}) RETURN m.uid AS u").records[0]["u"]
                == "m:zj1"
            )
