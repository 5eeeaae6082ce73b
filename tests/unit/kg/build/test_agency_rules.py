"""kg/data/agency_rules.toml: every rewrite's example gives what it says, every core expands, and a malformed
table fails in one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lexicon.tables import TableError, packaged
from ingest.records import Jurisdiction
from kg.build import agency_rules
from kg.build.agencies import canonical, expand_core

RULES = agency_rules.agency_rules()
SHANGHAI = Jurisdiction(province="上海市", city="上海市", level="province")
HUANGPU = Jurisdiction(province="上海市", city="上海市", district="黄浦区", level="district")


@pytest.mark.parametrize("rewrite", RULES.rewrites, ids=lambda r: r.example)
def test_every_rewrite_example_gives_its_name(rewrite) -> None:
    assert rewrite.apply(rewrite.example) == rewrite.gives
    assert canonical(rewrite.example, SHANGHAI).name == rewrite.gives


@pytest.mark.parametrize("core", list(RULES.cores))
def test_every_core_expands_in_a_city(core: str) -> None:
    full = RULES.cores[core]
    name = canonical("市" + core, SHANGHAI).name
    assert name == (full.format(region="上海市") if "{" in full else "上海市" + full)


@pytest.mark.parametrize(("short", "full"), RULES.core_suffixes)
def test_every_core_suffix_expands_the_end_of_a_longer_core(short: str, full: str) -> None:
    assert expand_core("浦东新区" + short) == "浦东新区" + full


@pytest.mark.parametrize("core", list(RULES.level_cores))
def test_every_level_core_depends_on_the_level(core: str) -> None:
    for level, full in RULES.level_cores[core].items():
        assert expand_core(core, level, HUANGPU) == full


def test_kept_names_internal_divisions_areas_and_party_committees() -> None:
    for kept in RULES.keep:
        assert canonical("上海" + kept, SHANGHAI).name == "上海" + kept
    for suffix in RULES.internal_suffixes:
        assert (
            canonical("审批" + suffix, SHANGHAI, ("上海市商务委员会",)).name
            == "上海市商务委员会审批" + suffix
        )
    for area in RULES.not_districts:
        assert "人民政府" not in canonical("黄浦" + area, SHANGHAI).name
    for committee in RULES.party_committees:
        assert expand_core("组织" + committee) == "组织" + committee


def test_a_malformed_table_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / agency_rules.TABLE
    text = packaged("kg", agency_rules.TABLE).read_text(encoding="utf-8")
    path.write_text(text.replace("replacement = '\\1'", "replacement = '\\2'"), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        agency_rules.load(path)
    message = str(caught.value)
    assert (
        message.startswith(f"{path}: rewrite row 1: 'replacement' does not fit the pattern")
        and "\n" not in message
    )
    path.write_text(text.replace("[cores]", "[cores]\n发改委 = 1"), encoding="utf-8")
    with pytest.raises(TableError, match=r"agency_rules\.toml: not valid TOML"):
        agency_rules.load(path)
