"""Python's cycle collector paused around work that allocates millions of objects in no reference cycle."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block (and on again after it, if it was on): linking a
    corpus and making bulk-import rows allocate millions of dicts, lists and strings that hold no cycles,
    and the collector's passes over them took a quarter of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
