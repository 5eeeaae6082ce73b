"""Folders as the files policy-kg reads: every file below a folder that a reader's suffix names, in sorted
order; the others listed as skipped, each with its reason.

A file given by name is always kept (its reader is chosen when it is read, by magic bytes first); inside
folders the suffix decides, so a spreadsheet or an image in a folder of notices is skipped rather than
read as text. Hidden folders are not entered; hidden files and Office lock files (~$x.docx) are skipped.
Kinds recognised but refused (.doc, .wps, .ofd) are skipped with the refusal, which says how to convert
them. Nothing here reads a file: a file that cannot be read fails when `read_source` reads it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import InputError
from ingest.sources.auto import reader_for_suffix


@dataclass(frozen=True)
class Skipped:
    """A file (or folder) left out, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Expansion:
    """The files to read, in order, and what was left out."""

    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...] = ()


def expand_paths(paths: Sequence[Path]) -> Expansion:
    """Each path given: a file as it is, a folder as the files below it. A folder holding nothing
    readable is skipped; InputError when no file at all remains."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = expand_folder(path, require=False)
        files += found.files
        skipped += found.skipped
        if not found.files:
            skipped.append(Skipped(path, "folder holds no file policy-kg reads"))
    if not files:
        where = str(paths[0]) if len(paths) == 1 else f"{len(paths)} paths"
        raise InputError(where, _nothing_readable([item for item in skipped if not item.path.is_dir()]))
    return Expansion(tuple(files), tuple(skipped))


def expand_folder(folder: Path, *, require: bool = True) -> Expansion:
    """Every supported file below `folder`, sorted, and the files skipped; InputError when the folder
    cannot be listed, or (with `require`) holds no supported file."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such folder")
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(_walk(folder)):
        reason = skip_reason(path)
        if reason:
            skipped.append(Skipped(path, reason))
        else:
            files.append(path)
    if require and not files:
        raise InputError(str(folder), _nothing_readable(skipped))
    return Expansion(tuple(files), tuple(skipped))


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None when a reader takes it."""
    if path.name.startswith((".", "~$")):
        return "hidden or temporary file"
    reader = reader_for_suffix(path) if path.suffix else None
    if reader is None:
        return f"not a kind of file policy-kg reads ({path.suffix.lower() or 'no suffix'})"
    return reader.refused or None


def _walk(folder: Path) -> list[Path]:
    def fail(err: OSError) -> None:
        raise InputError(str(err.filename or folder), f"folder cannot be listed ({err.strerror or err})")

    found = []
    for root, folders, names in os.walk(folder, onerror=fail):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(root) / name for name in names]
    return found


def _nothing_readable(skipped: list[Skipped]) -> str:
    if not skipped:
        return "folder is empty: no file to read"
    names = ", ".join(item.path.name for item in skipped[:3]) + (", …" if len(skipped) > 3 else "")
    return f"no file policy-kg reads here ({len(skipped)} skipped: {names})"
