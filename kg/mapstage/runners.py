"""Which runner a map stage uses: serial, a pool of this machine's cores, or a Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.mapstage.driver import Runner
from kg.mapstage.serial import SerialRunner

POOL_MIN_BYTES = 200_000  # below this much input, starting worker processes costs more than it saves


@dataclass(frozen=True)
class MapSettings:
    """How to run the map stage: `workers` processes on this machine (1: in this process), or on the Dask
    cluster whose scheduler is at `dask` (an address such as tcp://10.0.0.5:8786)."""

    workers: int = 1
    dask: str | None = None


@contextmanager
def open_runner(settings: MapSettings, paths: list[Path], *, nlp: bool) -> Iterator[Runner]:
    """The runner for extracting `paths`: Dask when a scheduler is given; a pool when more than one worker
    is asked for and the files hold POOL_MIN_BYTES or more; else this process."""
    if settings.dask:
        from kg.mapstage.cluster import DaskRunner

        with DaskRunner(settings.dask) as cluster:
            yield cluster
        return
    size = sum(path.stat().st_size for path in paths if path.is_file())
    if settings.workers > 1 and size >= POOL_MIN_BYTES:
        from kg.mapstage.pool import ProcessPool

        with ProcessPool(settings.workers, nlp=nlp) as pool:
            yield pool
        return
    yield SerialRunner()
