"""Where an issuing body sits: province, city, district and level, read from its name (the compilation's
section headings, which misfile some notices, only as a last resort).

A name places a body by a division's full name (上海市黄浦区人民政府), an autonomous prefecture's or
county's short form (湘西自治州, 湘西州: the place name without the peoples cpca lists), a development
zone named after its place (金华开发区管委会: a body of 金华市, at its level), or a province's short name
(上海海关). When the issuers name no place, a document is placed by the evidence `document_jurisdiction`
lists. Zone words, name levels and addressee levels are ingest/data/places.toml; doc-number prefixes
ingest/data/doc_number_prefixes.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import get_args

from ingest.lexicon.bodies import bodies
from ingest.lexicon.genres import genres
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.phrases import PhraseFinder
from ingest.lexicon.regions import Region, RegionIndex, region_index
from ingest.lexicon.tables import Row, packaged, read_table, words_pattern
from ingest.model import ISSUER_KEYS, DocumentText
from ingest.records import Header, Jurisdiction, RegionLevel

NAMED_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4}?[省市县区])")
AUTONOMOUS = {"自治州": ("自治州", "州"), "自治县": ("自治县", "县"), "自治旗": ("自治旗", "旗")}
MIN_PLACE = 2  # characters of a place name before the peoples of an autonomous division


@dataclass(frozen=True)
class Places:
    """The places table: the level a name's first character gives (unless a word in `not_levels` starts
    it), the zone words after a place's name (group 1 the place), and the level an addressee list's start
    shows the issuer is at."""

    name_levels: dict[str, RegionLevel]
    not_levels: tuple[str, ...]
    zone: re.Pattern[str]
    addressees: tuple[tuple[RegionLevel, re.Pattern[str]], ...]


def _level(row: Row, value: str) -> RegionLevel:
    levels: tuple[RegionLevel, ...] = get_args(RegionLevel)
    for level in levels:
        if value == level:
            return level
    raise row.fail(f"level {value!r} is not one of {', '.join(levels)}")


def load_places(row: Row) -> Places:
    """Read and compile the places table."""
    row.only("name_levels", "zones", "addressees")
    names = row.section("name_levels").only("levels", "not_words", "example")
    zones = row.section("zones").only("words", "example")
    addressees = []
    for item in row.rows("addressees"):
        item.only("level", "starts", "example")
        addressees.append(
            (_level(item, item.text("level")), re.compile(f"^(?:{words_pattern(item.texts('starts'))})"))
        )
    return Places(
        name_levels={key: _level(names, value) for key, value in names.mapping("levels").items()},
        not_levels=names.texts("not_words"),
        zone=re.compile(f"^([\u4e00-\u9fff]{{2,10}}?)(?:{words_pattern(zones.texts('words'))})"),
        addressees=tuple(addressees),
    )


@cache
def places() -> Places:
    """The packaged places table, read once."""
    return load_places(read_table(packaged("ingest", "places.toml")))


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
        found = (
            _autonomous_in(name)
            or _zone_place(name, index)
            or _province_by_short_name(name, index)
            or _misprinted_place(name, index)
        )
    if found is not None and found.level != "district":
        found = _branch_district(name, found, index) or found
    return found


def _autonomous_in(name: str) -> Region | None:
    """湘西自治州人民政府, 湘西州人民政府 → 湘西土家族苗族自治州 (the first short form the name prints)."""
    forms = _autonomous_forms()
    hits = _autonomous_finder().finditer(name)
    return forms[hits[0][2]] if hits else None


@cache
def _autonomous_forms() -> dict[str, Region]:
    """Short forms of the autonomous prefectures, counties and banners: the place name before the first
    of its peoples, with 自治州 or 州 (县, 旗); a form two divisions share, or a division's own name, is left out."""
    index = region_index()
    stems = _peoples()
    found: dict[str, list[Region]] = {}
    for region in index.by_code.values():
        for suffix, endings in AUTONOMOUS.items():
            if not region.name.endswith(suffix):
                continue
            place = next(
                (
                    region.name[:k]
                    for k in range(MIN_PLACE, len(region.name))
                    if region.name.startswith(stems, k)
                ),
                "",
            )
            for ending in endings if place else ():
                if place + ending not in index.by_name:
                    found.setdefault(place + ending, []).append(region)
    return {form: regions[0] for form, regions in found.items() if len(regions) == 1}


