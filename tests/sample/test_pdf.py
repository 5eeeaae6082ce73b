"""A PDF rendered from real pages of the sample reads back as the same text as the dump."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.model import Source, squeeze
from ingest.sources.auto import read_source
from kg.pipeline import ingest_paths
from tests.support.paths import SAMPLE
from tests.support.pdfmaker import make_pdf

FIRST, LAST = 302, 320
HEADER = "2023年华东地区优化营商环境政策文件汇编"
SOURCE_NAMES = ("source", "sources")  # the file names, which differ (slice.txt, slice.pdf)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_KG_CACHE", str(tmp_path / "cache"))


def sample_slice(first: int, last: int) -> str:
    """The `# Page N:` blocks first..last of the sample dump, as printed there."""
    text = SAMPLE.read_text(encoding="utf-8")
    start = re.search(rf"^# Page {first}:\s*$", text, re.MULTILINE)
    end = re.search(rf"^# Page {last + 1}:\s*$", text, re.MULTILINE)
    assert start, "sample pages missing"
    return text[start.start() : end.start() if end else len(text)]


def squeezed(source: Source) -> list[tuple[int, list[str]]]:
    return [(page.number, [squeeze(line) for line in page.lines if line.strip()]) for page in source.pages]


def render(folder: Path, first: int, last: int) -> tuple[Path, Path]:
    """The dump slice first..last and a PDF of it: one PDF page per page, running header, "- N -" folio."""
    dump = folder / "slice.txt"
    dump.write_text(sample_slice(first, last), encoding="utf-8")
    pages = [list(page.lines) for page in read_source(dump).pages]
    pdf = make_pdf(
        folder / "slice.pdf", pages, header=HEADER, footer=lambda n: f"- {n} -", first_number=first
    )
    return dump, pdf


@pytest.fixture(scope="module")
def text_and_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return render(tmp_path_factory.mktemp("sample"), FIRST, LAST)


def graph_view(path: Path) -> tuple[dict[str, object], list[str]]:
    """Nodes (uid -> labels and properties but the source file names) and relationships of the ingest."""
    graph = ingest_paths([path]).graph
    nodes = {
        uid: (data["labels"], {k: v for k, v in data["properties"].items() if k not in SOURCE_NAMES})
        for uid, data in graph.nodes(data=True)
    }
    edges = sorted(
        json.dumps([u, v, data], sort_keys=True, ensure_ascii=False) for u, v, data in graph.edges(data=True)
    )
    return nodes, edges


def assert_same_graph(dump: Path, pdf: Path, least_documents: int) -> None:
    from_text, from_pdf = graph_view(dump), graph_view(pdf)
    documents = [
        uid for uid, (labels, props) in from_text[0].items() if "Document" in labels and props.get("inCorpus")
    ]
    assert len(documents) >= least_documents
    assert sorted(from_pdf[0]) == sorted(from_text[0])
    assert from_pdf == from_text


def test_pdf_and_dump_give_the_same_pages(text_and_pdf: tuple[Path, Path]) -> None:
    dump, pdf = text_and_pdf
    from_text, from_pdf = squeezed(read_source(dump)), squeezed(read_source(pdf))
    assert [number for number, _ in from_text] == list(range(FIRST, LAST + 1))
    assert sum(len(lines) for _, lines in from_text) > 500
    assert from_pdf == from_text


def test_running_lines_of_the_sample_pdf_are_gone(text_and_pdf: tuple[Path, Path]) -> None:
    _, pdf = text_and_pdf
    lines = [squeeze(line) for page in read_source(pdf).pages for line in page.lines]
    assert squeeze(HEADER) not in lines
    assert not [line for line in lines if re.fullmatch(r"-\d+-", line)]


def test_pdf_and_dump_give_the_same_documents_and_uids(text_and_pdf: tuple[Path, Path]) -> None:
    assert_same_graph(*text_and_pdf, least_documents=3)


def test_whole_sample_as_pdf_gives_the_same_graph(tmp_path: Path) -> None:
    dump, pdf = render(tmp_path, FIRST, 10_000)
    assert read_source(pdf).pages[-1].number == read_source(dump).pages[-1].number
    assert_same_graph(dump, pdf, least_documents=80)
