"""Benchmark: memory of `kg ingest` at 1x, 5x and 20x the sample (distinct copies, bench_corpus.copies),
in one run: wall seconds, the peak of the whole process tree (PSS, as bench_parallel samples it), and the
peak of the calling process alone, which runs the link stage (kg.build: resolution, agencies, echoes) and
so is what stays on one machine when the map stage runs on a cluster; with the growth of that peak per
notice, it estimates the link stage's memory at 10^6 notices (a straight line through the 5x and 20x
points: the parts, the graph and the measures' words grow with the notices, the model does not).

Each size is ingested by a fresh process into a fresh corpus with a fresh segmentation cache.

    .venv/bin/python bench/bench_scale.py [--sizes 1,5,20] [--workers 2] [--no-nlp]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_corpus import copies
from bench_parallel import MB, ROOT, tree_memory

INGEST = """
import json, resource, sys
from datetime import date
from pathlib import Path
from kg.mapstage.runners import MapSettings
from kg.pipeline import ingest_into_corpus
if __name__ == "__main__":
    paths, corpus, workers, nlp = [Path(p) for p in sys.argv[4:]], Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
    result = ingest_into_corpus(paths, corpus, as_of=date(2023, 12, 31), nlp=nlp, mapping=MapSettings(workers=workers))
    notices = sum(1 for _, d in result.graph.nodes(data=True) if d["properties"].get("inCorpus") is True)
    print(json.dumps({"notices": notices, "peak_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def ingest(paths: list[Path], work: Path, workers: int, nlp: bool) -> tuple[float, int, int, int]:
    """(wall seconds, notices, peak tree PSS, peak RSS of the calling process) of one cold ingest."""
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("POLICY_KG_CACHE", None)
    command = [sys.executable, "-c", INGEST, str(work / "corpus"), str(workers), "1" if nlp else "0"]
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, *map(str, paths)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_memory(process.pid)[0])
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(f"ingest failed: {err.decode()[-800:]}")
    found = json.loads(out.decode().strip().splitlines()[-1])
    return wall, found["notices"], peak[0], found["peak_self"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,20")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-nlp", dest="nlp", action="store_false")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    points: list[tuple[int, int]] = []
    try:
        print(f"NLP {'on' if args.nlp else 'off'}, {args.workers} workers")
        print("size  notices  wall (s)  tree peak PSS (MB)  link process peak RSS (MB)")
        for size in (int(s) for s in args.sizes.split(",")):
            run = work / f"x{size}"
            sources = run / "sources"
            sources.mkdir(parents=True)
            wall, notices, tree, own = ingest(copies(sources, size), run, args.workers, args.nlp)
            points.append((notices, own))
            print(f"{size:>3}x  {notices:7d}  {wall:8.1f}  {tree / MB:18.0f}  {own / MB:26.0f}", flush=True)
            shutil.rmtree(run)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (n1, m1), (n2, m2) = points[-2], points[-1]
    per_notice = (m2 - m1) / (n2 - n1)
    print(f"link process: {per_notice / 1024:.0f} KB per notice between the last two sizes")
    print(f"estimate at 10^6 notices: {(m2 + per_notice * (1_000_000 - n2)) / 2**30:.1f} GB")


if __name__ == "__main__":
    main()
