"""Records go to JSON and come back equal; stored data that does not fit its type is refused."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, NamedTuple

import pytest

from ingest.pipeline import extract_document
from ingest.records import DocNumber, DocumentRecord
from kg.corpus.codec import CodecError, JsonValue, decode, encode
from tests.support.measure_texts import notice


class Colour(StrEnum):
    red = "red"


class Pair(NamedTuple):
    kind: str
    day: date


@dataclass(frozen=True)
class Sample:
    colour: Colour
    role: Literal["lead", "support"]
    pairs: tuple[Pair, ...]
    score: float
    note: str | None = None


def _stored_record() -> tuple[DocumentRecord, JsonValue]:
    """A record with a doc number, validity clauses, units, a deadline, a target and indicators, and its
    stored JSON."""
    doc = notice(
        "关于印发《某市优化营商环境行动方案》的通知\n某府办〔2023〕5号",
        "一、开办企业",
        "1.压缩开办时间。2023年6月底前，开办企业时间压缩至1个工作日内。（牵头单位：市市场监管局）\n"
        "本方案自2023年7月1日起施行，有效期至2025年12月31日。",
    )
    record = extract_document(doc)
    return record, json.loads(json.dumps(encode([record]), ensure_ascii=False))


def test_a_document_record_comes_back_equal() -> None:
    record, stored = _stored_record()
    assert record.header.doc_number == DocNumber("某府办〔2023〕5号", "某府办", 2023, "5")
    assert [c.kind for c in record.header.validity_clauses] == ["effective_from", "valid_until"]
    last = record.measures[-1]
    assert last.units and last.deadlines and last.targets and last.indicators
    assert decode(list[DocumentRecord], stored) == [record]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("measures", -1, "units", 0, "role"), "boss"),
        (("measures", -1, "units", 0, "kind"), "ministry"),
        (("measures", -1, "deadlines", 0, "granularity"), "week"),
        (("measures", -1, "deadlines", 0, "kind"), "start_by"),
        (("measures", -1, "targets", 0, "comparator"), "=="),
        (("measures", -1, "indicators", 0, "via"), "guess"),
        (("header", "validity_clauses", 0, 0), "valid_from"),
        (("jurisdiction", "level"), "county"),
        (("header", "doc_number"), "某府办〔2023〕5号"),
    ],
)
def test_a_stored_record_outside_its_closed_types_is_refused(path: tuple[str | int, ...], value: str) -> None:
    _, stored = _stored_record()
    inner = stored[0]
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = value
    with pytest.raises(CodecError):
        decode(list[DocumentRecord], stored)


def test_enums_literals_named_tuples_and_dates() -> None:
    value = Sample(Colour.red, "lead", (Pair("valid_until", date(2025, 12, 31)),), 3)
    stored = encode(value)
    assert stored == {
        "colour": "red",
        "role": "lead",
        "pairs": [["valid_until", "2025-12-31"]],
        "score": 3,
        "note": None,
    }
    assert decode(Sample, stored) == value


@pytest.mark.parametrize(
    "stored",
    [
        {"colour": "blue", "role": "lead", "pairs": [], "score": 1},
        {"colour": "red", "role": "boss", "pairs": [], "score": 1},
        {"colour": "red", "role": "lead", "pairs": [["x", "31/12/2025"]], "score": 1},
        {"colour": "red", "role": "lead", "pairs": [], "score": "1"},
        {"colour": "red", "role": "lead", "pairs": [], "score": 1, "extra": 2},
    ],
)
def test_data_that_does_not_fit_is_refused(stored: dict) -> None:
    with pytest.raises(CodecError):
        decode(Sample, stored)
