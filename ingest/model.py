"""Plain records passed between readers, the segmenter and the extractors."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
ISSUER_KEYS = ("发文机关", "发布机构")  # the metadata labels that name a document's issuer


def squeeze(text: str) -> str:
    """Remove all whitespace (the PDF puts spaces around digits and inside names)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Page:
    """One printed page: its number and its text lines as read; `ocr` when the lines were read by OCR."""

    number: int
    lines: tuple[str, ...]
    ocr: bool = False


@dataclass(frozen=True)
class MetadataField:
    """One labelled value a file carries beside its text, as printed (gov.cn's 索引号, 发文字号 …), and the
    page it came from. `key` is the label without whitespace and colon; a web page's <title> is `title`."""

    key: str
    value: str
    page: int = 1


@dataclass(frozen=True)
class Source:
    """One input file read into pages, with the metadata it carries and the warnings its reading raised
    (e.g. text decoded from GB18030), which the CLI reports."""

    file: str
    sha256: str
    pages: tuple[Page, ...]
    metadata: tuple[MetadataField, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """A non-empty line of text, whitespace removed, with the page it is printed on."""

    page: int
    text: str


@dataclass
class DocumentText:
    """One notice cut out of a source: its lines and the normalised text they join to.

    `text` is the lines concatenated with no separator (PDF line breaks are artifacts);
    `line_offsets[i]` is where line i starts in `text`, so extractors that need
    line starts (headings, numbered items) can ask `starts_line(offset)`.
    `metadata` is what the file carries beside its text (a web page's 发文字号, 成文日期 …) when the
    source is this one document; `ocr_pages` are its pages whose text was read by OCR.
    """

    source: str
    index: int
    lines: list[Line]
    section: str | None = None
    list_number: str | None = None
    heading_line_count: int = 0
    metadata: tuple[MetadataField, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    text: str = field(init=False)
    line_offsets: list[int] = field(init=False)

    def __post_init__(self) -> None:
        offsets, pos = [], 0
        for line in self.lines:
            offsets.append(pos)
            pos += len(line.text)
        self.line_offsets = offsets
        self.text = "".join(line.text for line in self.lines)

    @property
    def page_start(self) -> int:
        return self.lines[0].page

    @property
    def page_end(self) -> int:
        return self.lines[-1].page

    def line_index_at(self, offset: int) -> int:
        """Index of the line holding character `offset` of `text`."""
        return max(0, bisect.bisect_right(self.line_offsets, offset) - 1)

    def page_at(self, offset: int) -> int:
        """Page on which character `offset` of `text` is printed."""
        return self.lines[self.line_index_at(offset)].page

    def metadata_value(self, *keys: str) -> str | None:
        """The first of `keys` the file's metadata gives a value for, whitespace removed."""
        values = {item.key: squeeze(item.value) for item in self.metadata if squeeze(item.value)}
        return next((values[key] for key in keys if key in values), None)

    def starts_line(self, offset: int) -> bool:
        """True when `offset` is the first character of a printed line."""
        i = bisect.bisect_left(self.line_offsets, offset)
        return i < len(self.line_offsets) and self.line_offsets[i] == offset
