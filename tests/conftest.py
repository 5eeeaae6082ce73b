"""Session fixtures: the bundled sample read once and ingested once, for every test that needs it.

The one setting is `kg ingest data/east-china-2023.txt --as-of 2023-12-31` (NLP on). It also serves the
tests that need no NLP: the graph without it is this one less Measure.keywords and the ECHOES and reuse
IMPLEMENTS edges, which no answer-key score reads. A test that needs another as-of recomputes the statuses
(the one thing as-of changes) on a copy with `kg.build.graph.set_statuses`.

Tests only read these: a test that changes a graph works on a copy (`dict_to_graph(sample_graph)`), and the
session fails at its end if what it shared is not as it was.

Folders mark their tests: every test under tests/e2e is `neo4j`, every test under tests/sample is `slow`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from tests.support.paths import SAMPLE

if TYPE_CHECKING:  # the fixtures import the code they run: a unit run that needs none loads none of it
    from ingest.model import DocumentText, Source
    from kg.pipeline import IngestResult
    from tests.support.gold_measure_texts import GoldMeasure

AS_OF = date(2023, 12, 31)
TESTS = Path(__file__).parent
T = TypeVar("T")
FOLDER_MARKS = {"e2e": pytest.mark.neo4j, "sample": pytest.mark.slow}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if TESTS in item.path.parents:
            mark = FOLDER_MARKS.get(item.path.relative_to(TESTS).parts[0])
            if mark:
                item.add_marker(mark)


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def _unchanged(what: str, value: T, contents: Callable[[], object]) -> Iterator[T]:
    """Yield `value` for the session; then fail if its `contents()` read differently than before."""
    before = _digest(contents())
    yield value
    assert _digest(contents()) == before, f"a test changed the session's {what}: give it a copy instead"


@pytest.fixture(scope="session")
def sample_source() -> Source:
    """The sample's pages as the reader gives them (frozen)."""
    from ingest.sources.auto import read_source

    return read_source(SAMPLE)


@pytest.fixture(scope="session")
def sample_ingest() -> Iterator[IngestResult]:
    """The sample's graph, meta, warnings and records, as `kg ingest --as-of 2023-12-31` builds them."""
    from kg.pipeline import ingest_paths

    result = ingest_paths([SAMPLE], as_of=AS_OF)
    graph = result.graph
    yield from _unchanged(
        "sample ingest",
        result,
        lambda: (
            list(graph.nodes(data=True)),
            list(graph.edges(keys=True, data=True)),
            result.meta,
            result.warnings,
            result.documents,
        ),
    )


@pytest.fixture(scope="session")
def sample_graph(sample_ingest: IngestResult) -> Iterator[dict[str, Any]]:
    """graph.json content of the sample ingest, as `kg ingest` writes it."""
    from kg.graphjson import graph_to_dict

    data = graph_to_dict(sample_ingest.graph, sample_ingest.meta)
    yield from _unchanged("sample graph.json", data, lambda: data)


@pytest.fixture(scope="session")
def gold_measures(sample_source: Source) -> tuple[GoldMeasure, ...]:
    """The answer key's measures with their printed text in the sample."""
    from tests.support import gold_measure_texts

    return gold_measure_texts.gold_measures(sample_source)


@pytest.fixture(scope="session")
def gold_documents(sample_ingest: IngestResult) -> dict[str, DocumentText]:
    """Answer-key id -> the text of the sample document it describes."""
    from tests.support import gold_docs

    return gold_docs.gold_documents(sample_ingest.documents)
