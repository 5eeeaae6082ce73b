"""The Dask runner: tasks run on a dask.distributed cluster (futures), their results come back here.

The workers read the sources themselves, so the paths must name the same files on every worker (shared
storage), and they segment the measure texts with their own pkuseg model (loaded once per worker process),
so the link stage here finds every text segmented. Dask is imported only here, when `--dask` is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from ingest.errors import InputError
from kg.mapstage.driver import Key, TaskLost
from kg.mapstage.tasks import Extracted

if TYPE_CHECKING:
    from distributed import Client

DASK_ENV = "POLICY_KG_DASK"
CONNECT_SECONDS = 10


class DaskRunner:
    """The tasks as futures on the cluster of `client` (a scheduler address, or a Client already made)."""

    segments_in_tasks = True

    def __init__(self, scheduler: str | Client) -> None:
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise InputError("--dask", "Dask is not installed: pip install 'policy-kg[dask]'") from None
        self._own = isinstance(scheduler, str)
        try:
            self.client = (
                Client(scheduler, timeout=CONNECT_SECONDS) if isinstance(scheduler, str) else scheduler
            )
        except (OSError, ValueError) as err:
            raise InputError(str(scheduler), f"cannot reach the Dask scheduler ({err})") from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        self._futures = as_completed()
        self._keys: dict[object, Key] = {}

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: object, trace: TracebackType | None) -> None:
        if self._own:
            self.client.close()

    def submit(self, key: Key, task: Callable[..., object], *args: object) -> None:
        future = self.client.submit(task, *args, pure=False)
        self._keys[future.key] = key
        self._futures.add(future)

    def completed(self) -> Iterator[tuple[Key, object]]:
        from distributed import KilledWorker

        for future in self._futures:
            key = self._keys.pop(future.key)
            if future.status == "error" and isinstance(future.exception(), KilledWorker):
                yield key, TaskLost("left out: the Dask workers extracting it died")
            else:
                yield key, future.result()
            future.release()

    def saw(self, extracted: Extracted) -> None:
        """Nothing to do: the workers segmented."""
