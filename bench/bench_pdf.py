"""Benchmark the PDF reader against pdfminer's stock text extraction, on sample pages.

Renders pages of data/east-china-2023.txt into a PDF (reportlab, STSong-Light; running header
and "- N -" folio), then times, in this one run:
  baseline   pdfminer.high_level.extract_text with default LAParams, one process
  ours x1    ingest.sources.pdf_text.read_page_range over all pages, in this process
  worker x1  ingest.sources.pdf.extract_page_texts in one capped worker process (wall clock)
  ours x2    the same over page ranges in 2 capped worker processes (wall clock)
  cached     ingest.sources.pdf.read_pdf_pages when the page cache already holds the file
  small      ingest.sources.pdf.read_pdf_pages on a 3-page PDF, not cached (median of 5): what a
             worker process costs a small file
and prints each time with its ratio to the baseline, plus how many pages read back differently
from the dump (whitespace ignored).

    .venv/bin/python bench/bench_pdf.py --pages 120
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdfminer.high_level import extract_text  # noqa: E402

from ingest.model import squeeze  # noqa: E402
from ingest.sources.auto import read_source  # noqa: E402
from ingest.sources.pdf import extract_page_texts, read_pdf_pages  # noqa: E402
from ingest.sources.pdf_text import read_page_range  # noqa: E402
from tests.support.pdfmaker import make_pdf  # noqa: E402


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=120, help="sample pages to render (default 120)")
    args = parser.parse_args()
    dump = read_source(ROOT / "data" / "east-china-2023.txt").pages[: args.pages]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["POLICY_KG_CACHE"] = str(Path(folder) / "cache")
        pdf = make_pdf(
            Path(folder) / "bench.pdf",
            [list(page.lines) for page in dump],
            header="2023年华东地区优化营商环境政策文件汇编",
            footer=lambda n: f"- {n} -",
            first_number=dump[0].number,
        )
        data = pdf.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        base_wall, base_cpu, _ = timed(lambda: extract_text(str(pdf)))
        one_wall, one_cpu, _ = timed(lambda: read_page_range(data, 0, len(dump)))
        worker_wall, _, _ = timed(lambda: extract_page_texts(data, workers=1))
        two_wall, _, _ = timed(lambda: extract_page_texts(data, workers=2))
        _, _, pages = timed(lambda: read_pdf_pages(pdf, data, digest))
        hit_wall, _, _ = timed(lambda: read_pdf_pages(pdf, data, digest))
        small = make_pdf(Path(folder) / "small.pdf", [list(page.lines) for page in dump[:3]]).read_bytes()
        small_wall = statistics.median(
            timed(lambda key=f"small-{run}": read_pdf_pages(pdf, small, key))[0] for run in range(5)
        )
    differing = sum(
        1
        for want, got in zip(dump, pages, strict=True)
        if (want.number, [squeeze(x) for x in want.lines if x.strip()])
        != (got.number, [squeeze(x) for x in got.lines if x.strip()])
    )
    print(f"{len(dump)} pages, {len(data) / 1e6:.1f} MB PDF")
    print(f"baseline  pdfminer extract_text (LAParams)  {base_wall:7.2f} s wall  {base_cpu:7.2f} s CPU")
    print(f"ours x1   in this process                  {one_wall:7.2f} s wall  {one_cpu:7.2f} s CPU")
    print(f"worker x1 one worker process               {worker_wall:7.2f} s wall")
    print(f"ours x2   two worker processes             {two_wall:7.2f} s wall")
    print(f"cached    read_pdf_pages, cache hit        {hit_wall:7.3f} s wall")
    print(f"small     read_pdf_pages, 3 pages, no cache {small_wall:6.3f} s wall")
    print(f"ratio CPU x1 / baseline      {one_cpu / base_cpu:.2f}")
    print(f"ratio wall x2 / baseline     {two_wall / base_wall:.2f}")
    print(f"ratio wall cached / baseline {hit_wall / base_wall:.4f}")
    print(f"pages differing from the dump (whitespace ignored): {differing}")


if __name__ == "__main__":
    main()
