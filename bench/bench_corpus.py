"""Benchmark: adding one notice to a corpus of 1x, 5x and 20x the sample, against ingesting that whole
corpus from scratch, in the same run (wall seconds, no NLP).

Copy k of the sample has every doc number's year shifted by k and every title marked with its copy, so the
copies are distinct documents. Adding one notice must not re-extract the corpus: at 20x its time should be at
most a tenth of the from-scratch time (building the graph of the whole corpus stays linear).

    .venv/bin/python bench/bench_corpus.py [--sizes 1,5,20]
"""

from __future__ import annotations

import argparse
import re
import shutil
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


def seconds(sources: list[Path], corpus: Path) -> float:
    """Wall time of one ingest of `sources` into `corpus`."""
    start = time.perf_counter()
    ingest_into_corpus(sources, corpus, as_of=DAY, nlp=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,20")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    notice = work / "one-notice.txt"
    notice.write_text(ONE_NOTICE, encoding="utf-8")
    try:
        print("size  from scratch (s)  add one notice (s)  ratio add/scratch")
        for size in (int(s) for s in args.sizes.split(",")):
            sources = copies(work, size)
            corpus = work / f"corpus{size}"
            scratch = seconds(sources, corpus)
            add = seconds([notice], corpus)
            print(f"{size:>3}x  {scratch:16.2f}  {add:18.2f}  {add / scratch:17.3f}")
            shutil.rmtree(corpus)
            for path in sources:
                path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
