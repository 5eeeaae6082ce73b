"""The pool runner: tasks run in worker processes of this machine, one task per worker at a time.

The pool is its own (a pipe per worker) rather than multiprocessing.Pool or concurrent.futures, so that a
worker that dies (killed, out of memory, a crash in native code) loses only the task it held: that task is
reported lost, a new worker takes its place, and the other tasks go on. Workers are forked from a fork
server, so a thread of the calling process (the pkuseg model loading, `ModelWarmup`) is never forked.
Tasks run in the worker's main thread, where ingest.budget's CPU timer can stop them.

With NLP the workers do not segment: the calling process loads the pkuseg model meanwhile (once, in a
thread: at once on a cold segmentation cache, else as soon as a chunk's measure texts are not all in it),
and the link stage segments in processes forked from it that share that model (ingest.nlp.segmenter).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from kg.mapstage.driver import Key, TaskLost
from kg.mapstage.tasks import Extracted, measure_texts

Task = tuple[Callable[..., object], tuple[object, ...]]


class WorkerError(RuntimeError):
    """A task raised an unexpected exception in a worker: its traceback, as the worker printed it."""


def _serve(conn: Connection) -> None:
    """A worker's loop: run each task it is sent, send back ("ok", result) or ("error", traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the calling process's to handle
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the calling process is gone
            message = None
        if message is None:
            _release()
            return
        task, args = message
        try:
            reply: tuple[str, object] = ("ok", task(*args))
        except Exception as err:  # a bug, not bad input (tasks return their InputErrors)
            reply = ("error", "".join(traceback.format_exception(err)))
        conn.send(reply)


def _release() -> None:
    """Stop the process pools a reader keeps (ingest.sources.pdf), which the worker's exit would wait on."""
    pdf = sys.modules.get("ingest.sources.pdf")
    if pdf is not None:
        pdf.shutdown_pools()


class _Worker:
    """One worker process and the task it holds. Not a daemon, so that a reader may start processes of its
    own (OCR); it ends when its pipe closes, if the calling process dies without stopping it."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.conn, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(theirs,))  # type: ignore[attr-defined]
        self.process.start()
        theirs.close()
        self.key: Key | None = None

    def why_dead(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"


def _warm_up() -> None:
    """Load the pkuseg model and spaCy's stop words, and import the MinHash library echo detection will use
    (1.5 s)."""
    from ingest.nlp.segmenter import warm_up
    from kg.build.echoes import sketch_version

    warm_up()
    sketch_version()


class ModelWarmup:
    """Loads the pkuseg model in a thread of this process, so that the load overlaps extraction: at once
    when nothing was ever segmented here (a cold cache), else once a chunk's measure texts are not all in
    the segmentation cache."""

    def __init__(self, nlp: bool) -> None:
        self.nlp = nlp
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.nlp and self._thread is None:
            from ingest.nlp.segmenter import nothing_cached

            if nothing_cached():
                self._load()

    def saw(self, extracted: Extracted) -> None:
        if not self.nlp or self._thread is not None:
            return
        from ingest.nlp.segmenter import missing

        if missing(measure_texts(extracted.records)):
            self._load()

    def _load(self) -> None:
        self._thread = threading.Thread(target=_warm_up, name="pkuseg-load", daemon=True)
        self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()


class ProcessPool:
    """`workers` worker processes; a context manager that stops them at its end."""

    segments_in_tasks = False

    def __init__(self, workers: int, *, nlp: bool = False) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            self._context.set_forkserver_preload(["__main__", "kg.mapstage.tasks"])  # type: ignore[attr-defined]
        self.workers = workers
        self.warmup = ModelWarmup(nlp)
        self._waiting: deque[tuple[Key, Task]] = deque()
        self._pool: list[_Worker] = []

    def __enter__(self) -> ProcessPool:
        self._pool = [_Worker(self._context) for _ in range(self.workers)]
        self.warmup.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: object, trace: TracebackType | None) -> None:
        for worker in self._pool:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self._pool:
            worker.process.join(5)
            if worker.process.is_alive():
                worker.process.terminate()
        self.warmup.join()

    def submit(self, key: Key, task: Callable[..., object], *args: object) -> None:
        """Queue a task; extracting a source read goes before reading the next (one source's documents
        waiting at a time)."""
        if key[1] < 0:
            self._waiting.append((key, (task, args)))
        else:
            self._waiting.appendleft((key, (task, args)))

    def saw(self, extracted: Extracted) -> None:
        self.warmup.saw(extracted)

    def completed(self) -> Iterator[tuple[Key, object]]:
        while True:
            self._dispatch()
            busy = [worker for worker in self._pool if worker.key is not None]
            if not busy:
                return
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                key = worker.key
                assert key is not None
                if worker.conn in ready:
                    try:
                        status, value = worker.conn.recv()
                    except (EOFError, OSError):
                        yield key, self._replace(worker)
                        continue
                    worker.key = None
                    if status == "error":
                        raise WorkerError(str(value))
                    yield key, value
                elif worker.process.sentinel in ready:
                    yield key, self._replace(worker)

    def _dispatch(self) -> None:
        for worker in self._pool:
            if worker.key is None and self._waiting:
                if not worker.process.is_alive():  # died idle: nothing lost
                    worker = self._pool[self._pool.index(worker)] = _Worker(self._context)
                worker.key, task = self._waiting.popleft()
                worker.conn.send(task)

    def _replace(self, worker: _Worker) -> TaskLost:
        """The dead worker's task lost, and a new worker in its place."""
        lost = TaskLost(f"left out: the worker process extracting it died ({worker.why_dead()})")
        worker.conn.close()
        self._pool[self._pool.index(worker)] = _Worker(self._context)
        return lost
