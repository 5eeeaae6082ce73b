"""The serial runner: each task runs in this process when it is submitted."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

from kg.mapstage.driver import Key
from kg.mapstage.tasks import Extracted


class SerialRunner:
    """Runs every task here, one after the other; the link stage segments the measure texts."""

    workers = 1
    segments_in_tasks = False

    def __init__(self) -> None:
        self._waiting: deque[tuple[Key, Callable[..., object], tuple[object, ...]]] = deque()

    def submit(self, key: Key, task: Callable[..., object], *args: object) -> None:
        """A source read is extracted before the next is read, so that one source's documents are held."""
        if key[1] < 0:
            self._waiting.append((key, task, args))
        else:
            self._waiting.appendleft((key, task, args))

    def completed(self) -> Iterator[tuple[Key, object]]:
        while self._waiting:
            key, task, args = self._waiting.popleft()
            yield key, task(*args)

    def saw(self, extracted: Extracted) -> None:
        """Nothing to do: the link stage segments."""
