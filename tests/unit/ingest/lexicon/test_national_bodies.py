"""ingest/data/national_bodies.toml: every prefix's and pattern's example, and what the readers make of it."""

from __future__ import annotations

import pytest

from ingest.extractors.issuers import split_agency_names
from ingest.extractors.jurisdiction import jurisdiction_of
from ingest.lexicon.national_bodies import national_bodies

TABLE = national_bodies()


@pytest.mark.parametrize("row", TABLE.prefix_rows, ids=lambda r: r.prefix)
def test_every_prefix_example_starts_like_a_national_body(row) -> None:
    assert row.example.startswith(row.prefix) and row.prefix in TABLE.prefixes
    assert bool(TABLE.central.match(row.example)) == row.central
    assert (jurisdiction_of([row.example]).level == "national") == row.central


@pytest.mark.parametrize("row", TABLE.title_rows, ids=lambda r: r.example)
def test_every_title_pattern_example_is_national(row) -> None:
    assert row.pattern.match(row.example) and TABLE.central.match(row.example)
    assert jurisdiction_of([row.example]).level == "national"


def test_a_prefix_starts_a_new_body_and_a_national_branch_stays_whole() -> None:
    assert split_agency_names("上海市商务委员会中国人民银行上海总部") == [
        "上海市商务委员会",
        "中国人民银行上海总部",
    ]
    assert split_agency_names("国家税务总局上海市税务局") == ["国家税务总局上海市税务局"]
    assert jurisdiction_of(["国务院办公厅"]).level == "national"
    assert jurisdiction_of(["中共上海市委"]).level == "province"
