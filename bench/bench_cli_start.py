"""How long `kg --help` takes to start, against a bare `python -c "import typer, rich"` (issue 9: ratio <= 3).

Both run as fresh processes from the project's virtualenv, in turn (kg, then the bare import), so a busy
machine slows both members of a pair alike. After one warm-up pair, N pairs are timed with wall clocks;
printed: the median of each and the median of the pair-by-pair ratios. Exits 1 when that ratio is over 3.

    python bench/bench_cli_start.py [--pairs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
KG_HELP = [str(VENV_BIN / "kg"), "--help"]
BARE_IMPORT = [str(VENV_BIN / "python"), "-c", "import typer, rich"]
TARGET_RATIO = 3.0


def wall_seconds(command: list[str]) -> float:
    """Wall time of one run of `command`, which must succeed."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=15, help="timed pairs after the warm-up (default 15)")
    args = parser.parse_args()
    for command in (KG_HELP, BARE_IMPORT):
        if not Path(command[0]).exists():
            sys.exit(f"error: {command[0]}: not found (run scripts/setup.sh)")
    wall_seconds(KG_HELP), wall_seconds(BARE_IMPORT)
    kg, bare = [], []
    for _ in range(args.pairs):
        kg.append(wall_seconds(KG_HELP))
        bare.append(wall_seconds(BARE_IMPORT))
    ratio = statistics.median(k / b for k, b in zip(kg, bare, strict=True))
    print(f"pairs: {args.pairs} (after one warm-up pair), medians of wall time")
    print(f"kg --help:                      {statistics.median(kg):.3f} s")
    print(f'python -c "import typer, rich": {statistics.median(bare):.3f} s')
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER"
    print(f"ratio (median of pairs):        {ratio:.2f}x  (target <= {TARGET_RATIO:.0f}x: {verdict})")
    if ratio > TARGET_RATIO:
        sys.exit(1)


if __name__ == "__main__":
    main()
