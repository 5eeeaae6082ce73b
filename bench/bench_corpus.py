"""Benchmark: adding one notice to a corpus of 1x, 5x and 20x the sample, against ingesting that whole
corpus from scratch, in the same run (wall seconds, no NLP).

Copy k of the sample has every doc number's year shifted by k and every title marked with its copy, so the
copies are distinct documents. Adding one notice must not re-extract the corpus: at 20x its time should be at
most a tenth of the from-scratch time (building the graph of the whole corpus stays linear). The machine is
shared and noisy: one notice is added `--repeats` times (a new one each time) and the median is taken.

    .venv/bin/python bench/bench_corpus.py [--sizes 1,5,20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from kg.pipeline import ingest_into_corpus

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "east-china-2023.txt"
DAY = date(2023, 12, 31)
ONE_NOTICE = """某省人民政府办公厅关于进一步优化营商环境的通知
某政办发〔2024〕1号
各市人民政府，省政府各部门：
一、压缩开办企业时间。2024年底前，开办企业时间压缩至1个工作日内。（牵头单位：省市场监管局）
某省人民政府办公厅
2024年1月5日
"""


def copies(folder: Path, count: int) -> list[Path]:
    """`count` distinct copies of the sample."""
    text = SAMPLE.read_text(encoding="utf-8")
    paths = []
    for k in range(count):
        shifted = re.sub(r"〔(\d{4})〕", lambda m, k=k: f"〔{int(m.group(1)) + k}〕", text)
        shifted = shifted.replace("关于", f"第{k}批关于") if k else shifted
        path = folder / f"copy{k:02d}.txt"
        path.write_text(shifted, encoding="utf-8")
        paths.append(path)
    return paths


def notice(folder: Path, number: int) -> Path:
    """A file holding one new notice, doc number `number`."""
    path = folder / f"one-notice-{number}.txt"
    path.write_text(ONE_NOTICE.replace("〔2024〕1号", f"〔2024〕{number}号"), encoding="utf-8")
    return path


def seconds(sources: list[Path], corpus: Path) -> float:
    """Wall time of one ingest of `sources` into `corpus`."""
    start = time.perf_counter()
    ingest_into_corpus(sources, corpus, as_of=DAY, nlp=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,20")
    parser.add_argument("--repeats", type=int, default=3, help="notices added one by one, for the median")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    try:
        print("size  from scratch (s)  add one notice (s, median [min-max])  ratio add/scratch")
        for size in (int(s) for s in args.sizes.split(",")):
            sources = copies(work, size)
            corpus = work / f"corpus{size}"
            scratch = seconds(sources, corpus)
            adds = sorted(seconds([notice(work, n)], corpus) for n in range(1, args.repeats + 1))
            add = statistics.median(adds)
            spread = f"{add:.2f} [{adds[0]:.2f}-{adds[-1]:.2f}]"
            print(f"{size:>3}x  {scratch:16.2f}  {spread:>36}  {add / scratch:17.3f}")
            shutil.rmtree(corpus)
            for path in sources:
                path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
