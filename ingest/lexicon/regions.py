"""China's administrative divisions (province, prefecture city, county) from the cpca package's adcode table."""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import get_args

from ingest.lexicon.phrases import PhraseFinder
from ingest.records import RegionLevel

MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: province-level cities
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
COUNTY_SUFFIXES = ("自治县", "新区", "区", "县", "市", "旗")
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


@dataclass(frozen=True)
class Region:
    """One division: adcode (6 digits), full name, short name, level and parent adcode."""

    adcode: str
    name: str
    short: str
    level: RegionLevel
    parent: str | None

    @property
    def province_code(self) -> str:
        return self.adcode[:2] + "0000"


def _adcode_csv() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (administrative-division codes) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class RegionIndex:
    """Look-ups over the divisions: by adcode, by full or short name, the chain up to the province."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.by_code: dict[str, Region] = {}
        for code12, name in rows:
            code = code12[:6]
            if name in PLACEHOLDERS:
                continue
            if code.endswith("0000"):
                region = Region(code, name, _short(name, PROVINCE_SUFFIXES), "province", None)
            elif code.endswith("00"):
                region = Region(code, name, _short(name, CITY_SUFFIXES), "city", code[:2] + "0000")
            else:
                parent = code[:4] + "00"
                region = Region(code, name, _short(name, COUNTY_SUFFIXES), "district", parent)
            self.by_code.setdefault(code, region)
        self.by_name: dict[str, list[Region]] = {}
        for region in self.by_code.values():
            self.by_name.setdefault(region.name, []).append(region)
        names = sorted((n for n in self.by_name if len(n) > 2), key=len, reverse=True)
        self._names = PhraseFinder(names)
        self.provinces_by_short = {r.short: r for r in self.by_code.values() if r.level == "province"}

    def get(self, adcode: str | None) -> Region | None:
        return self.by_code.get(adcode) if adcode else None

    def parent(self, region: Region) -> Region | None:
        """The region one level up; a municipality's districts sit directly under the province."""
        parent = self.by_code.get(region.parent) if region.parent else None
        if parent is None and region.level == "district":
            return self.by_code.get(region.province_code)
        return parent

    def chain(self, region: Region) -> list[Region]:
        """The region and its ancestors, lowest first."""
        out = [region]
        while (up := self.parent(out[-1])) is not None:
            out.append(up)
        return out

    def names_in(self, text: str) -> list[tuple[int, str]]:
        """Full division names found in `text`, longest first at each position: (offset, name)."""
        return [(start, name) for start, _, name in self._names.finditer(text)]

    def lookup(self, name: str, within: Region | None = None) -> Region | None:
        """The division called `name` (full name), preferring one inside `within`."""
        candidates = self.by_name.get(name, [])
        if within is not None:
            inside = [c for c in candidates if within in self.chain(c)]
            if inside:
                candidates = inside
        ranked = sorted(candidates, key=lambda r: get_args(RegionLevel).index(r.level))
        return ranked[0] if ranked else None

    def is_municipality(self, region: Region) -> bool:
        return region.adcode[:2] in MUNICIPALITIES


@cache
def region_index() -> RegionIndex:
    """The shared index, read once from the package data."""
    with _adcode_csv().open(encoding="utf-8") as handle:
        rows = [(row["adcode"], row["name"]) for row in csv.DictReader(handle)]
    return RegionIndex(rows)
