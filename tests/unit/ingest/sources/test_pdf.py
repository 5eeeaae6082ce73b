"""PDF reader on real PDFs written by reportlab (Chinese text in STSong-Light)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ingest.model import squeeze
from ingest.sources.auto import read_source
from ingest.sources.page_cache import cache_path
from ingest.sources.pdf import PARALLEL_MIN_PAGES, READER_VERSION, extract_page_texts
from ingest.sources.pdf_edges import strip_running_lines
from tests.support.pdfmaker import make_pdf
from tests.support.refusals import refusal

HEADER = "长三角优化营商环境政策文件汇编"
TITLE_HEAD = "关于印发《苏州市进一步优化营商环境"
TITLE_TAIL = "若干措施》的通知"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty page cache of its own."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("POLICY_KG_CACHE", str(cache))
    return cache


PHRASES = (
    "推进企业开办全程网上办理，压缩开办时间至{n}个工作日",
    "深化工程建设项目审批制度改革，实行联合验收",
    "优化纳税服务，推行非接触式办税缴费",
    "提升跨境贸易便利化水平，压缩整体通关时间",
    "加强知识产权保护，建立快速维权机制",
    "完善政务服务“一网通办”，实现{n}项高频事项掌上办",
    "规范涉企收费，清理违规设立的中介服务事项",
    "健全市场主体退出机制，推进简易注销改革",
    "强化公平竞争审查，清理妨碍统一市场的规定",
)


def body(page: int, lines: int = 6) -> list[str]:
    """Distinct body lines for one page, with numbers inside the text like real notices."""
    return [
        f"{page * lines + i}. " + PHRASES[(page * 5 + i) % len(PHRASES)].format(n=page + i)
        for i in range(lines)
    ]


def notice_pages() -> list[list[str]]:
    """Three pages whose notice heading is broken across the first page break."""
    return [
        ["一、综合类", *body(1), TITLE_HEAD],
        [TITLE_TAIL, "苏府办〔2023〕12 号", "各市、县级市人民政府：", *body(2)],
        [*body(3), "苏州市人民政府办公室", "2023 年3 月1 日"],
    ]


def test_pages_numbers_and_running_lines(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "notice.pdf", notice_pages(), header=HEADER, footer=lambda n: f"- {n} -", first_number=57
    )
    source = read_source(pdf)
    assert [page.number for page in source.pages] == [57, 58, 59]
    expected = [[squeeze(line) for line in page] for page in notice_pages()]
    assert [[squeeze(line) for line in page.lines] for page in source.pages] == expected
    every_line = [squeeze(line) for page in source.pages for line in page.lines]
    assert squeeze(HEADER) not in every_line
    assert not any(line.startswith("-") for line in every_line)


def test_heading_across_page_break_stays_in_order(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "notice.pdf", notice_pages(), header=HEADER, footer=lambda n: f"第 {n} 页")
    first, second, _ = read_source(pdf).pages
    assert squeeze(first.lines[-1]) + squeeze(second.lines[0]) == squeeze(TITLE_HEAD + TITLE_TAIL)
    assert (first.number, second.number) == (1, 2)


def test_header_with_changing_number_and_folio_out_of_step(tmp_path: Path) -> None:
    pages = [body(n) for n in range(1, 6)]
    pdf = make_pdf(
        tmp_path / "gazette.pdf",
        pages,
        header=None,
        footer=lambda n: f"江苏省人民政府公报 · {n}",
        first_number=120,
    )
    source = read_source(pdf)
    assert [page.number for page in source.pages] == [120, 121, 122, 123, 124]
    assert all("公报" not in line for page in source.pages for line in page.lines)
    assert [len(page.lines) for page in source.pages] == [6] * 5


def test_no_printed_numbers_uses_page_index(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "plain.pdf", [body(n) for n in range(1, 5)], header=HEADER)
    source = read_source(pdf)
    assert [page.number for page in source.pages] == [1, 2, 3, 4]
    assert [squeeze(page.lines[0]) for page in source.pages] == [squeeze(body(n)[0]) for n in range(1, 5)]


def test_single_page_folio_removed(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "one.pdf", [body(1)], footer=lambda n: f"— {n} —", first_number=3)
    (page,) = read_source(pdf).pages
    assert page.number == 3
    assert [squeeze(line) for line in page.lines] == [squeeze(line) for line in body(1)]


def test_large_pdf_read_in_parallel_keeps_order(tmp_path: Path) -> None:
    count = PARALLEL_MIN_PAGES + 5
    pages = [body(n, lines=3) for n in range(1, count + 1)]
    pdf = make_pdf(tmp_path / "big.pdf", pages, header=HEADER, footer=lambda n: f"- {n} -")
    data = pdf.read_bytes()
    parallel = extract_page_texts(data, workers=2)
    assert parallel == extract_page_texts(data, workers=1)
    source = read_source(pdf)
    assert [page.number for page in source.pages] == list(range(1, count + 1))
    assert [squeeze(page.lines[0]) for page in source.pages] == [squeeze(page[0]) for page in pages]


def test_rotated_page_reads_as_lines(tmp_path: Path) -> None:
    canvas_path = tmp_path / "rotated.pdf"
    canvas = Canvas(str(canvas_path), pagesize=A4)
    canvas.setPageRotation(90)
    canvas.setFont("STSong-Light", 10)
    for i, line in enumerate(body(1)):
        canvas.drawString(60, 760 - 14 * i, line)
    canvas.showPage()
    canvas.save()
    (page,) = read_source(canvas_path).pages
    assert [squeeze(line) for line in page.lines] == [squeeze(line) for line in body(1)]


def test_cache_is_used_on_second_read(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "notice.pdf", notice_pages(), header=HEADER, footer=lambda n: f"- {n} -")
    first = read_source(pdf)
    stored = cache_path(first.sha256)
    record = json.loads(stored.read_text(encoding="utf-8"))
    assert [page["number"] for page in record["pages"]] == [1, 2, 3]
    record["pages"][0]["lines"] = ["缓存哨兵行"]
    stored.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert read_source(pdf).pages[0].lines == ("缓存哨兵行",)
    assert not list(stored.parent.glob("*.tmp"))


def test_corrupt_or_stale_cache_is_ignored(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "notice.pdf", notice_pages())
    digest = read_source(pdf).sha256
    stored = cache_path(digest)
    record = json.loads(stored.read_text(encoding="utf-8"))
    record["reader"] = "an-older-reader"
    record["pages"][0]["lines"] = ["旧版本缓存行"]
    stored.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert squeeze(read_source(pdf).pages[0].lines[0]) == "一、综合类"
    assert json.loads(stored.read_text(encoding="utf-8"))["reader"] == READER_VERSION
    stored.write_text("{not json", encoding="utf-8")
    assert squeeze(read_source(pdf).pages[0].lines[0]) == "一、综合类"


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "secret.pdf", notice_pages(), user_password="s3cret")
    assert refusal(pdf) == "encrypted PDF, cannot read without password"


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    """Encrypted with an owner password only (copying forbidden): it opens, so it is read.

    Latin text in Helvetica: reportlab leaves a CID font's CIDSystemInfo strings unencrypted in
    encrypted files, which a correct reader then deciphers into garbage.
    """
    path = tmp_path / "no-copy.pdf"
    encrypt = StandardEncryption("", "owner", canPrint=1, canCopy=0)
    canvas = Canvas(str(path), pagesize=A4, encrypt=encrypt)
    canvas.setFont("Helvetica", 12)
    lines = ["Notice on Optimising the Business Environment", "Issued 2023-06-13 under No. 132"]
    for i, line in enumerate(lines):
        canvas.drawString(60, 700 - 16 * i, line)
    canvas.showPage()
    canvas.save()
    assert b"/Encrypt" in path.read_bytes()
    (page,) = read_source(path).pages
    assert list(page.lines) == lines


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.98])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", notice_pages(), header=HEADER).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    assert refusal(cut).startswith("truncated PDF")


def test_corrupted_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    assert refusal(bad).startswith("corrupted PDF")


def test_damaged_page_content(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", notice_pages()).read_bytes()
    second = [m.end() for m in re.finditer(rb"\nstream\r?\n", whole)][1]
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(whole[:second] + b"\x00\xff" * 20 + whole[second + 40 :])
    assert refusal(damaged).startswith("corrupted PDF: page 2 unreadable")


def test_page_tree_promising_missing_pages(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", notice_pages()).read_bytes()
    damaged = tmp_path / "short.pdf"
    damaged.write_bytes(whole.replace(b"/Count 3", b"/Count 4", 1))
    assert refusal(damaged) == "corrupted PDF: its page tree lists 4 pages but only 3 can be found"


def test_pdf_without_pages(tmp_path: Path) -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    data += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = tmp_path / "zero.pdf"
    path.write_bytes(bytes(data))
    assert refusal(path) == "PDF has no pages"


def test_pdf_without_text(tmp_path: Path) -> None:
    assert refusal(make_pdf(tmp_path / "blank.pdf", [[], []])) == "PDF contains no text"


def test_scanned_pdf(tmp_path: Path) -> None:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("L", (40, 60), 200).save(picture, format="PNG")
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 50, 50, 400, 600)
    canvas.showPage()
    canvas.save()
    assert "scanned images" in refusal(path)


def test_bare_numbers_that_do_not_count_up_are_kept() -> None:
    pages = [[name, "5"] for name in ("企业开办", "工程建设", "纳税", "跨境贸易")]
    result = strip_running_lines(pages)
    assert [list(page.lines) for page in result] == pages
    assert [page.number for page in result] == [1, 2, 3, 4]


def test_folio_gaps_are_filled_from_neighbours() -> None:
    pages = [["封面"], ["目录一", "1"], ["正文甲"], ["正文乙", "3"], ["正文丙", "4"]]
    result = strip_running_lines(pages)
    assert [page.number for page in result] == [1, 1, 2, 3, 4]
    assert [page.lines for page in result] == [("封面",), ("目录一",), ("正文甲",), ("正文乙",), ("正文丙",)]


def test_fake_bold_collapses_but_doubled_letters_stay(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("STSong-Light", 12)
    for dx in (0.0, 0.4):  # a heading struck twice, as word processors fake bold
        canvas.drawString(60 + dx, 700, "第一章 总则")
    canvas.drawString(60, 680, "网址：http://www.ccgp-anhui.gov.cn/，咨询电话 0551-1234")
    canvas.showPage()
    canvas.save()
    (page,) = read_source(path).pages
    assert [squeeze(line) for line in page.lines] == [
        "第一章总则",
        "网址：http://www.ccgp-anhui.gov.cn/，咨询电话0551-1234",
    ]


def test_odd_even_and_section_headers_go() -> None:
    sections = ["一、上海篇", "二、江苏篇", "三、浙江篇"]
    pages = []
    for n in range(60):
        header = "2023年营商环境政策汇编" if n % 2 else sections[n // 20]
        pages.append(
            [
                header,
                f"第{n}页正文" + PHRASES[n % len(PHRASES)],
                PHRASES[(n + 3) % len(PHRASES)],
                f"— {n + 1} —",
            ]
        )
    result = strip_running_lines(pages)
    assert [page.number for page in result] == list(range(1, 61))
    assert [page.lines for page in result] == [tuple(page[1:3]) for page in pages]


def test_attachment_headings_are_not_folios() -> None:
    pages = [[PHRASES[n], PHRASES[n + 1]] for n in range(7)] + [[f"附件{k}", PHRASES[k]] for k in (1, 2, 3)]
    result = strip_running_lines(pages)
    assert [page.number for page in result] == list(range(1, 11))
    assert [list(page.lines) for page in result] == pages


def test_diagonal_watermark_is_not_read_into_lines(tmp_path: Path) -> None:
    path = tmp_path / "watermark.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("STSong-Light", 11)
    for i, line in enumerate(body(1)):
        canvas.drawString(60, 700 - 16 * i, line)
    canvas.saveState()
    canvas.translate(150, 500)
    canvas.rotate(40)
    canvas.setFont("STSong-Light", 48)
    canvas.drawString(0, 0, "内部资料注意保密")
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    (page,) = read_source(path).pages
    assert [squeeze(line) for line in page.lines] == [squeeze(line) for line in body(1)]
