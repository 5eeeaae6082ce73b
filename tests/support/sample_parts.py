"""The bundled sample cut into parts at notice boundaries, as text dumps an analyst might receive one by
one: each part starts at a notice's heading (or at the section heading just above it) with its page marker."""

from __future__ import annotations

from pathlib import Path

from ingest.model import squeeze
from ingest.segment import segment_pages
from ingest.sources.auto import read_source
from tests.support.paths import SAMPLE


def split_sample(starts: list[int], folder: Path) -> list[Path]:
    """Write the sample as len(starts)+1 text dumps, part k+1 starting at the notice with index starts[k]
    (0-based, in printed order); returns their paths."""
    source = read_source(SAMPLE)
    docs = segment_pages(source.pages, source.file)
    cuts = []
    for index in starts:
        first = docs[index].lines[0]
        page = next(p for p in source.pages if p.number == first.page)
        at = next(k for k, raw in enumerate(page.lines) if squeeze(raw) == first.text)
        before = [k for k in range(at) if squeeze(page.lines[k])]
        if before and docs[index].section and squeeze(page.lines[before[-1]]).endswith(docs[index].section):
            at = before[-1]
        cuts.append((page.number, at))
    parts: list[list[str]] = [[]]
    for page in source.pages:
        lines = list(page.lines)
        cut = next((at for number, at in cuts if number == page.number), None)
        if cut is None:
            parts[-1] += [f"# Page {page.number}:", *lines]
            continue
        parts[-1] += [f"# Page {page.number}:", *lines[:cut]]
        parts.append([f"# Page {page.number}:", *lines[cut:]])
    paths = []
    for k, lines in enumerate(parts, start=1):
        path = folder / f"part{k}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
