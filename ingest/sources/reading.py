"""What a reader returns: the pages of a file, the metadata it carries, and warnings for the user."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.model import MetadataField, Page


@dataclass(frozen=True)
class Reading:
    """The result of one reader: `read(path, data, digest) -> Reading`."""

    pages: tuple[Page, ...]
    metadata: tuple[MetadataField, ...] = ()
    warnings: tuple[str, ...] = ()


def one_line(err: object, limit: int = 120) -> str:
    """A one-line, bounded description of a library's exception or warning, for an InputError reason."""
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."
