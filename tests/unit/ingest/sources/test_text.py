"""Text and Markdown readers: encodings, page markers, Markdown's marks; the laws corpus read whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.sources.auto import read_source
from tests.support.paths import LAWS
from tests.support.refusals import refusal
from tests.support.sample_notice import notice_lines

NOTICE = "\n".join(notice_lines()) + "\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_text_is_decoded_with_a_warning(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(NOTICE.encode(encoding))
    source = read_source(path)
    assert [list(page.lines) for page in source.pages] == [notice_lines()]
    assert source.warnings == (f"{path}: not UTF-8; read as GB18030 (GBK) text",)


def test_utf8_text_has_no_warning_and_utf16_with_bom_is_read(tmp_path: Path) -> None:
    utf8, utf16 = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_text(NOTICE, encoding="utf-8")
    utf16.write_text(NOTICE, encoding="utf-16")
    assert read_source(utf8).warnings == ()
    assert read_source(utf16).pages == read_source(utf8).pages


def test_text_in_no_known_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Décret n° 2023".encode("latin-1") + b" \x80\xff")
    assert refusal(path) == "not UTF-8 or GB18030 text (invalid byte at offset 1)"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)))
    assert refusal(path).startswith("binary file")


def test_plain_text_without_page_markers_is_one_page_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "notice"
    path.write_text("# 不是标题\n" + NOTICE, encoding="utf-8")
    (page,) = read_source(path).pages
    assert (page.number, page.lines) == (1, ("# 不是标题", *notice_lines()))


MARKDOWN = """# 公平竞争审查条例

<!-- INFO END -->

## 第一章 总 则 ##

第一条 为了规范公平竞争审查工作，**促进市场公平竞争**，根据《中华人民共和国反垄断法》等法律，制定本条例。

<!--
多行注释
-->
- 对市场准入负面清单以外的行业违法设置审批程序；
* 违法设置或者授予*特许经营权*；
> 引用的第二款。

1. 推进企业开办全程网上办理。
（一）限定经营、购买或者使用特定经营者提供的商品；
详见[国务院公报](https://www.gov.cn/gongbao/)。![图](seal.png)
file_name_2023 与 a * b * c 保持原样。
---
第二条 本条例自2024年8月1日起施行。
"""


def test_markdown_marks_are_dropped_and_the_text_kept(tmp_path: Path) -> None:
    path = tmp_path / "条例.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    (page,) = read_source(path).pages
    assert [line for line in page.lines if line.strip()] == [
        "公平竞争审查条例",
        "第一章 总 则",
        "第一条 为了规范公平竞争审查工作，促进市场公平竞争，根据《中华人民共和国反垄断法》等法律，制定本条例。",
        "对市场准入负面清单以外的行业违法设置审批程序；",
        "违法设置或者授予特许经营权；",
        "引用的第二款。",
        "1. 推进企业开办全程网上办理。",
        "（一）限定经营、购买或者使用特定经营者提供的商品；",
        "详见国务院公报。",
        "file_name_2023 与 a * b * c 保持原样。",
        "第二条 本条例自2024年8月1日起施行。",
    ]


def test_markdown_in_gbk_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "条例.markdown"
    path.write_bytes("# 某市优化营商环境条例\n\n第一条 为了优化营商环境，制定本条例。\n".encode("gbk"))
    source = read_source(path)
    assert [line for line in source.pages[0].lines if line] == [
        "某市优化营商环境条例",
        "第一条 为了优化营商环境，制定本条例。",
    ]
    assert len(source.warnings) == 1


def test_every_file_of_the_laws_corpus_is_read() -> None:
    files = sorted(path for path in LAWS.iterdir() if path.is_file())
    assert len(files) >= 31
    for path in files:
        source = read_source(path)
        lines = [line for page in source.pages for line in page.lines if line.strip()]
        assert lines and source.warnings == (), path.name
        if path.name == "README.md":
            continue
        assert not [line for line in lines if line.lstrip().startswith(("#", "<!--"))], path.name
        assert lines[0] == path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# "), path.name
