"""Caps on what reading one PDF may take, so that a hostile file fails alone instead of exhausting memory.

Two caps. The bytes that FlateDecode streams inflate to while one page is read (its content streams, the
forms and fonts it first uses), counted as pdfminer decodes them: a decompression bomb of a few MB holds
gigabytes, and is stopped after INFLATE_LIMIT_MB. The memory of the worker processes that read PDFs and
OCR their pages: RLIMIT_DATA (heap and private mappings) at what the process holds when it starts plus
MEMORY_LIMIT_MB, so an allocation past it raises MemoryError; this bounds what the inflate cap cannot see
(millions of operators in a stream under it, LZW or run-length streams, images pdfium decodes). Where
/proc/self/statm is missing (not Linux) the workers run uncapped.

A reading process also ends when the process that started it dies (a map-stage worker killed with SIGKILL
cannot stop its pool), instead of lingering with pdfminer's CMaps and the OCR models loaded.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from pathlib import Path

INFLATE_LIMIT_MB = 128
MEMORY_LIMIT_MB = 1024
MB = 1 << 20
PARENT_CHECK_SECONDS = 1.0  # how often a reading process looks whether its parent is alive


class InflateLimitExceeded(Exception):
    """More than the limit was inflated since the budget was last reset."""


class InflateBudget:
    """Stands in for the zlib module inside pdfminer.pdftypes: what it inflates counts against `limit` bytes
    until `reset`; past it, InflateLimitExceeded. Output is that of zlib for every stream within the limit."""

    error = zlib.error

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def reset(self) -> None:
        self.used = 0

    def decompressobj(self) -> _BoundedInflater:
        return _BoundedInflater(self)

    def decompress(self, data: bytes) -> bytes:
        """zlib.decompress, within the budget (a stream that stops short is a zlib.error, as there)."""
        inflater = _BoundedInflater(self)
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


class _BoundedInflater:
    """zlib.decompressobj whose output is charged to a budget."""

    def __init__(self, budget: InflateBudget) -> None:
        self._budget = budget
        self._inflater = zlib.decompressobj()

    @property
    def eof(self) -> bool:
        return self._inflater.eof

    def decompress(self, data: bytes) -> bytes:
        room = self._budget.limit - self._budget.used
        out = self._inflater.decompress(data, room + 1)
        if len(out) > room:
            raise InflateLimitExceeded
        self._budget.used += len(out)
        return out


@contextmanager
def bounded_inflation() -> Iterator[InflateBudget]:
    """While inside, pdfminer's FlateDecode inflates within the budget it yields (INFLATE_LIMIT_MB)."""
    from pdfminer import pdftypes

    budget = InflateBudget(INFLATE_LIMIT_MB * MB)
    saved = pdftypes.zlib
    pdftypes.zlib = budget  # type: ignore[assignment]
    try:
        yield budget
    finally:
        pdftypes.zlib = saved


def cap_memory(limit_mb: int) -> None:
    """Let this process allocate `limit_mb` more than it holds now (RLIMIT_DATA); a worker's initializer."""
    import resource

    try:
        held = int(Path("/proc/self/statm").read_text().split()[5]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = held + limit_mb * MB
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))


def start_reader(limit_mb: int) -> None:
    """A reading process's initializer: cap its memory (`cap_memory`) and exit when its parent has died."""
    cap_memory(limit_mb)
    parent = os.getppid()

    def exit_with_parent() -> None:
        while os.getppid() == parent:  # an orphan is handed to another parent (init or a subreaper)
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=exit_with_parent, name="exit-with-parent", daemon=True).start()


def worker_context() -> BaseContext:
    """Fork where the platform has it (a worker starts in milliseconds), else the platform's default."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
