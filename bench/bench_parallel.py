"""Benchmark: `kg ingest` of the sample with NLP and a cold segmentation cache, serial (--workers 1) against
parallel (--workers N), in the same run: wall and CPU seconds, the ratio, and the peak memory of the whole process
tree (the sum over the command and every process it started, sampled every 0.1 s: PSS, which counts a page
shared by forked processes once, and RSS, which counts it in each).

Each run is a fresh `kg ingest` process into a fresh corpus with a fresh cache directory, so nothing is
segmented from an earlier run; the runs alternate (serial, parallel, serial, ...) so a change in the load
of the machine falls on both. The two graph.json files must be identical (but for the corpus id, which
each new corpus draws).

    .venv/bin/python bench/bench_parallel.py [--workers 2] [--repeats 3] [--source FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "east-china-2023.txt"
MB = 1024 * 1024


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry))
    return tree


def _field(pid: int, name: str) -> int:
    """A kB field of /proc/PID/smaps_rollup, in bytes (0 once the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> tuple[int, int]:
    """(PSS, RSS) summed over `root` and all its descendants, in bytes."""
    tree, todo, pss, rss = _children(), [root], 0, 0
    while todo:
        pid = todo.pop()
        pss += _field(pid, "Pss")
        rss += _field(pid, "Rss")
        todo += tree.get(pid, [])
    return pss, rss


def run(source: Path, workers: int, work: Path) -> tuple[float, float, int, int, bytes]:
    """One cold `kg ingest`: (wall seconds, CPU seconds of the tree, peak tree PSS, peak tree RSS, the
    graph.json it wrote)."""
    run_dir = Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, "XDG_CACHE_HOME": str(run_dir / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("POLICY_KG_CACHE", None)
    command = [sys.executable, "-m", "kg.cli.main", "ingest", str(source), "--out", str(run_dir / "corpus")]
    command += ["--as-of", "2023-12-31", "--workers", str(workers), "--format", "json"]
    peaks = [0, 0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while process.poll() is None:
            pss, rss = tree_memory(process.pid)
            peaks[0], peaks[1] = max(peaks[0], pss), max(peaks[1], rss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    sampler.join()
    if process.returncode:
        raise SystemExit(f"kg ingest --workers {workers} failed: {err.decode()[-500:]}")
    corpus_id = json.loads((run_dir / "corpus" / "corpus.json").read_text())["corpusId"]
    graph = (run_dir / "corpus" / "graph.json").read_bytes().replace(corpus_id.encode(), b"")  # each its own
    shutil.rmtree(run_dir)
    return wall, cpu, peaks[0], peaks[1], graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--source", type=Path, default=SAMPLE)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-parallel-"))
    walls: dict[int, list[float]] = {1: [], args.workers: []}
    graphs: dict[int, bytes] = {}
    try:
        print("run  workers  wall (s)  CPU (s)  tree peak PSS (MB)  tree peak RSS (MB)")
        for repeat in range(args.repeats):
            for workers in (1, args.workers):
                wall, cpu, pss, rss, graph = run(args.source, workers, work)
                walls[workers].append(wall)
                graphs[workers] = graph
                print(
                    f"{repeat + 1:>3}  {workers:>7}  {wall:8.2f}  {cpu:7.2f}  {pss / MB:18.0f}  {rss / MB:18.0f}",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    serial, parallel = statistics.median(walls[1]), statistics.median(walls[args.workers])
    print(f"median wall: serial {serial:.2f} s, {args.workers} workers {parallel:.2f} s")
    print(f"ratio serial/parallel: {serial / parallel:.2f}")
    print("graph.json identical:", graphs[1] == graphs[args.workers])


if __name__ == "__main__":
    main()
