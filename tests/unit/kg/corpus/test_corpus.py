"""A corpus that grows: sources ingested one by one link as if ingested together; change, removal,
re-ingest, duplicates, the lock and bad corpus directories."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.errors import InputError
from kg.build import echoes
from kg.cli.main import app
from kg.corpus import version
from kg.corpus.store import open_corpus, reset, writing
from kg.pipeline import NoNoticesError, ingest_into_corpus, ingest_paths, remove_from_corpus
from tests.support.canonical import canonical
from tests.support.echo_notices import CITY_NOTICE, PROVINCE_NOTICE
from tests.support.notice_texts import COMPILATION, SINGLE_NOTICE
from tests.support.paths import ROOT

DAY = date(2023, 12, 31)
PROVINCE, CITY = COMPILATION.split("# Page 11:")
CITY = "# Page 11:" + CITY


def _files(tmp_path: Path) -> tuple[Path, Path]:
    province, city = tmp_path / "province.txt", tmp_path / "city.txt"
    province.write_text(PROVINCE, encoding="utf-8")
    city.write_text(CITY, encoding="utf-8")
    return province, city


def _graph(folder: Path) -> dict:
    return json.loads((folder / "graph.json").read_text(encoding="utf-8"))


def _stored_files(folder: Path) -> dict[Path, int]:
    """Every file the corpus keeps beside its manifest, with its modification time."""
    return {p: p.stat().st_mtime_ns for p in (folder / ".corpus").rglob("*") if p.is_file()}


def _corpus_cites(graph: dict) -> list[tuple[str, str]]:
    docs = {n["id"]: n["properties"] for n in graph["nodes"] if "Document" in n["labels"]}
    return sorted(
        (docs[r["start"]]["title"], docs[r["end"]]["title"])
        for r in graph["relationships"]
        if r["type"] == "CITES" and r["start"] in docs and docs[r["end"]].get("inCorpus")
    )


def test_sources_ingested_one_by_one_give_the_graph_of_one_ingest(tmp_path: Path) -> None:
    province, city = _files(tmp_path)
    for order, folder in (([city, province], tmp_path / "a"), ([province, city], tmp_path / "b")):
        for path in order:
            ingest_into_corpus([path], folder, as_of=DAY, nlp=False)
    together = ingest_into_corpus([province, city], tmp_path / "c", as_of=DAY, nlp=False)
    assert _corpus_cites(_graph(tmp_path / "a")), "the city notice's citation reaches the provincial plan"
    assert (
        canonical(_graph(tmp_path / "a"))
        == canonical(_graph(tmp_path / "b"))
        == canonical(_graph(tmp_path / "c"))
    )
    pure = ingest_paths([province, city], as_of=DAY, nlp=False)
    assert len(pure.graph) == len(together.graph)


def test_re_ingesting_an_unchanged_source_changes_nothing(tmp_path: Path) -> None:
    province, city = _files(tmp_path)
    ingest_into_corpus([province, city], tmp_path / "c", as_of=DAY, nlp=False)
    before = (tmp_path / "c" / "graph.json").read_bytes()
    stored = _stored_files(tmp_path / "c")
    assert {p.relative_to(tmp_path / "c" / ".corpus").parts[0] for p in stored} == {
        "records",
        "parts",
        "sources",
    }
    ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)
    assert (tmp_path / "c" / "graph.json").read_bytes() == before
    assert _stored_files(tmp_path / "c") == stored, "nothing extracted, built or copied again"


def test_a_source_with_new_content_replaces_its_documents(tmp_path: Path) -> None:
    province, city = _files(tmp_path)
    ingest_into_corpus([province, city], tmp_path / "c", as_of=DAY, nlp=False)
    city.write_text(SINGLE_NOTICE, encoding="utf-8")
    ingest_into_corpus([city], tmp_path / "c", as_of=DAY, nlp=False)
    titles = {
        n["properties"]["title"] for n in _graph(tmp_path / "c")["nodes"] if n["properties"].get("inCorpus")
    }
    assert "湖北省市场监督管理局关于开展优化营商环境专项行动的通知" in titles
    assert not any(t.startswith("武汉市") for t in titles)
    assert len(list((tmp_path / "c" / ".corpus" / "records").iterdir())) == 2


def test_removing_a_source_turns_citations_of_its_documents_into_stubs(tmp_path: Path) -> None:
    province, city = _files(tmp_path)
    ingest_into_corpus([province, city], tmp_path / "c", as_of=DAY, nlp=False)
    remove_from_corpus(["province.txt"], tmp_path / "c", as_of=DAY, nlp=False)
    graph = _graph(tmp_path / "c")
    assert _corpus_cites(graph) == []
    stubs = [n for n in graph["nodes"] if "Document" in n["labels"] and not n["properties"]["inCorpus"]]
    assert any(n["properties"].get("docNumber") == "鄂发改规〔2023〕7号" for n in stubs)
    with pytest.raises(InputError, match="no source named nothing.txt"):
        remove_from_corpus(["nothing.txt"], tmp_path / "c", as_of=DAY, nlp=False)


def test_the_same_notice_in_two_sources_is_one_document(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(province.read_bytes())
    ingest_into_corpus([province, copy], tmp_path / "c", as_of=DAY, nlp=False)
    graph = _graph(tmp_path / "c")
    rels = [json.dumps(r, sort_keys=True) for r in graph["relationships"]]
    assert len(rels) == len(set(rels))
    [doc] = [n for n in graph["nodes"] if n["properties"].get("inCorpus")]
    assert doc["properties"]["sources"] == ["copy.txt", "province.txt"]


def test_a_file_that_cannot_be_read_is_left_out_and_the_others_are_added(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = ingest_into_corpus([empty, province], tmp_path / "c", as_of=DAY, nlp=False)
    assert [str(e) for e in result.left_out] == [f"{empty}: file is empty"]
    assert [e.file for e in open_corpus(tmp_path / "c").sources()] == ["province.txt"]


def test_nothing_readable_leaves_the_corpus_as_it_was(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)
    before = [(tmp_path / "c" / name).read_bytes() for name in ("graph.json", "corpus.json")]
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file"):
        ingest_into_corpus([missing], tmp_path / "fresh", as_of=DAY, nlp=False)
    assert not (tmp_path / "fresh" / "graph.json").exists()
    with pytest.raises(InputError, match="no such file"):
        ingest_into_corpus([missing], tmp_path / "c", as_of=DAY, nlp=False)
    assert [(tmp_path / "c" / name).read_bytes() for name in ("graph.json", "corpus.json")] == before


def test_a_new_corpus_of_files_with_no_notice_gets_an_empty_graph(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
    with pytest.raises(NoNoticesError):
        ingest_into_corpus([prose], tmp_path / "c", as_of=DAY, nlp=False)
    assert _graph(tmp_path / "c")["nodes"] == []


def test_a_second_writer_fails_with_one_line(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    with writing(tmp_path / "c"):
        with pytest.raises(InputError, match="another kg process is writing this corpus"):
            ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)


def test_kg_ingest_into_a_corpus_another_process_writes_fails_with_one_line(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    holder = (
        "import sys; from pathlib import Path; from kg.corpus.store import writing\n"
        "with writing(Path(sys.argv[1])):\n    print('held', flush=True); sys.stdin.read()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder, str(tmp_path / "c")],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"held\n"
        result = CliRunner().invoke(app, ["ingest", str(province), "--out", str(tmp_path / "c"), "--no-nlp"])
    finally:
        child.communicate(b"")
    assert result.exit_code == 2, result.output
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert (
        line == f"error: {tmp_path / 'c'}: another kg process is writing this corpus; try again when it ends"
    )
    assert not (tmp_path / "c" / "corpus.json").exists()


def test_a_directory_holding_other_files_becomes_a_corpus_and_leaves_them_alone(tmp_path: Path) -> None:
    province, city = _files(tmp_path)
    folder = tmp_path / "notes"
    (folder / "sources").mkdir(parents=True)
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "sources" / "mine.txt").write_text("y", encoding="utf-8")
    ingest_into_corpus([province, city], folder, as_of=DAY, nlp=False)
    remove_from_corpus(["city.txt"], folder, as_of=DAY, nlp=False)
    assert reset(folder) == 1
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "x"
    assert (folder / "sources" / "mine.txt").read_text(encoding="utf-8") == "y"


def test_a_file_given_as_the_corpus_directory_is_refused(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    with pytest.raises(InputError, match="not a directory"):
        ingest_into_corpus([province], province, as_of=DAY, nlp=False)


def test_records_of_older_extractors_are_read_again_from_the_corpus_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province, city = _files(tmp_path)
    ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)
    before = canonical(_graph(tmp_path / "c"))
    province.unlink()
    monkeypatch.setattr(version, "extractor_version", lambda: "a-newer-version")
    ingest_into_corpus([city], tmp_path / "c", as_of=DAY, nlp=False)
    entries = open_corpus(tmp_path / "c").sources()
    assert [(e.file, e.extractors) for e in entries] == [
        ("city.txt", "a-newer-version"),
        ("province.txt", "a-newer-version"),
    ]
    assert set(before[0]) <= set(canonical(_graph(tmp_path / "c"))[0])


def test_damaged_corpus_files_are_named(tmp_path: Path) -> None:
    province, _ = _files(tmp_path)
    ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)
    [parts] = (tmp_path / "c" / ".corpus" / "parts").iterdir()
    parts.write_bytes(b"not gzip")
    with pytest.raises(InputError, match="damaged corpus file") as err:
        ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)
    assert str(parts) in str(err.value)
    parts.unlink()  # the parts are built again from the records, when they are sound
    [records] = (tmp_path / "c" / ".corpus" / "records").iterdir()
    records.write_bytes(gzip.compress(b'{"extractors": "x"'))
    with pytest.raises(InputError, match="damaged corpus file") as err:
        ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)
    assert str(records) in str(err.value)
    (tmp_path / "c" / "corpus.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="damaged corpus manifest"):
        ingest_into_corpus([province], tmp_path / "c", as_of=DAY, nlp=False)


def test_reset_empties_the_corpus(tmp_path: Path) -> None:
    province, city = _files(tmp_path)
    ingest_into_corpus([province, city], tmp_path / "c", as_of=DAY, nlp=False)
    assert reset(tmp_path / "c") == 2
    assert open_corpus(tmp_path / "c").entries == []
    assert not (tmp_path / "c" / "graph.json").exists()


def test_measure_sketches_are_kept_and_only_a_new_sources_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province, city = tmp_path / "province.txt", tmp_path / "city.txt"
    province.write_text(PROVINCE_NOTICE, encoding="utf-8")
    city.write_text(CITY_NOTICE, encoding="utf-8")
    ingest_into_corpus([province], tmp_path / "c", as_of=DAY)
    [stored] = (tmp_path / "c" / ".corpus" / "sketches").iterdir()
    before = stored.read_bytes()
    sketched: list[int] = []
    make = echoes.sketch
    monkeypatch.setattr(echoes, "sketch", lambda sets: sketched.append(len(sets)) or make(sets))
    ingest_into_corpus([city], tmp_path / "c", as_of=DAY)
    assert sketched == [1], "the city's measure restating the province's has its sketch already"
    assert stored.read_bytes() == before
    assert len(list((tmp_path / "c" / ".corpus" / "sketches").iterdir())) == 2
    ingest_into_corpus([province, city], tmp_path / "t", as_of=DAY)
    grown, together = _graph(tmp_path / "c"), _graph(tmp_path / "t")
    assert canonical(grown) == canonical(together)
    assert [r["properties"]["direction"] for r in grown["relationships"] if r["type"] == "ECHOES"] == [
        "vertical"
    ]
    stored.write_bytes(b"{")
    with pytest.raises(InputError, match="damaged corpus file"):
        ingest_into_corpus([city], tmp_path / "c", as_of=DAY)
