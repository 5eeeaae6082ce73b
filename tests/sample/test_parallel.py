"""The map stage on many cores and on a Dask cluster writes the graph.json serial extraction writes, byte
for byte: the sample (one compilation, its documents extracted in chunks) with NLP, and a folder of the
real regulations."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.mapstage.runners import MapSettings
from kg.pipeline import ingest_paths, write_graph_json
from tests.conftest import AS_OF
from tests.support.paths import LAWS, SAMPLE

if TYPE_CHECKING:
    from kg.pipeline import IngestResult

LAWS_AS_OF = date(2025, 12, 31)


def _graph_json(result: IngestResult, folder: Path) -> bytes:
    folder.mkdir()
    return write_graph_json(result, folder).read_bytes()


def test_two_workers_write_the_sample_graph_serial_extraction_writes(
    sample_ingest: IngestResult, tmp_path: Path
) -> None:
    pooled = ingest_paths([SAMPLE], as_of=AS_OF, mapping=MapSettings(workers=2))
    serial = _graph_json(sample_ingest, tmp_path / "serial")
    assert b'"ECHOES"' in serial and b'"keywords"' in serial  # built with NLP
    assert _graph_json(pooled, tmp_path / "pooled") == serial


@pytest.mark.skipif(not LAWS.exists(), reason="the regulations live in ../shared/corpus/laws")
def test_two_workers_write_the_graph_of_a_folder_serial_extraction_writes(tmp_path: Path) -> None:
    files = sorted(p for p in LAWS.glob("*.md") if p.name != "README.md")
    assert len(files) > 10
    serial = ingest_paths(files, as_of=LAWS_AS_OF, nlp=False)
    pooled = ingest_paths(files, as_of=LAWS_AS_OF, nlp=False, mapping=MapSettings(workers=2))
    assert len(pooled.meta["sources"]) == len(files)
    assert _graph_json(pooled, tmp_path / "pooled") == _graph_json(serial, tmp_path / "serial")


def test_a_dask_cluster_writes_the_sample_graph_serial_extraction_writes(
    sample_ingest: IngestResult, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        clustered = ingest_paths([SAMPLE], as_of=AS_OF, mapping=MapSettings(dask=cluster.scheduler_address))
    assert _graph_json(clustered, tmp_path / "dask") == _graph_json(sample_ingest, tmp_path / "serial")
