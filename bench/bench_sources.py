"""Benchmark the OCR and web-page readers, each against a baseline on the same input, in one run.

  OCR        ingest.sources.ocr.ocr_pdf_pages on a sample page rendered to an image-only PDF
  baseline   ingest.sources.pdf.extract_page_texts (pdfminer) on the same page with its text layer
  web page   ingest.sources.web.read_web_page on a gov.cn-style page holding a sample notice
  baseline   a bare lxml parse of the same page

Pages come from data/east-china-2023.txt (page --page and the pages after it). Prints pages (documents)
per second of each and the ratio reader / baseline. Wall clock; OCR uses onnxruntime's threads.

    .venv/bin/python bench/bench_sources.py --ocr-pages 2 --web-runs 50
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.sources.auto import read_source  # noqa: E402
from ingest.sources.ocr import ocr_pdf_pages  # noqa: E402
from ingest.sources.pdf import extract_page_texts  # noqa: E402
from ingest.sources.web import read_web_page  # noqa: E402
from tests.support.pdfmaker import make_pdf  # noqa: E402
from tests.support.scanmaker import make_scanned_pdf, wrap  # noqa: E402
from tests.support.webpages import gov_cn_page, notice_article  # noqa: E402


def per_second(work: Callable[[], object], count: int, runs: int) -> float:
    """Items per second over `runs` runs of `work`, each handling `count` items."""
    start = time.perf_counter()
    for _ in range(runs):
        work()
    return count * runs / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--page", type=int, default=300, help="first sample page (default 300)")
    parser.add_argument("--ocr-pages", type=int, default=2, help="pages read by OCR (default 2)")
    parser.add_argument("--web-runs", type=int, default=50, help="web pages read (default 50)")
    args = parser.parse_args()
    sample = read_source(ROOT / "data" / "east-china-2023.txt").pages
    at = next(i for i, page in enumerate(sample) if page.number >= args.page)
    pages = [
        wrap([line for line in page.lines if line.strip()], 38)[:40]
        for page in sample[at : at + args.ocr_pages]
    ]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["POLICY_KG_CACHE"] = str(Path(folder) / "cache")
        text_pdf = make_pdf(Path(folder) / "text.pdf", pages).read_bytes()
        scan_pdf = make_scanned_pdf(Path(folder) / "scan.pdf", pages).read_bytes()
        ocr_pdf_pages(scan_pdf, [0])  # load the models once, as a long ingest does
        ocr_rate = per_second(lambda: ocr_pdf_pages(scan_pdf, range(len(pages))), len(pages), 1)
        pdf_rate = per_second(lambda: extract_page_texts(text_pdf, workers=1), len(pages), 20)
        page = Path(folder) / "notice.html"
        html = gov_cn_page(
            notice_article([line for p in sample[at : at + 3] for line in p.lines if line.strip()])
        )
        data = html.encode("utf-8")
        page.write_bytes(data)

        import lxml.html

        web_rate = per_second(lambda: read_web_page(page, data, ""), 1, args.web_runs)
        parse_rate = per_second(lambda: lxml.html.document_fromstring(html), 1, args.web_runs)
    print(f"{len(pages)} sample pages from page {sample[at].number}; a {len(data) / 1e3:.0f} kB web page")
    print(
        f"OCR        {ocr_rate:8.2f} pages/s   pdfminer text layer {pdf_rate:8.1f} pages/s   ratio {ocr_rate / pdf_rate:.4f}"
    )
    print(
        f"web page   {web_rate:8.1f} docs/s    bare lxml parse     {parse_rate:8.1f} docs/s    ratio {web_rate / parse_rate:.4f}"
    )


if __name__ == "__main__":
    main()
