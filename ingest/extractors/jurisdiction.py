"""Where an issuing body sits: province, city, district and level, read from its name (never from the
compilation's section headings, which misfile some notices)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ingest.lexicon.bodies import bodies
from ingest.lexicon.genres import genres
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.regions import Region, RegionIndex, region_index
from ingest.lexicon.tables import words_pattern
from ingest.records import Jurisdiction

NAMED_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4}?[省市县区])")


@cache
def _prefixes() -> dict:
    return json.loads(resources.files("ingest").joinpath("data/doc_number_prefixes.json").read_text("utf-8"))


def region_in_name(name: str, near: Region | None = None) -> Region | None:
    """The lowest division a body's name places it in (上海市黄浦区人民政府 → 黄浦区), or None."""
    index = region_index()
    found: Region | None = None
    for _, printed in index.names_in(name):
        region = index.lookup(printed, within=found or near)
        if region and (found is None or found in index.chain(region)):
            found = region
    if found is None:
        found = _province_by_short_name(name, index) or _misprinted_place(name, index)
    if found is not None and found.level != "district":
        found = _branch_district(name, found, index) or found
    return found


def _province_by_short_name(name: str, index: RegionIndex) -> Region | None:
    """上海海关, 浙江银保监局: a province's short name at the start of the body's name."""
    for short, region in index.provinces_by_short.items():
        if name.startswith(short):
            return region
    return None


def _misprinted_place(name: str, index: RegionIndex) -> Region | None:
    """A place name with a character dropped (云港市 for 连云港市): the one division whose name ends with it."""
    match = NAMED_PLACE.match(name)
    if not match:
        return None
    token = match.group(1)
    candidates = [
        r for r in index.by_code.values() if r.name.endswith(token) and len(r.name) == len(token) + 1
    ]
    return candidates[0] if len(candidates) == 1 else None


def _branch_district(name: str, region: Region, index: RegionIndex) -> Region | None:
    """上海市公安局奉贤分局: a branch named after a district of the region."""
    for match in bodies().branch.finditer(name):
        before = name[: match.start()]
        for candidate in index.by_code.values():
            if (
                candidate.level == "district"
                and before.endswith(candidate.short)
                and region in index.chain(candidate)
            ):
                return candidate
    return None


def jurisdiction_of(names: list[str], section: str | None = None) -> Jurisdiction:
    """Jurisdiction from the first of `names` (issuers, then the title) that places the body.

    `section` (the compilation's province heading) only breaks ties between divisions of the same name.
    """
    index = region_index()
    near = index.provinces_by_short.get(section) if section else None
    for name in names:
        if national_bodies().central.match(name) and not index.names_in(name):
            return Jurisdiction(level="national")
        region = region_in_name(name, near)
        if region is not None:
            return jurisdiction_from_region(region, index)
    return Jurisdiction()


def jurisdiction_from_region(region: Region, index: RegionIndex | None = None) -> Jurisdiction:
    """Province, city, district and level of a division; a municipality is province-level and its own city."""
    index = index or region_index()
    chain = {r.level: r for r in index.chain(region)}
    province = chain.get("province")
    city = chain.get("city")
    if province is not None and index.is_municipality(province):
        city = province
    district = chain.get("district")
    level = (
        "district" if district else "province" if region.level == "province" or city is province else "city"
    )
    return Jurisdiction(
        province=province.name if province else None,
        city=city.name if city else None,
        district=district.name if district else None,
        level=level,
        adcode=region.adcode,
    )


def jurisdiction_of_cited_title(title: str) -> Jurisdiction:
    """A cited document's level from its title: the body or place it names; a law or 条例 naming no
    place is national (local regulations always carry their place: 上海市优化营商环境条例)."""
    where = jurisdiction_of([title])
    if where.level:
        return where
    if _national_law().search(title) and not region_index().names_in(title):
        return Jurisdiction(level="national")
    return Jurisdiction()


@cache
def _national_law() -> re.Pattern[str]:
    """A title that ends with a national title word (法, 条例), a trailing parenthetical aside."""
    return re.compile(f"(?:{words_pattern(genres().citations.national_title_words)})(?:[（(][^）)]*[）)])?$")


def jurisdiction_of_doc_number(agency_code: str | None) -> Jurisdiction:
    """A cited document's level from its number's prefix: 国发, 国办发 national; 沪府, 苏政发 provincial."""
    if not agency_code:
        return Jurisdiction()
    table = _prefixes()
    if agency_code.startswith(tuple(table["national"])):
        return Jurisdiction(level="national")
    province_name = table["province"].get(agency_code[0])
    if province_name and len(agency_code) > 1 and agency_code[1] in table["province_second_chars"]:
        region = region_index().lookup(province_name)
        if region:
            return jurisdiction_from_region(region)
    return Jurisdiction()
