"""Each notice of the sample saved on its own, as a portal prints it (its title line, then its text: no
compilation heading, no page markers), ingested as one folder and scored against the development key: the
document fields and the measures score as they do in the compilation.

Out of scope, because only the compilation gives them: `page_start` (every file starts on page 1, so the
key is matched on page 1 and the field is not compared), and the `date` of a document whose text prints no
date line of its own (the compilation's heading is the only place its date is printed; the key's entries
for those documents are compared without a date in both runs). Segmentation precision is not compared
either (the key's page ranges mean nothing when every file starts on page 1); instead every file must be
one document.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ingest.lexicon.dates import CN_DATE, iso_date
from ingest.model import DocumentText, Source
from ingest.segment import HEADING_DATE, LIST_NUMBER, segment_pages
from kg.cli.ingest import MEASURE_METRICS
from kg.eval.documents import evaluate, load_gold
from kg.graphjson import graph_to_dict
from kg.pipeline import ingest_paths
from tests.support.paths import GOLD

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="the answer key lives in ../shared/eval")

TOLERANCE = 0.02
AS_OF = date(2023, 12, 31)  # as the session's sample ingest


def printed_alone(doc: DocumentText) -> tuple[str, list[str]]:
    """The notice as a portal prints it: its title line (the heading without list number and date), then
    the lines of its text."""
    heading = "".join(line.text for line in doc.lines[: doc.heading_line_count])
    number = LIST_NUMBER.match(heading)
    heading = number.group(2) if number else heading
    date = HEADING_DATE.search(heading)
    title = heading[: date.start()] if date else heading
    return title, [title, *(line.text for line in doc.lines[doc.heading_line_count :])]


def dated_in_text(doc: DocumentText) -> set[str]:
    """The dates the notice's text prints on a line of their own (its signature's)."""
    found = {
        iso_date(line.text) for line in doc.lines[doc.heading_line_count :] if CN_DATE.fullmatch(line.text)
    }
    return {date for date in found if date}


Saved = tuple[list[Path], dict[tuple[int, str], set[str]]]


@pytest.fixture(scope="module")
def saved(sample_source: Source, tmp_path_factory: pytest.TempPathFactory) -> Saved:
    """The files, and the dates each notice's text prints, by the notice's first page and title."""
    folder = tmp_path_factory.mktemp("standalone")
    paths, dates = [], {}
    for doc in segment_pages(sample_source.pages, sample_source.file):
        title, lines = printed_alone(doc)
        path = folder / f"notice{doc.index + 1:03d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
        dates[(doc.page_start, title)] = dated_in_text(doc)
    return paths, dates


@pytest.fixture(scope="module")
def key(saved: Saved) -> list[dict[str, Any]]:
    """The development key, without the date of a notice whose text prints no date line of its own."""
    _, dates = saved
    entries = []
    for entry in load_gold(GOLD):
        entry = copy.deepcopy(entry)
        printed = dates[(entry["page_start"], entry["title"])]
        if entry.get("date") not in printed:
            entry.pop("date", None)
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def standalone(saved: Saved) -> dict[str, Any]:
    paths, _ = saved
    result = ingest_paths(paths, as_of=AS_OF, nlp=False)
    assert len(result.documents) == len(paths), "every file is one document"
    return graph_to_dict(result.graph, result.meta)


def scores(key: list[dict[str, Any]], graph: dict[str, Any], *, page_one: bool) -> dict[str, Any]:
    entries = copy.deepcopy(key)
    for entry in entries:
        entry["page_start"] = 1 if page_one else entry["page_start"]
    found = evaluate(entries, graph)
    found["fields"].pop("page_start")
    return found


def test_every_sample_notice_on_its_own_is_one_document(saved: Saved, standalone: dict[str, Any]) -> None:
    paths, _ = saved
    documents = [n for n in standalone["nodes"] if "Document" in n["labels"] and n["properties"]["inCorpus"]]
    assert len(paths) == 86
    assert len(documents) == 86


def test_only_the_documents_that_print_no_date_of_their_own_lose_it(key: list[dict[str, Any]]) -> None:
    undated = sorted(entry["id"] for entry in key if "date" not in entry)
    assert len(undated) <= 4, undated


def test_standalone_notices_score_as_in_the_compilation(
    key: list[dict[str, Any]], standalone: dict[str, Any], sample_graph: dict[str, Any]
) -> None:
    alone = scores(key, standalone, page_one=True)
    compiled = scores(key, sample_graph, page_one=False)
    assert alone["segmentation"]["recall"] == compiled["segmentation"]["recall"] == 1.0
    for field, score in compiled["fields"].items():
        assert alone["fields"][field] >= score - TOLERANCE, (field, alone["mistakes"])
    for name in MEASURE_METRICS:
        expected = compiled["measures"][name]
        if expected is not None:
            assert alone["measures"][name] >= expected - TOLERANCE, name
    assert alone["citations"]["f1"] >= compiled["citations"]["f1"] - TOLERANCE
