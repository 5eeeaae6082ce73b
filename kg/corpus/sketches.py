"""A source's measure sketches (kg.build.echoes.Sketch) to bytes and back: a JSON header line (the version
they were made with, and each sketch's word key, shingle count and signature length) followed by the
signatures' bytes, one after another. Data only: reading it runs no code."""

from __future__ import annotations

import json

from kg.build.echoes import Sketch
from kg.corpus.codec import CodecError


def sketches_bytes(version: str, sketches: dict[bytes, Sketch]) -> bytes:
    """The stored form of sketches made with `version`."""
    rows = [[key.hex(), s.size, len(s.hashvalues)] for key, s in sketches.items()]
    header = json.dumps({"sketches": version, "rows": rows}, separators=(",", ":")).encode("utf-8")
    return header + b"\n" + b"".join(s.hashvalues for s in sketches.values())


def read_sketches(data: bytes, version: str) -> dict[bytes, Sketch] | None:
    """The sketches stored in `data`, or None when they were made with another version; CodecError when
    the data is not what `sketches_bytes` writes."""
    header, _, body = data.partition(b"\n")
    try:
        stored = json.loads(header)
    except ValueError as err:
        raise CodecError(f"no sketch header: {err}") from None
    if not isinstance(stored, dict) or not isinstance(stored.get("rows"), list):
        raise CodecError("no sketch rows")
    if stored.get("sketches") != version:
        return None
    out: dict[bytes, Sketch] = {}
    at = 0
    for row in stored["rows"]:
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)):
            raise CodecError(f"not a sketch row: {str(row)[:80]}")
        key, size, length = row
        if not (isinstance(size, int) and isinstance(length, int) and 0 <= length <= len(body) - at):
            raise CodecError(f"not a sketch row: {str(row)[:80]}")
        try:
            out[bytes.fromhex(key)] = Sketch(size, body[at : at + length])
        except ValueError:
            raise CodecError(f"not a sketch key: {key[:40]}") from None
        at += length
    if at != len(body):
        raise CodecError("signature bytes left over")
    return out