@cache
def _autonomous_finder() -> PhraseFinder:
    return PhraseFinder(_autonomous_forms())


@cache
def _peoples() -> tuple[str, ...]:
    """The 56 peoples as division names print them (土家, 苗, 蒙古), from cpca's list."""
    listing = resources.files("cpca").joinpath("resources/56_nations.csv").read_text("utf-8")
    names = [line.strip().removesuffix("族") for line in listing.splitlines() if line.strip()]
    return tuple(name for name in names if name)


def _zone_place(name: str, index: RegionIndex) -> Region | None:
    """金华经济技术开发区管理委员会 → 金华市, 杭州钱塘新区 → 杭州市: the division a zone is named after."""
    match = places().zone.match(name)
    if not match:
        return None
    place = match.group(1)
    exact = [r for r in index.by_code.values() if place in (r.name, r.short)]
    if not exact:
        exact = [r for r in index.by_code.values() if len(r.short) >= MIN_PLACE and place.startswith(r.short)]
    ranked = sorted(exact, key=lambda r: (-len(r.short), get_args(RegionLevel).index(r.level)))
    return ranked[0] if ranked else None


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
    near = section_province(section)
    for name in names:
        if national_bodies().central.match(name) and not index.names_in(name):
            return Jurisdiction(level="national")
        region = region_in_name(name, near)
        if region is not None:
            return jurisdiction_from_region(region, index)
    return Jurisdiction()


def section_province(section: str | None) -> Region | None:
    """The province a compilation's section heading names (湖北, 湖北省), or None."""
    index = region_index()
    if not section:
        return None
    named = index.lookup(section)
    return index.provinces_by_short.get(section) or (named if named and named.level == "province" else None)


