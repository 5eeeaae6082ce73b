"""Benchmark: extraction time of hostile text shapes (issue 16) at 10 KB, 100 KB and 1 MB, and its growth.

Each payload of tests/support/adversarial.py (a run of digits, a long unit list, 3天 repeated …, each in
a short notice) is extracted at each size by ingest.pipeline's own stages (segment, then every document
and measure stage, without the per-document budget), in a child process with a timeout so a run that
hangs is cut off. Per payload it
prints the CPU seconds at each size, the growth factor per 10× size (linear is 10, or less while fixed
costs weigh), and the slowest stage at the largest size. Two baselines run in the same child: one plain
regex pass over the same text, and the sample's own text of the same size (the `sample` row), so the
figures can be read on a noisy machine. Each size is timed as the fastest of several blocks, a 1 MB
payload too (up to RUNS blocks, or as many as fit in REPEAT_SECONDS), and a payload over the growth limit
is timed again in a second round, each size keeping its faster time: on a machine shared with other jobs
one slow block is noise, a superlinear extractor is slow in every round. Done means growth <= 12 per 10×
for every payload and every 1 MB payload under a minute.

    .venv/bin/python bench/bench_adversarial.py [--sizes 10000,100000,1000000] [--timeout 120] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.model import Source  # noqa: E402
from tests.support.adversarial import PAYLOADS, Timing, sample_source, time_extraction  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
MAX_GROWTH = 12.0
MAX_SECONDS_AT_1MB = 60.0
RUNS = 5
REPEAT_SECONDS = 15.0  # enough for three blocks of a 1 MB payload of some 5 s
ROUNDS = 2
TOP_STAGES = 3
PLAIN = re.compile(r"\d+|[（）《》〔〕]")


def source_of(name: str, size: int) -> Source:
    if name == "sample":
        return sample_source(size)
    return next(p for p in PAYLOADS if p.name == name).source(size)


def plain_pass(source: Source) -> float:
    """CPU seconds of one regex pass over the source's text: the floor any extractor pays."""
    text = "".join(line for page in source.pages for line in page.lines)
    clock = time.process_time()
    sum(1 for _ in PLAIN.finditer(text))
    return time.process_time() - clock


def child(name: str, size: int) -> None:
    """Run one payload at one size and print its figures as JSON: the fastest of up to RUNS timed blocks
    (fewer when they take over REPEAT_SECONDS in all)."""
    source = source_of(name, size)
    time_extraction(source_of(name, 1000))  # warm the lexicons and compiled patterns
    blocks: list[Timing] = []
    spent = time.process_time()
    while len(blocks) < RUNS and (not blocks or time.process_time() - spent < REPEAT_SECONDS):
        block = time_extraction(source)
        assert block is not None  # no limit: a slow run is timed to its end (the parent's timeout cuts it)
        blocks.append(block)
    best = min(blocks, key=lambda block: block.seconds)
    print(json.dumps({"stages": best.stages, "total": best.seconds, "plain": plain_pass(source)}))


def run(name: str, size: int, timeout: float) -> dict[str, object] | None:
    """The child's figures, or None when it ran past `timeout` seconds."""
    command = [sys.executable, __file__, "--child", name, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


def timed_sizes(
    name: str, sizes: list[int], timeout: float
) -> tuple[list[float | None], dict[str, object] | None]:
    """One round: the payload's CPU seconds at each size (None from the first size that ran past the
    timeout on), and the figures of the largest size that finished."""
    times: list[float | None] = []
    last: dict[str, object] | None = None
    for size in sizes:
        figures = run(name, size, timeout) if not times or times[-1] is not None else None
        times.append(float(figures["total"]) if figures else None)  # type: ignore[arg-type]
        last = figures or last
    return times, last


def growth_of(times: list[float | None]) -> list[float | None]:
    return [b / a if a and b is not None else None for a, b in zip(times, times[1:], strict=False)]


def over_limits(sizes: list[int], times: list[float | None]) -> bool:
    if None in times or any(g is None or g > MAX_GROWTH for g in growth_of(times)):
        return True
    return sizes[-1] >= 1_000_000 and (times[-1] or 0) > MAX_SECONDS_AT_1MB


def size_label(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="payloads to run (default: all, and the sample)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="bytes, comma-separated")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take (wall)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    names = args.names or ["sample", *(p.name for p in PAYLOADS)]
    header = ["payload", *(size_label(s) for s in sizes), *(f"×{i + 1}" for i in range(len(sizes) - 1))]
    print(
        f"CPU seconds of one extraction (fastest of up to {RUNS} timed blocks, and of {ROUNDS} rounds when the"
        " first is over the limits); ×k: growth over the k-th 10×;"
    )
    print("plain: one regex pass over the same text at the largest size; stages: the slowest there")
    print(" | ".join([*header, "plain", "stages"]))
    failures = []
    for name in names:
        times: list[float | None] = [None] * len(sizes)
        last: dict[str, object] | None = None
        rounds = 0
        while rounds < ROUNDS and (not rounds or over_limits(sizes, times)):
            again, last_round = timed_sizes(name, sizes, args.timeout)
            times = [min(filter(None, (a, b)), default=None) for a, b in zip(times, again, strict=True)]
            last, rounds = last or last_round, rounds + 1
        cells = [f"{t:.3f}" if t is not None else f"> {args.timeout:.0f}" for t in times]
        cells += [f"{g:.1f}" if g is not None else "-" for g in growth_of(times)]
        stages: dict[str, float] = last["stages"] if last else {}  # type: ignore[assignment]
        slowest = sorted(stages, key=stages.__getitem__, reverse=True)[:TOP_STAGES]
        plain = f"{float(last['plain']):.4f}" if last else "-"  # type: ignore[arg-type]
        shares = ", ".join(f"{stage} {stages[stage]:.3f}" for stage in slowest) or "-"
        label = f"{name} ({rounds} rounds)" if rounds > 1 else name
        print(" | ".join([label, *cells, plain, shares]), flush=True)
        if over_limits(sizes, times):
            failures.append(name)
    print("all linear" if not failures else f"over the limits: {', '.join(failures)}")


if __name__ == "__main__":
    main()
