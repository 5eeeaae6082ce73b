"""Runs the map stage's tasks on a runner and gathers each source's outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.errors import InputError
from kg.mapstage.tasks import (
    Extracted,
    Segmented,
    SourceRecords,
    Words,
    chunks,
    extract_task,
    gathered_records,
    read_task,
)

CHUNKS_PER_WORKER = 4  # a compilation's documents go out in this many tasks per worker, so none waits long
Key = tuple[int, int]  # (the source's index, its chunk; -1 for reading it)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TaskLost:
    """A task whose worker died before it returned (killed, out of memory, a crash in native code)."""

    reason: str


class Runner(Protocol):
    """Where tasks run. `completed` yields each submitted task's key and result as it ends (TaskLost when
    its worker died) until none is left; tasks may be submitted meanwhile."""

    workers: int
    segments_in_tasks: bool  # the tasks segment the measure texts (the link stage need not)

    def submit(self, key: Key, task: Callable[..., object], *args: object) -> None: ...

    def completed(self) -> Iterator[tuple[Key, object]]: ...

    def saw(self, extracted: Extracted) -> None:
        """Told of each chunk's records as they arrive, in the calling process."""


@dataclass(frozen=True)
class Outcome:
    """One source's outcome: its records, or the error that left it out; the words of its measure texts
    when the tasks segmented them."""

    index: int
    path: Path
    source: SourceRecords | None = None
    error: InputError | None = None
    words: Words = field(default_factory=dict)


def map_sources(paths: list[Path], runner: Runner, *, progress: Progress | None = None) -> Iterator[Outcome]:
    """The outcome of each source, as each is done (not in order): read and segmented in one task, its
    documents extracted in chunks, one task each."""
    report = progress or (lambda stage, done, total: None)
    for index, path in enumerate(paths):
        runner.submit((index, -1), read_task, path)
    runs = 1 if runner.workers == 1 else runner.workers * CHUNKS_PER_WORKER
    read: dict[int, Segmented] = {}
    parts: dict[int, list[Extracted | None]] = {}
    lost: set[int] = set()
    done = 0
    report("read", 0, len(paths))
    for (index, chunk), result in runner.completed():
        if index in lost:
            continue
        outcome: Outcome | None = None
        if isinstance(result, TaskLost):
            lost.add(index)
            read.pop(index, None)
            parts.pop(index, None)
            outcome = Outcome(index, paths[index], error=InputError(str(paths[index]), result.reason))
        elif isinstance(result, InputError):
            outcome = Outcome(index, paths[index], error=result)
        elif isinstance(result, Segmented):
            read[index] = result
            pieces = chunks(result.documents, runs)
            parts[index] = [None] * len(pieces)
            for n, piece in enumerate(pieces):
                runner.submit((index, n), extract_task, piece, runner.segments_in_tasks)
            if not pieces:
                outcome = _gathered(index, read.pop(index), [])
        elif isinstance(result, Extracted):
            runner.saw(result)
            parts[index][chunk] = result
            gathered = [part for part in parts[index] if part is not None]
            if len(gathered) == len(parts[index]):
                del parts[index]
                outcome = _gathered(index, read.pop(index), gathered)
        if outcome is not None:
            done += 1
            report("read", done, len(paths))
            yield outcome


def _gathered(index: int, segmented: Segmented, parts: list[Extracted]) -> Outcome:
    words = {key: value for part in parts for key, value in part.words.items()}
    try:
        return Outcome(index, segmented.path, gathered_records(segmented, parts), words=words)
    except InputError as err:
        return Outcome(index, segmented.path, error=err, words=words)