def jurisdiction_from_region(region: Region, index: RegionIndex | None = None) -> Jurisdiction:
    """Province, city, district and level of a division; a municipality is province-level and its own city."""
    index = index or region_index()
    chain = {r.level: r for r in index.chain(region)}
    province = chain.get("province")
    city = chain.get("city")
    if province is not None and index.is_municipality(province):
        city = province
    district = chain.get("district")
    level: RegionLevel = (
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


def document_jurisdiction(header: Header, doc: DocumentText) -> Jurisdiction:
    """Where a document sits: from its issuers' names (then the page's 发文机关), else its title; when
    they name no place (市人民政府办公室), from its doc number's prefix (十政办发 → 十堰市), then the
    places its addressees name, and last the compilation's section (the province only). The level a
    name or the addressee list gives (市…, 各县市区人民政府) keeps a title's or section's province from
    being taken for a city's document."""
    index = region_index()
    names = [issuer.name for issuer in header.issuers]
    printed = doc.metadata_value(*ISSUER_KEYS)
    names += [printed] if printed else []
    found = jurisdiction_of(names, doc.section)
    if found.level:
        return found
    level = _named_level(names) or _addressed_level(header.recipients)
    if level is None:
        found = jurisdiction_of([header.title], doc.section)
        if found.level:
            return found
    near = section_province(doc.section)
    titled = region_in_name(header.title, near)
    if titled is not None and (level is None or _fits(titled, level, index)):
        return jurisdiction_from_region(_at_level(titled, level, index), index)
    within = titled or near
    code = header.doc_number.agency_code if header.doc_number else None
    region = region_of_doc_number(code, level, within) or _addressees_place(header.recipients, level, within)
    if region is not None:
        return jurisdiction_from_region(region, index)
    numbered = jurisdiction_of_doc_number(code)
    if numbered.level and level in (None, numbered.level):
        return numbered
    if within is None:
        return Jurisdiction()
    province = index.get(within.province_code) or within
    return Jurisdiction(province=province.name, level=level)


def _named_level(names: list[str]) -> RegionLevel | None:
    """The level a body's first character gives when its name prints no place (市人民政府办公室)."""
    table = places()
    levels = table.name_levels
    return next(
        (levels[n[0]] for n in names if n and n[0] in levels and not n.startswith(table.not_levels)), None
    )


def _addressed_level(recipients: list[str]) -> RegionLevel | None:
    """The issuer's level from the addressees: 各县市区人民政府 are addressed by a city."""
    joined = "、".join(recipients)
    return next((level for level, start in places().addressees if start.match(joined)), None)


def _fits(region: Region, level: RegionLevel, index: RegionIndex) -> bool:
    """A place found for a body of `level`: at that level or below (a municipality is its own city)."""
    order = get_args(RegionLevel)
    if level == "city" and region.level == "province" and index.is_municipality(region):
        return True
    return order.index(region.level) >= order.index(level)


def _at_level(region: Region, level: RegionLevel | None, index: RegionIndex) -> Region:
    """The region's ancestor at `level` (a city's body whose title names one of its districts)."""
    if level is None:
        return region
    return next((r for r in index.chain(region) if r.level == level), region)


def region_of_doc_number(code: str | None, level: RegionLevel | None, within: Region | None) -> Region | None:
    """The division a doc number's agency code names, for a body of `level` inside `within`: a province
    by its abbreviation (鄂政办发), else the one division whose name the code starts with (十政办发 →
    十堰市; 沪松府 → 松江区, after 上海's abbreviation), else a city's traditional one-character name
    (甬政发 → 宁波市). None when several divisions fit."""
    if not code or code.startswith(tuple(_prefixes()["national"])):
        return None
    index = region_index()
    table = _prefixes()
    province = index.lookup(table["province"].get(code[0], "")) if code[0] in table["province"] else None
    if (
        level in (None, "province")
        and province
        and len(code) > 1
        and code[1] in table["province_second_chars"]
    ):
        return province
    if level == "province":
        return None
    scope = within or province
    for rest in (code, code[1:]) if province else (code,):
        found = _division_named(rest, level, scope, index)
        if found is not None:
            return found
    named = table["city"].get(code[0])
    region = index.lookup(named, within=scope) if named else None
    return region if region and (scope is None or scope in index.chain(region)) else None


def _division_named(
    code: str, level: RegionLevel | None, scope: Region | None, index: RegionIndex
) -> Region | None:
    """The one city (or county) inside `scope` whose short name the code starts with, else whose name
    starts with the code's first character."""
    levels: tuple[RegionLevel, ...] = ("district",) if level == "district" else ("city", "district")
    candidates = [
        r
        for r in index.by_code.values()
        if r.level in levels
        and r.adcode != (scope.adcode if scope else None)
        and (scope is None or scope in index.chain(r))
        and (level != "city" or r.level == "city" or r.name.endswith("市"))
    ]
    for matches in (
        [r for r in candidates if len(r.short) >= MIN_PLACE and code.startswith(r.short)],
        [r for r in candidates if r.name[0] == code[0]],
    ):
        for tier in levels:
            at_tier = [r for r in matches if r.level == tier]
            if len(at_tier) == 1:
                return at_tier[0]
            if at_tier:
                return None
    return None


def _addressees_place(
    recipients: list[str], level: RegionLevel | None, within: Region | None
) -> Region | None:
    """The division at the issuer's level that holds the places the addressees name (茅箭区人民政府,
    十堰经济技术开发区管委会 → 十堰市); the one above them when the issuer's level is not known."""
    index = region_index()
    for name in recipients:
        region = region_in_name(name, within)
        above = (
            None
            if region is None
            else index.parent(region)
            if level is None
            else _at_level(region, level, index)
        )
        if above is not None and above.level == (level or above.level):
            return above
    return None
