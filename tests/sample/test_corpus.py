"""The sample cut into three parts at notice boundaries and ingested one part at a time links exactly as one
ingest of the whole sample; an ingest killed half-way leaves the corpus as it was; the regulations of
../shared/corpus/laws added to a corpus holding the sample take the sample's citations of them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ingest.segment import segment_pages
from ingest.sources.auto import read_source
from kg.pipeline import ingest_into_corpus
from tests.support.canonical import canonical
from tests.support.paths import LAWS, ROOT, SAMPLE
from tests.support.plain_graph_json import plain_graph_json
from tests.support.sample_parts import split_sample

DAY = date(2023, 12, 31)


def _parts(folder: Path) -> list[Path]:
    """上海-14 and the first notice of the 安徽 section start a part."""
    docs = segment_pages(read_source(SAMPLE).pages, SAMPLE.name)
    anhui = next(d.index for d in docs if d.section == "安徽")
    return split_sample([13, anhui], folder)


def _shape(graph: dict) -> tuple[Counter, Counter, set[str]]:
    labels = Counter(label for n in graph["nodes"] for label in n["labels"])
    types = Counter(r["type"] for r in graph["relationships"])
    docs = {n["id"] for n in graph["nodes"] if "Document" in n["labels"]}
    return labels, types, docs


def test_three_ingests_of_the_parts_give_the_graph_of_one_ingest(tmp_path: Path, sample_graph: dict) -> None:
    corpus = tmp_path / "corpus"
    for part in _parts(tmp_path):
        result = ingest_into_corpus([part], corpus, as_of=DAY)
    written = (corpus / "graph.json").read_text(encoding="utf-8")
    assert written == plain_graph_json(result.graph, result.meta), "the lines kept from parts are current"
    parts = json.loads(written)
    assert _shape(parts) == _shape(sample_graph)
    assert _shape(parts)[1]["ECHOES"] > 500
    assert canonical(parts)[1] == canonical(sample_graph)[1]
    by_number = {
        n["properties"].get("docNumber"): n["id"] for n in parts["nodes"] if n["properties"].get("inCorpus")
    }
    cites = {(r["start"], r["end"]) for r in parts["relationships"] if r["type"] == "CITES"}
    assert (by_number["长发改规〔2023〕2号"], by_number["沪府办规〔2023〕1号"]) in cites


def test_an_ingest_killed_half_way_leaves_the_corpus_as_it_was(tmp_path: Path) -> None:
    first, second, _ = _parts(tmp_path)
    corpus = tmp_path / "corpus"
    ingest_into_corpus([first], corpus, as_of=DAY, nlp=False)
    manifest, graph = (corpus / "corpus.json").read_bytes(), (corpus / "graph.json").read_bytes()
    code = (
        "import sys; from pathlib import Path; from kg.pipeline import ingest_into_corpus; "
        "ingest_into_corpus([Path(sys.argv[1])], Path(sys.argv[2]), nlp=False)"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(second), str(corpus)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not list((corpus / ".corpus" / "sources").glob("*/part2.txt")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.poll() is None, "killed while building, after its records were stored"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert (corpus / "corpus.json").read_bytes() == manifest
    assert (corpus / "graph.json").read_bytes() == graph
    result = ingest_into_corpus([second], corpus, as_of=DAY, nlp=False)
    assert {s["file"] for s in result.meta["sources"]} == {"part1.txt", "part2.txt"}


def test_regulations_added_to_the_sample_take_its_citations_of_them(tmp_path: Path) -> None:
    if not LAWS.exists():
        pytest.skip("the regulations live in ../shared/corpus/laws")
    corpus = tmp_path / "corpus"
    ingest_into_corpus([SAMPLE], corpus, as_of=DAY, nlp=False)
    laws = sorted(p for p in LAWS.glob("*.md") if p.name != "README.md")
    ingest_into_corpus(laws, corpus, as_of=DAY, nlp=False)
    graph = json.loads((corpus / "graph.json").read_text(encoding="utf-8"))
    docs = {n["id"]: n["properties"] for n in graph["nodes"] if "Document" in n["labels"]}
    cited = {
        (r["properties"]["citedTitle"], docs[r["end"]].get("source"))
        for r in graph["relationships"]
        if r["type"] == "CITES" and docs[r["start"]].get("source") == SAMPLE.name
    }
    assert ("促进个体工商户发展条例", "促进个体工商户发展条例(2022-10-01).md") in cited
    assert ("市场主体登记管理条例", "市场主体登记管理条例(2021-07-27).md") in cited
    titles = {p["source"]: p["title"] for p in docs.values() if p["inCorpus"]}
    assert titles["市场主体登记管理条例(2021-07-27).md"] == "中华人民共和国市场主体登记管理条例"


def test_the_sample_twice_and_a_notice_of_it_on_its_own_give_the_samples_graph(
    tmp_path: Path, sample_graph: dict
) -> None:
    """The issue's duplicates: the same compilation under two names, and one of its notices saved on its
    own, are each one document listing every file that holds it, with no relationship twice."""
    _, alone, _ = split_sample([20, 21], tmp_path)
    again = tmp_path / "east-china-2023 (1).txt"
    again.write_bytes(SAMPLE.read_bytes())
    corpus = tmp_path / "corpus"
    ingest_into_corpus([SAMPLE, again, alone], corpus, as_of=DAY, nlp=False)
    graph = json.loads((corpus / "graph.json").read_text(encoding="utf-8"))
    rels = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in graph["relationships"]]
    assert len(rels) == len(set(rels))
    docs = [n["properties"] for n in graph["nodes"] if n["properties"].get("inCorpus")]
    assert len(docs) == 86
    held = {tuple(d["sources"]) for d in docs}
    assert held == {(again.name, SAMPLE.name), (again.name, SAMPLE.name, alone.name)}  # in file-name order
    assert sum(1 for d in docs if alone.name in d["sources"]) == 1
    text_reuse = ("ECHOES", "IMPLEMENTS")  # found by NLP, which this ingest skips
    whole = {k: v for k, v in _shape(sample_graph)[1].items() if k not in text_reuse}
    assert {k: v for k, v in _shape(graph)[1].items() if k not in text_reuse} == whole
    assert (_shape(graph)[0], _shape(graph)[2]) == (_shape(sample_graph)[0], _shape(sample_graph)[2])
