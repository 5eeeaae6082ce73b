"""Text files: UTF-8 text dumps with `# Page N:` markers, or plain text as one page."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import InputError
from ingest.model import Page

PAGE_MARKER = re.compile(r"^#\s*Page\s+(\d+)\s*:\s*$")


def read_text_pages(path: Path, data: bytes, digest: str) -> list[Page]:
    """A text dump (pages marked `# Page N:`) or a plain text, which is page 1."""
    return parse_text_dump(decode_text(str(path), data))


def decode_text(where: str, data: bytes) -> str:
    """Decode UTF-8 text; name the likely encoding or binary content otherwise."""
    if b"\x00" in data[:4096]:
        raise InputError(where, "binary file: neither a PDF nor UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        reason = f"not UTF-8 text (invalid byte at offset {err.start})"
        try:
            data.decode("gb18030")
            reason = "text is GBK/GB18030-encoded, not UTF-8; convert it with `iconv -f GB18030 -t UTF-8`"
        except UnicodeDecodeError:
            pass
        raise InputError(where, reason) from None


def parse_text_dump(text: str) -> list[Page]:
    """Split a text dump on `# Page N:` markers; text without markers is one page, number 1."""
    pages: list[Page] = []
    number, lines = 1, []
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
