"""Benchmark: full-sample ingest with and without NLP (spaCy + pkuseg) against one plain pass over the text.

Each ingest runs in a fresh Python process, as `kg ingest` does, so the pkuseg model load is paid every
time. NLP runs twice: with a cold on-disk segmentation cache (a fresh POLICY_KG_CACHE, the first ingest of
new notices) and a warm one (the same notices again); wall and CPU (the process and its worker processes) are
measured around `kg.pipeline.ingest_paths` inside that process, with the time spent in each stage the
pipeline reports. The baseline (read the file and run one regex over it) is measured in this script's
run, and every time is also printed as a ratio to it. Budgets from issue 3: with NLP <= 20 s wall on
2 cores, without NLP <= 3 s CPU.

    .venv/bin/python bench/bench_nlp.py [SOURCE] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_NLP_WALL = 20.0
BUDGET_NO_NLP_CPU = 3.0


def plain_pass(path: Path) -> int:
    """Read the text and run one regex over all of it: the floor any reader pays."""
    text = path.read_text(encoding="utf-8")
    return sum(1 for _ in re.finditer(r"[（(]\d{4}\s*年", text))


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def child(source: Path, nlp: bool) -> None:
    """Run one ingest in this (fresh) process and print its timings as JSON."""
    from kg.pipeline import ingest_paths

    stages: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        stages.setdefault(stage, [now, now])[1] = now

    wall, cpu = time.perf_counter(), _cpu()
    result = ingest_paths([source], as_of=date(2023, 12, 31), nlp=nlp, progress=progress)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    measures = sum(1 for _, d in result.graph.nodes(data=True) if "Measure" in d["labels"])
    spans = {stage: end - start for stage, (start, end) in stages.items()}
    print(json.dumps({"wall": wall, "cpu": cpu, "measures": measures, "stages": spans}))


def run_child(source: Path, nlp: bool, cache: Path) -> dict:
    cmd = [sys.executable, __file__, str(source), "--child", "nlp" if nlp else "no-nlp"]
    env = {**os.environ, "POLICY_KG_CACHE": str(cache)}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_cache() -> Path:
    return Path(tempfile.mkdtemp(prefix="policy-kg-bench-"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=ROOT / "data" / "east-china-2023.txt")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["nlp", "no-nlp"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.source, args.child == "nlp")
        return
    base_runs = []
    for _ in range(max(5, args.runs)):
        start = time.perf_counter()
        plain_pass(args.source)
        base_runs.append(time.perf_counter() - start)
    base = statistics.median(base_runs)
    warm = fresh_cache()
    run_child(args.source, True, warm)
    results = {
        "without NLP:          ": [run_child(args.source, False, fresh_cache()) for _ in range(args.runs)],
        "with NLP, cold cache: ": [run_child(args.source, True, fresh_cache()) for _ in range(args.runs)],
        "with NLP, warm cache: ": [run_child(args.source, True, warm) for _ in range(args.runs)],
    }
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"source: {args.source.name}, cores: {os.cpu_count()}, load average {load}, runs: {args.runs} "
        "(medians; each ingest a fresh process)"
    )
    print(f"baseline (read + one regex):  {base:.4f} s wall")
    for label, runs in results.items():
        nlp = "with NLP" in label
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        budget = (
            f"budget {BUDGET_NLP_WALL:.0f} s wall: {'ok' if wall <= BUDGET_NLP_WALL else 'OVER'}"
            if nlp
            else f"budget {BUDGET_NO_NLP_CPU:.0f} s CPU: {'ok' if cpu <= BUDGET_NO_NLP_CPU else 'OVER'}"
        )
        print(
            f"{label} {wall:7.2f} s wall ({wall / base:8.0f}x baseline), {cpu:7.2f} s CPU "
            f"({cpu / base:8.0f}x baseline); {budget}; {runs[0]['measures']} measures"
        )
        stages = runs[len(runs) // 2]["stages"]
        print("    stages (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))


if __name__ == "__main__":
    main()
