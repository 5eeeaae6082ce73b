"""Records go to JSON and come back equal; stored data that does not fit its type is refused."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, NamedTuple

import pytest

from ingest.pipeline import extract_document
from ingest.records import DocumentRecord
from kg.corpus.codec import CodecError, decode, encode
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


def test_a_document_record_comes_back_equal() -> None:
    doc = notice(
        "关于印发《某市优化营商环境行动方案》的通知",
        "一、开办企业",
        "1.压缩开办时间。2023年6月底前，开办企业时间压缩至1个工作日内。（牵头单位：市市场监管局）",
    )
    record = extract_document(doc)
    assert record.measures and record.measures[-1].units
    stored = json.loads(json.dumps(encode([record]), ensure_ascii=False))
    assert decode(list[DocumentRecord], stored) == [record]


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
