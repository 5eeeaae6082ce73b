"""The map stage: the same outcome for every source whichever runner ran it, documents in chunks, a worker
that dies losing only its own file, errors crossing from the workers."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.pipeline import BudgetExceeded
from kg.corpus.codec import encode
from kg.mapstage.driver import Key, Outcome, TaskLost, map_sources
from kg.mapstage.pool import ProcessPool
from kg.mapstage.serial import SerialRunner
from kg.mapstage.tasks import Extracted, NoNoticesError, chunks, read_task
from tests.support.notice_texts import COMPILATION, SINGLE_NOTICE


def _folder(tmp_path: Path) -> list[Path]:
    files = {
        "compilation.txt": COMPILATION,
        "notice.txt": SINGLE_NOTICE,
        "empty.txt": "这里没有任何通知。\n",
        "binary.pdf": "not a pdf at all",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / name for name in files]


def _summary(outcomes: Iterator[Outcome]) -> list[tuple[int, object]]:
    """Each outcome as comparable data: the records' typed JSON, or the error's class and message."""
    rows: list[tuple[int, object]] = []
    for outcome in outcomes:
        if outcome.source is not None:
            rows.append(
                (outcome.index, (outcome.source.file, outcome.source.sha256, encode(outcome.source.records)))
            )
        else:
            assert outcome.error is not None
            rows.append((outcome.index, (type(outcome.error).__name__, str(outcome.error))))
    return sorted(rows, key=lambda row: row[0])


def test_a_pool_gives_each_file_the_outcome_serial_extraction_gives(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    serial = _summary(map_sources(paths, SerialRunner()))
    with ProcessPool(2) as pool:
        pooled = _summary(map_sources(paths, pool))
    assert pooled == serial
    kinds = [row[1][0] for row in serial]
    assert kinds[:2] == ["compilation.txt", "notice.txt"]  # records
    assert kinds[2] == "NoNoticesError" and kinds[3] == "InputError"  # the others named and left out


def test_chunks_keep_every_document_in_order_in_runs_of_similar_size(sample_documents: list) -> None:
    runs = chunks(sample_documents, 8)
    assert 1 < len(runs) <= 8
    assert [doc for run in runs for doc in run] == sample_documents
    sizes = [sum(len(doc.text) for doc in run) for run in runs]
    assert max(sizes) < 3 * sum(sizes) / len(sizes)


@pytest.fixture()
def sample_documents(tmp_path: Path) -> list:
    path = tmp_path / "compilation.txt"
    path.write_text(COMPILATION * 3, encoding="utf-8")
    segmented = read_task(path)
    assert not isinstance(segmented, InputError)
    return segmented.documents


def test_a_worker_that_dies_loses_only_its_task_and_is_replaced(tmp_path: Path) -> None:
    [notice] = _folder(tmp_path)[1:2]
    with ProcessPool(2) as pool:
        pool.submit((0, -1), os.abort)
        pool.submit((1, -1), read_task, notice)
        results = {key[0]: value for key, value in pool.completed()}
        pool.submit((2, -1), read_task, notice)  # the pool goes on with a new worker
        results.update((key[0], value) for key, value in pool.completed())
    assert isinstance(results[0], TaskLost) and "SIGABRT" in results[0].reason
    assert results[1] == results[2] and not isinstance(results[1], (TaskLost, InputError))


class _LosingRunner(SerialRunner):
    """A serial runner whose worker 'dies' extracting the file at `lost`."""

    def __init__(self, lost: int) -> None:
        super().__init__()
        self.lost = lost

    def completed(self) -> Iterator[tuple[Key, object]]:
        for key, result in super().completed():
            yield (
                key,
                TaskLost("left out: the worker process extracting it died (killed by SIGKILL)")
                if (key[0] == self.lost and key[1] >= 0)
                else result,
            )


def test_a_lost_task_leaves_out_its_file_with_one_line_and_the_others_go_on(tmp_path: Path) -> None:
    paths = _folder(tmp_path)[:2]
    outcomes = {o.index: o for o in map_sources(paths, _LosingRunner(0))}
    assert outcomes[0].source is None and outcomes[0].error is not None
    assert (
        str(outcomes[0].error)
        == f"{paths[0]}: left out: the worker process extracting it died (killed by SIGKILL)"
    )
    assert outcomes[1].source is not None and outcomes[1].source.records


@pytest.mark.parametrize(
    "error",
    [
        InputError("a.txt", "cannot be read", 2),
        NoNoticesError("b.txt"),
        BudgetExceeded("c.txt", "document 2", "units", 5.0, 12),
    ],
)
def test_input_errors_cross_from_a_worker_unchanged(error: InputError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert (back.where, back.reason, back.exit_code) == (error.where, error.reason, error.exit_code)


def test_the_runner_is_told_each_chunk_in_the_calling_process(tmp_path: Path) -> None:
    seen: list[Extracted] = []

    class Watching(SerialRunner):
        saw: Callable[[Extracted], None] = staticmethod(seen.append)  # type: ignore[assignment]

    outcomes = list(map_sources(_folder(tmp_path)[:2], Watching()))
    assert sum(len(e.records) for e in seen) == sum(len(o.source.records) for o in outcomes if o.source)


def test_sources_done_out_of_order_are_passed_on_in_the_order_given() -> None:
    from kg.pipeline import in_order

    done = [(2, "c"), (0, "a"), (3, "d"), (1, "b")]
    assert list(in_order(iter(done))) == [(0, "a"), (1, "b"), (2, "c"), (3, "d")]
