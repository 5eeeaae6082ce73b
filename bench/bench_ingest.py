"""Benchmark: CPU time to ingest the whole sample (no NLP) against one plain pass over the same text.

The baseline is measured in the same process: read the file and run one regex over it. The ratio
(ingest / baseline) is what to compare across machines; the budget from issue 2 is ingest <= 3 s CPU.

    .venv/bin/python bench/bench_ingest.py [SOURCE] [--runs N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from datetime import date
from pathlib import Path

from kg.pipeline import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
BUDGET_CPU_SECONDS = 3.0


def cpu_seconds(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def plain_pass(path: Path) -> int:
    """Read the text and run one regex over all of it: the floor any reader pays."""
    text = path.read_text(encoding="utf-8")
    return sum(1 for _ in re.finditer(r"[（(]\d{4}\s*年", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=ROOT / "data" / "east-china-2023.txt")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ingest_paths([args.source], as_of=date(2023, 12, 31), nlp=False)  # warm imports and caches once
    baseline = [cpu_seconds(lambda: plain_pass(args.source)) for _ in range(args.runs)]
    ingest = [
        cpu_seconds(lambda: ingest_paths([args.source], as_of=date(2023, 12, 31), nlp=False))
        for _ in range(args.runs)
    ]
    base, run = statistics.median(baseline), statistics.median(ingest)
    print(f"source: {args.source.name}, runs: {args.runs} (medians, CPU seconds of this process)")
    print(f"baseline (read + one regex): {base:.4f} s")
    print(
        f"ingest --no-nlp:             {run:.4f} s  (budget {BUDGET_CPU_SECONDS:.1f} s: {'ok' if run <= BUDGET_CPU_SECONDS else 'OVER'})"
    )
    print(f"ratio ingest / baseline:     {run / base:.1f}x")


if __name__ == "__main__":
    main()
