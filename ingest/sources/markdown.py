"""Markdown files (a regulation copied from a law database): the text with Markdown's marks dropped.

Dropped: HTML comments, heading marks (`#`, `##`, closing `#`s, setext underlines), bullet markers
(`-`, `*`, `+` followed by a space at a line start; ordered numbers such as `1.` are the document's own
numbering and stay), block quotes, code fences, thematic breaks, emphasis, strikethrough, inline code,
links (their text stays) and images, backslash escapes. Everything else is kept as printed, one line per
line, on one page (or on the pages its `# Page N:` markers name).
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.model import Page
from ingest.sources.reading import Reading
from ingest.sources.text import decode_text, parse_text_dump

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_RULE = re.compile(r"^\s{0,3}(?:[-=]{3,}|(?:[-*_]\s*){3,})\s*$")  # setext underline, thematic break
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # image
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # link
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
)


def read_markdown(path: Path, data: bytes, digest: str) -> Reading:
    """The Markdown file as plain text lines."""
    text, warnings = decode_text(str(path), data)
    pages = [Page(page.number, plain_lines(page.lines)) for page in parse_text_dump(_COMMENT.sub("", text))]
    return Reading(tuple(pages), warnings=warnings)


def plain_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Lines with Markdown's marks removed; mark-only lines (rules, fences) dropped."""
    out = []
    for line in lines:
        if _RULE.match(line) or _FENCE.match(line):
            continue
        if _HEADING.match(line):
            line = _CLOSING_HASHES.sub("", _HEADING.sub("", line))
        line = _BULLET.sub("", _QUOTE.sub("", line))
        for pattern, replacement in _INLINE:
            line = pattern.sub(replacement, line)
        out.append(line)
    return tuple(out)
