"""Text files: text dumps with `# Page N:` markers, or plain text as one page; UTF-8, UTF-16 with a byte
order mark, or GB18030 (which includes GBK and GB2312), decoded with a warning; Kangxi radicals and CJK
compatibility ideographs read as the usual characters (`ingest.lexicon.normalise`)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ingest.errors import InputError
from ingest.lexicon.normalise import usual_characters
from ingest.model import Page
from ingest.sources.reading import Reading

PAGE_MARKER = re.compile(r"^#\s*Page\s+(\d+)\s*:\s*$")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text(path: Path, data: bytes, digest: str) -> Reading:
    """A text dump (pages marked `# Page N:`) or a plain text, which is page 1."""
    text, warnings = decode_text(str(path), data)
    return Reading(tuple(parse_text_dump(text)), warnings=warnings)


def decode_text(where: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text, in the usual characters (`usual_characters`), and the warnings its decoding raised."""
    text, warnings = _decode(where, data)
    return usual_characters(text), warnings


def _decode(where: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 with a warning; InputError for binary data or
    text in none of these."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError:
            raise InputError(where, "text with a UTF-16 byte order mark that is not UTF-16") from None
    if b"\x00" in data[:4096]:
        raise InputError(where, "binary file: not a kind of file policy-kg reads, nor text")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as err:
        offset = err.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(where, f"not UTF-8 or GB18030 text (invalid byte at offset {offset})") from None
    return text, (f"{where}: not UTF-8; read as GB18030 (GBK) text",)


def parse_text_dump(text: str) -> list[Page]:
    """Split a text dump on `# Page N:` markers; text without markers is one page, number 1."""
    pages: list[Page] = []
    lines: list[str] = []
    number = 1
    seen_marker = False
    for raw in text.splitlines():
        marker = PAGE_MARKER.match(raw.strip())
        if marker:
            if seen_marker or any(line.strip() for line in lines):
                pages.append(Page(number, tuple(lines)))
            number, lines, seen_marker = int(marker.group(1)), [], True
            continue
        lines.append(raw)
    pages.append(Page(number, tuple(lines)))
    return pages
