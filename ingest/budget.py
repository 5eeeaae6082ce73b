"""A CPU-time budget for extracting one document, and the watch that names the stage running.

The extractors are written to take time linear in their text (bounded windows, no pattern that backtracks
over a run; docs/limits.md), and the budget is the net under them: `within(seconds, watch)` runs its block
under a CPU timer (ITIMER_VIRTUAL). When the process has spent `seconds` of CPU inside the block, the
timer's signal raises OverBudget wherever the block is: Python handles signals between bytecodes, and
the regex engine checks for them every few thousand steps, so a pattern stuck backtracking is cut off
too. Signals are handled only in a process's main thread (a worker process runs its tasks there), and
only where the platform has the timer; elsewhere the block cannot be stopped from outside, so the watch
checks the thread's CPU time each time a stage starts, and the stage that overruns is named after it
ends. A budget inside another keeps the outer one running: the inner timer is the shorter of the two,
and the outer resumes with what is left.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

from ingest.errors import InputError

BUDGET_ENV = "POLICY_KG_EXTRACT_BUDGET"
BASE_SECONDS = 5.0
SECONDS_PER_KB = 0.05
MIN_TIMER = 1e-6  # a timer set to 0 would be no timer


@dataclass(frozen=True)
class Budget:
    """CPU seconds extracting one text may take: `base`, plus `per_kb` for each KB (UTF-8) of it."""

    base: float = BASE_SECONDS
    per_kb: float = SECONDS_PER_KB

    def seconds(self, text: str) -> float:
        return self.base + self.per_kb * len(text.encode()) / 1000


def budget() -> Budget:
    """The budget: $POLICY_KG_EXTRACT_BUDGET as `BASE,PER_KB` (seconds; e.g. `5,0.05`) when set, else the
    default. InputError when the variable is not two non-negative numbers."""
    value = os.environ.get(BUDGET_ENV)
    if not value:
        return Budget()
    try:
        base, per_kb = (float(part) for part in value.split(","))
    except ValueError:
        raise InputError(BUDGET_ENV, f"{value!r} is not BASE,PER_KB (seconds, e.g. 5,0.05)") from None
    if base < 0 or per_kb < 0:
        raise InputError(BUDGET_ENV, f"{value!r}: the seconds cannot be negative")
    return Budget(base, per_kb)


class OverBudget(BaseException):
    """Raised inside a block that ran past its budget. A BaseException, so that no `except Exception` on
    the way catches it; `within`'s caller turns it into an InputError naming the file."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(stage, seconds)
        self.stage = stage
        self.seconds = seconds


@dataclass
class StageWatch:
    """Which stage is running, for a budget's failure to name; with `timed`, the CPU seconds each stage
    took in all (`spent`, by stage name). `deadline` (thread CPU time) is checked as each stage starts
    where no timer signal can stop a stage."""

    timed: bool = False
    stage: str = ""
    spent: dict[str, float] = field(default_factory=dict)
    deadline: float | None = None
    seconds: float = 0.0
    _since: float = 0.0

    def start(self, name: str) -> None:
        """Stage `name` starts (the one before it ends); "" when the last has ended."""
        if self.timed:
            now = time.process_time()
            if self.stage:
                self.spent[self.stage] = self.spent.get(self.stage, 0.0) + now - self._since
            self._since = now
        if self.deadline is not None and time.thread_time() > self.deadline:
            raise OverBudget(self.stage or name, self.seconds)
        self.stage = name


@contextmanager
def within(seconds: float, watch: StageWatch) -> Iterator[StageWatch]:
    """Run the block with `seconds` of CPU at most; OverBudget (naming `watch.stage`) when it takes more.
    The block ends with `watch.start("")`, so that the last stage is timed and, off the main thread,
    checked."""
    watch.seconds = seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGVTALRM"):
        watch.deadline = time.thread_time() + seconds
        try:
            yield watch
        finally:
            watch.deadline = None
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(watch.stage, seconds)

    previous = signal.signal(signal.SIGVTALRM, expired)
    outer, _ = signal.getitimer(signal.ITIMER_VIRTUAL)  # a budget this one runs inside, if any
    started = time.process_time()
    signal.setitimer(signal.ITIMER_VIRTUAL, max(min(seconds, outer or seconds), MIN_TIMER))
    try:
        yield watch
    finally:
        try:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        finally:
            signal.signal(signal.SIGVTALRM, previous)
            if outer:  # the outer budget goes on with what is left of it
                left = outer - (time.process_time() - started)
                signal.setitimer(signal.ITIMER_VIRTUAL, max(left, MIN_TIMER))
