"""Web pages saved from government portals: the article text, the page's metadata table and its <title>.

The article is found by trafilatura (maintained; it scores the page's blocks by text and link density
and falls back to its readability and jusText ports), which drops navigation, breadcrumbs, footers, share
widgets and scripts on its own. Chosen over selectolax with a readability-style extractor, which would
leave that scoring to this module to write and keep; readability-lxml was not used because it drops the
metadata table. The table is read here, from the page itself, so the extractor's choice cannot lose it.

- Text: trafilatura's XML output, one line per paragraph, heading, list item and `<br>`, so item numbers
  (一、 （一） 1.) start lines; an `<ol>`'s numbers, which the browser draws, are written in; a table
  becomes lines by `ingest.sources.tables`; portal widget lines (【打印】【关闭】, 责任编辑：…) are
  dropped. trafilatura leaves out the page's heading (an `<h1>` above the article, where portals print
  the title): it is put back as the first line unless the article's first lines print it.
- Metadata: the labelled values gov.cn prints in its table (索引号, 主题分类, 发文机关, 成文日期, 标题,
  发文字号, 发布日期) and portals print in info lines (发布时间：… 来源：…), first occurrence of each key;
  the `<title>` as key `title` (a fallback title for the header stage).
- Encoding: a byte order mark, else the charset the page declares (GB2312 and GBK read as their superset
  GB18030), else UTF-8, else GB18030; a page that is not in its declared charset is read in the one that
  fits, with a warning.
A page whose text is only links and navigation (a listing, or a page whose text a script loads) is an
InputError.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import InputError
from ingest.model import MetadataField, Page, squeeze
from ingest.sources.reading import Reading
from ingest.sources.tables import table_lines

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

TITLE_KEY = "title"
METADATA_KEYS = (
    "索引号",
    "主题分类",
    "发文机关",
    "发布机构",
    "成文日期",
    "标题",
    "发文字号",
    "文号",
    "发布日期",
    "生效日期",
    "有效性",
    "发布时间",
    "来源",
)
MIN_ARTICLE_CHARS = 20  # letters outside the page's link texts below which it holds no article
MIN_ARTICLE_SHARE = 0.5  # ... or this share of its letters
HEAD_LINES = 3  # the heading counts as printed when it is among the article's first lines
MIN_HEADING = 6  # letters in an <h1> that is a document's title, not a site's name

_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_GB = ("gb2312", "gbk", "gb18030", "cp936", "euc_cn")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LABEL = re.compile("(" + "|".join(r"\s*".join(key) for key in METADATA_KEYS) + r")\s*[：:]")
_ANY_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[：:]")
_LETTER = re.compile(r"[^\W\d_]")
_WIDGET = re.compile(
    r"^(?:【[^】]{1,10}】\s*)+$|^(?:【[^】]{1,10}】\s*)*(?:责任编辑|分享到|扫一扫|打印本页|关闭窗口)(?:[：:\s]|$)"
)
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]+)[.．、]|^\s*[（(]")
_BLOCKS = ("p", "head", "item", "list", "quote")
_METADATA_CELLS = 2  # a table with this many metadata labels in its cells is the metadata table


def read_web_page(path: Path, data: bytes, digest: str) -> Reading:
    """The article of the saved page, its metadata and the warnings its decoding raised."""
    import lxml.html
    import trafilatura
    from lxml import etree

    where = str(path)
    html, warnings = decode_html(where, data)
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html))
    except (etree.ParserError, ValueError) as err:
        raise InputError(where, f"web page cannot be parsed ({err})") from None
    metadata = page_metadata(tree)
    links = {squeeze(a.text_content()) for a in tree.iter("a")}
    heading = page_heading(tree, links)
    extracted = trafilatura.extract(tree, output_format="xml", include_tables=True, include_comments=False)
    lines = article_lines(etree.fromstring(extracted.encode("utf-8"))) if extracted else []
    if lines and heading and squeeze(heading) not in {squeeze(line) for line in lines[:HEAD_LINES]}:
        lines.insert(0, heading)
    if not holds_article(lines, links):
        raise InputError(
            where,
            "web page holds no article text, only navigation and links (a listing, or a page whose text "
            "a script loads: save the page once its text shows, or print it to PDF)",
        )
    return Reading((Page(1, tuple(lines)),), tuple(metadata), warnings)


def decode_html(where: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The page's text: BOM, declared charset, UTF-8, GB18030, in that order; a warning when the
    declared charset does not fit."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), ()
    declared = _declared_charset(data[:4096])
    for name in dict.fromkeys(filter(None, (declared, "utf-8", "gb18030"))):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if declared and name != declared:
            return text, (f"{where}: declares charset {declared} but is {name}; read as {name}",)
        return text, ()
    return data.decode(declared or "utf-8", errors="replace"), (
        f"{where}: not valid {declared or 'UTF-8'}; undecodable bytes replaced",
    )


def _declared_charset(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    if name.replace("-", "").replace("_", "") in (gb.replace("_", "") for gb in _GB):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def page_heading(tree: HtmlElement, links: set[str]) -> str | None:
    """The page's heading: its first <h1> (else <h2>) of MIN_HEADING letters or more that is not a
    link's text (a site's name over its logo links home)."""
    for level in ("h1", "h2"):
        for element in tree.iter(level):
            text = _text(element)
            if len(_LETTER.findall(text)) >= MIN_HEADING and squeeze(text) not in links:
                return text
    return None


def page_metadata(tree: HtmlElement) -> list[MetadataField]:
    """Labelled values of the page (a label cell and the cell after it, or `label：value` in one short
    element), first occurrence of each key, then the <title>."""
    found: dict[str, str] = {}
    for row in tree.iter("tr"):
        cells = [_text(cell) for cell in row if cell.tag in ("td", "th")]
        for i, cell in enumerate(cells):
            label = _LABEL.match(cell)
            if not label:
                continue
            value = cell[label.end() :].strip()
            if not value and i + 1 < len(cells) and not _LABEL.match(cells[i + 1]):
                value = cells[i + 1]
            _keep(found, label.group(1), value)
    for element in tree.iter("li", "p", "span", "div", "dl", "dd"):
        text = _text(element)
        if len(text) > 300 or element.find(".//td") is not None:
            continue
        for label in _LABEL.finditer(text):
            rest = text[label.end() :]
            after = _ANY_LABEL.search(rest)
            _keep(found, label.group(1), rest[: after.start()] if after else rest)
    fields = [MetadataField(key, value) for key, value in found.items()]
    title_element = tree.find(".//title")
    title = _text(title_element) if title_element is not None else ""
    return fields + ([MetadataField(TITLE_KEY, title)] if title else [])


def _keep(found: dict[str, str], label: str, value: str) -> None:
    key, value = squeeze(label), " ".join(value.split())
    if value and key not in found:
        found[key] = value


def _text(element: _Element) -> str:
    return " ".join("".join(element.itertext()).split())


def article_lines(document: _Element) -> list[str]:
    """Lines of trafilatura's XML article: paragraphs, headings, list items, tables; widget lines dropped."""
    lines: list[str] = []
    main = document.find("main")
    for block in main if main is not None else ():
        if block.tag == "table":
            rows = [[_cell_text(cell) for cell in row.iter("cell")] for row in block.iter("row")]
            if sum(bool(_LABEL.fullmatch(cell.strip())) for row in rows for cell in row) < _METADATA_CELLS:
                lines += table_lines(rows)
        elif block.tag == "list":
            ordered = block.get("rend") == "ol"
            for n, item in enumerate(block.iter("item"), 1):
                item_lines = _block_lines(item)
                if ordered and item_lines and not _NUMBERED.match(item_lines[0]):
                    item_lines[0] = f"{n}.{item_lines[0]}"
                lines += item_lines
        else:
            lines += _block_lines(block)
    return [line for line in lines if line and not _WIDGET.match(line)]


def _block_lines(element: _Element) -> list[str]:
    """The element's text, split at its line breaks (<lb/>) and nested blocks."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _BLOCKS:
            parts += ["\n", *child.itertext(), "\n"]
        else:
            parts += child.itertext()
        parts.append(child.tail or "")
    return [line.strip() for line in "".join(parts).split("\n") if line.strip()]


def _cell_text(cell: _Element) -> str:
    return "\n".join(_block_lines(cell))


def holds_article(lines: list[str], links: set[str]) -> bool:
    """Whether the lines hold an article: enough letters left once the page's link texts are taken out."""
    text = squeeze("".join(lines))
    total = len(_LETTER.findall(text))
    for link in sorted(links, key=len, reverse=True):
        if len(link) > 1:
            text = text.replace(link, "")
    outside = len(_LETTER.findall(text))
    return outside >= MIN_ARTICLE_CHARS and outside >= MIN_ARTICLE_SHARE * total
