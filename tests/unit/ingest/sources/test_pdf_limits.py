"""Hostile PDFs fail alone within bounded memory; text layers in Kangxi radicals or compatibility ideographs
read as the usual characters.

The bombs are real PDFs written here: a page whose content stream is a run of spaces that inflates to 1 or
4 GB from about 1 or 4 MB (one 16 MB block compressed once and repeated, each block ending on a full flush,
so that the file takes milliseconds to write).
"""

from __future__ import annotations

import json
import os
import re
import signal
import struct
import subprocess
import sys
import time
import unicodedata
import zlib
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ingest.model import squeeze
from ingest.sources import limits
from ingest.sources.auto import read_source
from ingest.sources.limits import MB, InflateBudget, InflateLimitExceeded
from ingest.sources.pdf_text import read_page_range
from tests.support.paths import ROOT
from tests.support.refusals import refusal
from tests.support.sample_notice import TITLE, notice_lines
from tests.support.scanmaker import CJK_FONT

GB = 1 << 30
BLOCK = 16 * MB
PEAK_LIMIT = 1536 * MB  # the whole ingest, reading a 4 GB bomb
TEXT_PAGE = zlib.compress(b"BT /F1 12 Tf 72 720 Td (An ordinary first page) Tj ET")
KG = "from kg.cli.main import app; app()"
PEAK_OF = (  # runs its arguments as a command, then prints its exit code and the peak RSS of its processes
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("POLICY_KG_CACHE", str(cache))
    return cache


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """Adler-32 of two strings joined, from theirs (zlib's adler32_combine)."""
    base = 65521
    rem = second_length % base
    low = first & 0xFFFF
    high = (rem * low) % base
    low += (second & 0xFFFF) + base - 1
    high += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + base - rem
    return ((high % base) << 16) | (low % base)


def flate_run(pattern: bytes, size: int) -> bytes:
    """zlib data that inflates to `pattern` repeated to `size` bytes (a multiple of BLOCK)."""
    block = pattern * (BLOCK // len(pattern))
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = raw.compress(block) + raw.flush(zlib.Z_FULL_FLUSH)
    checksum, block_checksum = zlib.adler32(b""), zlib.adler32(block)
    for _ in range(size // BLOCK):
        checksum = adler32_combine(checksum, block_checksum, BLOCK)
    return b"\x78\xda" + packed * (size // BLOCK) + b"\x03\x00" + struct.pack(">I", checksum)


def pdf_of_streams(path: Path, contents: list[bytes]) -> Path:
    """A PDF of one page per FlateDecode content stream, in Helvetica, with a correct cross-reference table."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    path.write_bytes(bytes(out))
    return path


def bomb(folder: Path, inflated: int) -> Path:
    """A two-page PDF whose second page inflates to `inflated` bytes of spaces."""
    return pdf_of_streams(folder / f"bomb-{inflated // MB}MB.pdf", [TEXT_PAGE, flate_run(b" ", inflated)])


def test_flate_run_inflates_to_its_size() -> None:
    data = flate_run(b" ", 4 * BLOCK)
    assert len(data) < 4 * BLOCK // 1000
    assert zlib.decompress(data) == b" " * (4 * BLOCK)


@pytest.mark.parametrize("inflated", [1 * GB, 4 * GB], ids=["1GB", "4GB"])
def test_bomb_fails_alone_in_one_line_within_bounded_memory(tmp_path: Path, inflated: int) -> None:
    pdf = bomb(tmp_path, inflated)
    assert pdf.stat().st_size < inflated // 500
    notice = tmp_path / "notice.txt"
    notice.write_text("\n".join(notice_lines()) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-c", PEAK_OF, sys.executable, "-c", KG, "ingest", str(pdf), str(notice)]
        + ["--out", str(out), "--no-nlp"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    code, peak = map(int, run.stdout.splitlines()[-1].split())
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, run.stderr
    assert errors[0].endswith(f"{pdf}: page 2 inflates past the limit of {limits.INFLATE_LIMIT_MB} MB")
    assert code != 0
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    titles = [n["properties"].get("title") for n in graph["nodes"] if "Document" in n["labels"]]
    assert titles == [TITLE]
    assert peak < PEAK_LIMIT, f"peak RSS {peak / MB:.0f} MB"


def test_bomb_refused_by_the_reader(tmp_path: Path) -> None:
    assert (
        refusal(bomb(tmp_path, 1 * GB)) == f"page 2 inflates past the limit of {limits.INFLATE_LIMIT_MB} MB"
    )


def test_page_past_the_memory_cap_fails_naming_it(tmp_path: Path) -> None:
    """A page under the inflate cap that needs more memory than a worker may take: MemoryError in the
    worker, one line for the file (the cap lowered to 48 MB, so 96 MB of spaces exceed it)."""
    pdf = pdf_of_streams(tmp_path / "heavy.pdf", [TEXT_PAGE, flate_run(b" ", 96 * MB)])
    code = (
        "import sys; from pathlib import Path; from ingest.sources import limits; "
        "limits.MEMORY_LIMIT_MB = 48; from ingest.errors import InputError; "
        "from ingest.sources.auto import read_source\n"
        "try:\n    read_source(Path(sys.argv[1]))\nexcept InputError as err:\n    print(err)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.stdout.strip() == f"{pdf}: page 2 needs more memory than the limit of 48 MB", run.stderr


def test_scan_too_large_to_render_fails_within_the_worker_cap(tmp_path: Path) -> None:
    """A 5 m square page holding one image: rendering it for OCR would take gigabytes."""
    path = tmp_path / "huge.pdf"
    canvas = Canvas(str(path), pagesize=(14400, 14400))
    canvas.drawImage(ImageReader(Image.new("RGB", (200, 100), "white")), 0, 0, 14400, 14400)
    canvas.showPage()
    canvas.save()
    assert refusal(path) == f"OCR of page 1 needs more memory than the limit of {limits.MEMORY_LIMIT_MB} MB"


def test_cap_memory_makes_a_large_allocation_fail() -> None:
    code = (
        "from ingest.sources.limits import cap_memory; cap_memory(64); small = bytearray(16 << 20)\n"
        "try:\n    bytearray(256 << 20)\nexcept MemoryError:\n    print('refused')"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.stdout.strip() == "refused", run.stderr


def test_budget_inflates_as_zlib_within_its_limit() -> None:
    data = zlib.compress(b"0 1 2 Td " * 1000)
    budget = InflateBudget(limit=9000)
    assert budget.decompress(data) == zlib.decompress(data)
    with pytest.raises(InflateLimitExceeded):
        budget.decompress(data)  # the two streams together exceed the budget
    budget.reset()
    assert budget.decompress(data) == zlib.decompress(data)
    budget.reset()
    with pytest.raises(zlib.error):
        budget.decompress(data[:-10])


def test_budget_counts_what_a_decompressobj_inflates() -> None:
    budget = InflateBudget(limit=MB)
    inflater = budget.decompressobj()
    data = flate_run(b" ", BLOCK)
    with pytest.raises(InflateLimitExceeded):
        for start in range(0, len(data), 64):
            inflater.decompress(data[start : start + 64])
    assert budget.used <= MB


def test_ordinary_pages_read_whole_under_the_limit(tmp_path: Path) -> None:
    pdf = pdf_of_streams(tmp_path / "spaces.pdf", [TEXT_PAGE, flate_run(b" ", BLOCK)])
    texts = read_page_range(pdf.read_bytes(), 0, 2)
    assert texts[0].lines == ("An ordinary first page",)
    assert texts[1].lines == ()


# Kangxi radicals and CJK compatibility ideographs, by the usual character they stand for
VARIANTS = {
    unicodedata.normalize("NFKC", chr(code)): chr(code)
    for first, last in ((0xF900, 0xFAFF), (0x2F00, 0x2FDF))  # a radical, where there is one, wins
    for code in range(first, last + 1)
    if len(unicodedata.normalize("NFKC", chr(code))) == 1
    and unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
_VARIANT = re.compile("[\u2f00-\u2fdf\uf900-\ufaff]")


def variant_pdf(path: Path, lines: list[str]) -> Path:
    """`lines` in WenQuanYi Micro Hei, whose ToUnicode map is then pointed at the variant of each character
    that has one, as some PDF producers write it: the page shows 人, its text layer says U+2F08."""
    pdfmetrics.registerFont(TTFont("WenQuanYi", str(CJK_FONT), subfontIndex=0))
    canvas = Canvas(str(path), pageCompression=0)
    canvas.setFont("WenQuanYi", 10)
    for i, line in enumerate(lines):
        canvas.drawString(50, 800 - 16 * i, line)
    canvas.showPage()
    canvas.save()

    def to_variant(code: re.Match[bytes]) -> bytes:
        char = chr(int(code[1], 16))
        return b"<%04X>" % ord(VARIANTS.get(char, char))

    def remap(section: re.Match[bytes]) -> bytes:
        return re.sub(rb"<([0-9A-F]{4})>", to_variant, section[0])

    data = re.sub(rb"beginbfchar.*?endbfchar", remap, path.read_bytes(), flags=re.S)
    path.write_bytes(data)  # each code keeps its four hex digits, so every offset stays right
    return path


def test_variant_text_layer_reads_as_the_usual_characters(tmp_path: Path) -> None:
    lines = notice_lines()
    pdf = variant_pdf(tmp_path / "kangxi.pdf", lines)
    (raw,) = read_page_range(pdf.read_bytes(), 0, 1)
    carried = {char for line in raw.lines for char in _VARIANT.findall(line)}
    assert {"\u2f08", "\u2f00", "\uf98e"} <= carried  # 人 一 年 as a radical and a compatibility ideograph
    (page,) = read_source(pdf).pages
    assert [squeeze(line) for line in page.lines] == [squeeze(line) for line in lines]


def test_variant_pdf_ingests_as_the_usual_notice(tmp_path: Path) -> None:
    pdf = variant_pdf(tmp_path / "kangxi.pdf", notice_lines())
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-c", KG, "ingest", str(pdf), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    titles = [n["properties"].get("title") for n in graph["nodes"] if "Document" in n["labels"]]
    assert titles == [TITLE]


def test_variant_text_file_reads_as_the_usual_characters(tmp_path: Path) -> None:
    usual = "２０２３年（一）推进企业开办全程网上办理，压缩开办时间至1个工作日。"
    text = tmp_path / "kangxi.txt"
    text.write_text("".join(VARIANTS.get(char, char) for char in usual), encoding="utf-8")
    assert _VARIANT.search(text.read_text(encoding="utf-8"))
    (page,) = read_source(text).pages
    assert page.lines == (usual,)  # full-width digits and brackets stay as printed


def _running(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_reading_process_ends_when_the_process_that_started_it_is_killed() -> None:
    code = (
        "import os, sys, time\n"
        "from ingest.sources.pdf import in_worker\n"
        "print(in_worker(os.getpid), flush=True)\n"
        "time.sleep(60)"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert parent.stdout is not None
    reader = int(parent.stdout.readline())
    assert _running(reader)
    parent.kill()  # SIGKILL: the parent cannot shut its pool down
    parent.wait()
    deadline = time.monotonic() + 10 * limits.PARENT_CHECK_SECONDS
    while _running(reader) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphaned = _running(reader)
    if orphaned:
        os.kill(reader, signal.SIGKILL)
    assert not orphaned
