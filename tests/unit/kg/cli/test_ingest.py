"""`kg ingest`, `kg stats`, `kg eval` end to end: bad input gets one line and an exit code, never a traceback."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from tests.support.notice_texts import COMPILATION
from tests.support.pdfmaker import make_pdf

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=True)


def assert_one_line_error(result, path: Path, reason: str, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    lines = [line for line in result.output.splitlines() if line.strip()]
    error = [line for line in lines if line.startswith("error:")]
    assert len(error) == 1, result.output
    assert str(path) in result.output.replace("\n", "")
    assert reason in result.output.replace("\n", "")


def test_ingest_writes_graph_and_summary(tmp_path):
    source = tmp_path / "hubei.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    result = run("ingest", str(source), "--out", str(tmp_path / "out"), "--json", "--no-nlp")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 3
    assert summary["documents_by_province"] == {"湖北省": 2, "湖南省": 1}
    assert summary["citations_resolved"] == 1
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert graph["meta"]["sources"][0]["file"] == "hubei.txt"
    assert sum("Document" in n["labels"] and n["properties"]["inCorpus"] for n in graph["nodes"]) == 3


def test_stats_table(tmp_path):
    source = tmp_path / "hubei.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    run("ingest", str(source), "--out", str(tmp_path / "o"), "--no-nlp")
    result = run("stats", str(tmp_path / "o" / "graph.json"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents_by_level"] == {"province": 1, "city": 1, "district": 1}


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.pdf"
    assert_one_line_error(run("ingest", str(missing), "--out", str(tmp_path / "o")), missing, "no such file")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_one_line_error(run("ingest", str(empty), "--out", str(tmp_path / "o")), empty, "empty")


def test_binary_file(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    assert_one_line_error(run("ingest", str(binary), "--out", str(tmp_path / "o")), binary, "binary")


def test_gbk_text_is_read(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(COMPILATION.encode("gbk"))
    result = run("ingest", str(gbk), "--out", str(tmp_path / "out"), "--json", "--no-nlp")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 3


def test_truncated_pdf(tmp_path):
    pdf = make_pdf(
        tmp_path / "whole.pdf", [["湖北省市场监督管理局关于开展专项行动的通知", "各市场监管局："]] * 3
    )
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    result = run("ingest", str(cut), "--out", str(tmp_path / "o"))
    assert_one_line_error(result, cut, "")
    assert not (tmp_path / "o" / "graph.json").exists()


def test_encrypted_pdf(tmp_path):
    pdf = make_pdf(
        tmp_path / "locked.pdf", [["湖北省市场监督管理局关于开展专项行动的通知"]], user_password="secret"
    )
    assert_one_line_error(run("ingest", str(pdf), "--out", str(tmp_path / "o")), pdf, "encrypted")
    assert not (tmp_path / "o" / "graph.json").exists()


def test_no_notices_writes_an_empty_graph_and_exits_1(tmp_path):
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好，我们去公园散步。\n晚上回家吃饭。\n", encoding="utf-8")
    result = run("ingest", str(prose), "--out", str(tmp_path / "o"))
    assert_one_line_error(result, prose, "no notices", code=1)
    graph = json.loads((tmp_path / "o" / "graph.json").read_text(encoding="utf-8"))
    assert graph["nodes"] == [] and graph["relationships"] == []


def test_one_bad_source_is_named_and_left_out_and_the_others_are_added(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(COMPILATION, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run("ingest", str(good), str(bad), "--out", str(tmp_path / "o"), "--json", "--no-nlp")
    assert result.exit_code == 1, result.output
    assert f"left out: {bad}: file is empty" in result.stderr.replace("\n", "")
    assert json.loads(result.stdout)["left_out"] == [f"{bad}: file is empty"]
    graph = json.loads((tmp_path / "o" / "graph.json").read_text(encoding="utf-8"))
    assert sum("Document" in n["labels"] and n["properties"]["inCorpus"] for n in graph["nodes"]) == 3


def test_nothing_readable_keeps_the_graph_already_there(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(COMPILATION, encoding="utf-8")
    assert run("ingest", str(good), "--out", str(tmp_path / "o"), "--no-nlp").exit_code == 0
    before = (tmp_path / "o" / "graph.json").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert_one_line_error(run("ingest", str(bad), "--out", str(tmp_path / "o")), bad, "empty")
    assert (tmp_path / "o" / "graph.json").read_bytes() == before


def test_a_folder_is_ingested_file_by_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hubei.txt").write_text(COMPILATION, encoding="utf-8")
    (folder / "table.xlsx").write_bytes(b"PK")
    result = run("ingest", str(folder), "--out", str(tmp_path / "o"), "--json", "--no-nlp")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 3
    assert [line.split(":")[0] for line in summary["left_out"]] == [str(folder / "table.xlsx")]


def test_the_corpus_can_share_a_directory_with_the_sources(tmp_path):
    source = tmp_path / "hubei.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    result = run("ingest", str(source), "--out", str(tmp_path), "--json", "--no-nlp")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 3
    assert source.read_text(encoding="utf-8") == COMPILATION


def test_stats_on_a_non_graph_file(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2]", encoding="utf-8")
    assert_one_line_error(run("stats", str(junk)), junk, "not a graph.json")


def test_eval_with_missing_key(tmp_path):
    missing = tmp_path / "gold.json"
    assert_one_line_error(run("eval", str(missing), str(tmp_path / "g.json")), missing, "no such file")


@pytest.mark.parametrize("command", ["ingest", "stats", "eval"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"kg {command}" in result.output


def test_eval_takes_the_graph_as_an_argument_or_with_graph(tmp_path):
    source = tmp_path / "hubei.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    assert run("ingest", str(source), "--out", str(tmp_path / "o"), "--no-nlp").exit_code == 0
    gold = tmp_path / "gold.json"
    gold.write_text("[]", encoding="utf-8")
    by_argument = run("eval", str(gold), str(tmp_path / "o"), "--json")
    by_option = run("eval", str(gold), "--graph", str(tmp_path / "o" / "graph.json"), "--json")
    assert by_argument.exit_code == by_option.exit_code == 0, by_option.output
    assert json.loads(by_argument.stdout) == json.loads(by_option.stdout)
    assert_one_line_error(run("eval", str(gold)), Path("GRAPH"), "give the graph.json")


def test_a_mixed_folder_ingests_in_one_command_and_names_what_it_left_out(tmp_path, monkeypatch):
    from tests.support.docxmaker import make_docx
    from tests.support.sample_notice import notice_lines
    from tests.support.webpages import gov_cn_page, notice_article

    monkeypatch.setenv("POLICY_KG_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "in"
    folder.mkdir()
    make_pdf(folder / "notice.pdf", [notice_lines()])
    (folder / "notice.html").write_text(gov_cn_page(notice_article(notice_lines())), encoding="utf-8")
    make_docx(folder / "notice.docx", ["\n".join(notice_lines())])
    (folder / "notice.txt").write_text("\n".join(notice_lines()), encoding="utf-8")
    (folder / "rule.md").write_text(
        "# 某省优化营商环境条例\n\n2023年5月1日某省第十四届人民代表大会常务委员会第三次会议通过\n\n"
        "## 第一章 总则\n\n第一条 为了优化营商环境，制定本条例。\n\n第二条 本条例自2023年7月1日起施行。\n",
        encoding="utf-8",
    )
    (folder / "tasks.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    result = run("ingest", str(folder), "--out", str(tmp_path / "o"), "--json", "--no-nlp")
    assert result.exit_code == 1, result.output
    left = json.loads(result.stdout)["left_out"]
    assert sorted(line.split(":")[0] for line in left) == [
        str(folder / "broken.pdf"),
        str(folder / "tasks.xlsx"),
    ]
    graph = json.loads((tmp_path / "o" / "graph.json").read_text(encoding="utf-8"))
    docs = [
        n["properties"] for n in graph["nodes"] if "Document" in n["labels"] and n["properties"]["inCorpus"]
    ]
    assert len(docs) == 2
    [notice] = [d for d in docs if d["source"].startswith("notice")]
    assert notice["sources"] == ["notice.docx", "notice.html", "notice.pdf", "notice.txt"]


def _doc_numbers(graph_path: Path) -> list[str]:
    graph = json.loads(graph_path.read_text(encoding="utf-8"))
    return sorted(
        n["properties"]["docNumber"]
        for n in graph["nodes"]
        if "Document" in n["labels"] and n["properties"]["inCorpus"]
    )


def test_a_notice_past_its_budget_is_named_and_left_out_and_the_rest_of_its_file_is_added(
    tmp_path, monkeypatch
):
    from ingest.budget import BUDGET_ENV
    from ingest.pipeline import extract_source
    from kg import pipeline
    from tests.support.adversarial import COMPILATION_ENTRY, PAYLOADS, lines_source

    entries = [COMPILATION_ENTRY.format(n=n).splitlines() for n in (1, 2, 3)]
    extract_source(lines_source(entries[0], "warm.txt"))  # tables and patterns loaded before the budget
    digits = next(p for p in PAYLOADS if p.name == "digits").lines(300_000)  # a table of figures, fused
    source = tmp_path / "compilation.txt"
    source.write_text("\n".join([*entries[0], *entries[1], *digits, *entries[2]]), encoding="utf-8")
    out = tmp_path / "o"
    monkeypatch.setenv(
        BUDGET_ENV, "0.2,0"
    )  # segmenting the file and an entry take milliseconds, 300 KB of digits a second

    ingest = ("ingest", str(source), "--out", str(out), "--json", "--no-nlp", "--workers", "1")  # warmed here
    result = run(*ingest)
    assert result.exit_code == 1, result.output
    [left] = json.loads(result.stdout)["left_out"]
    assert left.startswith(f"{source}: document 2 (2.上海市人民政府办公厅关于印发《上海")
    assert "ran past its extraction budget" in left and " in stage " in left
    assert f"left out: {left}" in result.stderr.replace("\n", "")
    assert _doc_numbers(out / "graph.json") == ["沪府办规〔2023〕1号", "沪府办规〔2023〕3号"]
    [entry] = json.loads((out / "corpus.json").read_text(encoding="utf-8"))["sources"]
    assert entry["documents"] == 2 and entry["budget"] == "0.2,0"

    extracted: list[Path] = []
    map_stage = pipeline.extracted

    def read_again(paths: list[Path], *args: Any, **kwargs: Any) -> Any:
        extracted.extend(paths)
        return map_stage(paths, *args, **kwargs)

    with monkeypatch.context() as same_budget:
        same_budget.setattr(pipeline, "extracted", read_again)
        again = run(*ingest)
    assert again.exit_code == 1, again.output
    assert extracted == []  # the same file under the same budget is not extracted again
    assert json.loads(again.stdout)["left_out"] == [left]

    monkeypatch.setenv(BUDGET_ENV, "600,1")  # a budget the table fits in: the file is read again
    wider = run(*ingest)
    assert wider.exit_code == 0, wider.output
    assert json.loads(wider.stdout)["left_out"] == []
    assert _doc_numbers(out / "graph.json") == [f"沪府办规〔2023〕{n}号" for n in (1, 2, 3)]
