"""Agency resolution: the many printed forms of a body (市商务委, 上海市商务委员会) into one node per real body.

A printed form resolves in the jurisdiction of the document that prints it: its level prefix
(省/市/区/县) names the document's province, city or district, and its core is expanded by the
rules in kg/data/agency_rules.toml (委 → 委员会, 发改委 → 发展和改革委员会 …). Full names
printed in the document's signature block are the strongest evidence and win when they match.
Generic units (各区政府, 各有关部门) stay as printed, kind generic, scoped to the jurisdiction.
The uid is a hash of the canonical name (and, for generic units, of their scope), so the same body
gets the same uid on every run; two different canonical names never share a node.
A signature name the PDF's text layer garbled (芜湖市水务最) is repaired against the names the same
document prints, resolved by the same rules (`repair_signature`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import networkx as nx

from ingest.extractors.issuers import printed_names
from ingest.extractors.units import unit_kind
from ingest.lexicon.bodies import bodies
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.regions import region_index
from ingest.lexicon.tables import words_pattern
from ingest.model import squeeze
from ingest.records import BodyKind, DocumentRecord, Jurisdiction, Level, RegionLevel
from kg.build.agency_rules import agency_rules
from kg.build.uids import stable_uid

_PARTY = re.compile(r"^委(?!员会)(.*)$")
MAX_REPAIRED_CHARS = 2  # a garbled signature name is one or two characters off the body it stands for
CORE_CHARS_PER_REPAIR = 3  # and off in at most one of three characters of its core (between place and ending)
_NAME_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "省",
    "市",
    "新区",
    "区",
    "县",
)


@dataclass(frozen=True)
class ResolvedAgency:
    """The canonical body behind a printed form."""

    uid: str
    name: str
    level: Level | None
    region: str | None
    kind: BodyKind


@cache
def _level_prefix() -> re.Pattern[str]:
    """省商务厅 → (省, 商务厅): a level prefix (not 市级…) and the rest."""
    return re.compile(f"^({words_pattern(bodies().level_prefixes)})(?!级)(.+)$")


def _short(name: str | None) -> str | None:
    if not name:
        return None
    for suffix in _NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class AgencyResolver:
    """Resolves printed unit and issuer names to canonical agencies; remembers every printed form."""

    def __init__(self) -> None:
        self.aliases: dict[str, list[str]] = {}
        self.agencies: dict[str, ResolvedAgency] = {}
        self._resolved: dict[tuple[object, ...], ResolvedAgency] = {}

    def resolve(
        self,
        as_printed: str,
        jurisdiction: Jurisdiction,
        full_names: Iterable[str] = (),
        implied_prefix: str | None = None,
    ) -> ResolvedAgency:
        """The canonical agency of a printed name in a document of `jurisdiction` signed by `full_names`.

        `implied_prefix` (省/市/区/县) is the level a list gave the unit before it (省商务厅、工信厅: 工信厅
        is the 省 one); it applies only to a department printed with no level or place of its own.
        """
        printed = squeeze(as_printed)
        signed = tuple(full_names)
        where = (jurisdiction.province, jurisdiction.city, jurisdiction.district, jurisdiction.level)
        key = (printed, implied_prefix, signed, *where, jurisdiction.adcode)
        agency = self._resolved.get(key)
        if agency is None:  # resolution is pure: a name printed again in the same place resolves alike
            agency = self._resolved[key] = _resolve(printed, jurisdiction, signed, implied_prefix)
        self.agencies.setdefault(agency.uid, agency)
        seen = self.aliases.setdefault(agency.uid, [])
        if printed not in seen:
            seen.append(printed)
        return agency


def _resolve(
    printed: str, jurisdiction: Jurisdiction, full_names: tuple[str, ...], implied_prefix: str | None
) -> ResolvedAgency:
    name = printed
    if implied_prefix and not _level_prefix().match(printed) and not names_a_place(printed):
        if unit_kind(printed) == "department" and bodies().department_ending.search(printed):
            name = implied_prefix + printed
    return canonical(name, jurisdiction, tuple(squeeze(n) for n in full_names))


def ensure_agency_node(
    graph: nx.MultiDiGraph, agency: ResolvedAgency, as_printed: str, *, responsible: bool = False
) -> None:
    """One node per real body: create it, or add the ResponsibleUnit label and the printed form to it."""
    if agency.uid not in graph:
        props: dict[str, object] = {
            "uid": agency.uid,
            "name": agency.name,
            "aliases": [],
            "level": agency.level,
            "region": agency.region,
            "kind": agency.kind,
        }
        graph.add_node(
            agency.uid, labels=["Agency"], properties={k: v for k, v in props.items() if v is not None}
        )
    node = graph.nodes[agency.uid]
    if responsible and "ResponsibleUnit" not in node["labels"]:
        node["labels"] = [*node["labels"], "ResponsibleUnit"]
    aliases = node["properties"].setdefault("aliases", [])
    if as_printed not in aliases:
        aliases.append(as_printed)


def canonical(printed: str, where: Jurisdiction, full_names: tuple[str, ...] = ()) -> ResolvedAgency:
    """Pure resolution of one printed name (see the module docstring)."""
    full_names = tuple(_rewrite(n) for n in full_names)
    kind = unit_kind(printed)
    if kind == "generic":
        scope = _scope_name(where)
        return ResolvedAgency(
            stable_uid("agency", "generic", scope, printed), printed, where.level, scope, kind
        )
    name, level, region = _expand(printed, where, full_names)
    for full in full_names:
        if (
            full == name
            or (len(name) >= 4 and full.endswith(name))
            or (len(full) >= 4 and name.endswith(full))
        ):
            name = full
            break
    kind = unit_kind(name)
    kind = "department" if kind == "generic" else kind
    if region is None and not names_a_place(name):
        # 上港集团, 开发区管委会: the name alone does not say where; the notice's jurisdiction does.
        scope = _scope_name(where)
        return ResolvedAgency(stable_uid("agency", scope, name), name, where.level, scope, kind)
    return ResolvedAgency(stable_uid("agency", name), name, level, region, kind)


@cache
def _place_names() -> re.Pattern[str]:
    index = region_index()
    names = {r.name for r in index.by_code.values()}
    names |= {
        r.short for r in index.by_code.values() if r.level in ("province", "city") and len(r.short) >= 2
    }
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def names_a_place(name: str) -> bool:
    """True when the name holds a province or city (full or short) or a district's full name."""
    return bool(_place_names().search(name)) or name.startswith(national_bodies().prefixes)


def issuer_names(record: DocumentRecord) -> list[tuple[str, bool]]:
    """Each issuer's name and whether it was repaired (`repair_signature`), in printed order."""
    issuers = record.header.issuers
    text = record.text.text
    if all(text.count(issuer.name) > 1 for issuer in issuers):
        return [(issuer.name, False) for issuer in issuers]
    names = printed_names(record.text, record.header.issue_date)
    repairs = [repair_signature(issuer.name, names, record.jurisdiction) for issuer in issuers]
    return [
        (repaired or issuer.name, bool(repaired)) for issuer, repaired in zip(issuers, repairs, strict=True)
    ]


def repair_signature(printed: str, names: Iterable[str], where: Jurisdiction) -> str | None:
    """The body a signature name garbled by the PDF's text layer stands for, or None.

    Candidates are the body names the same document prints elsewhere (`names`, ingest.extractors.issuers'
    `printed_names`), each resolved in the document's jurisdiction by the agency rules (市住房城乡建设局 →
    芜湖市住房和城乡建设局). A candidate repairs `printed` when its full name is as long, one or two
    characters off, ends like a body (bodies.toml) and belongs to the document's own province, city or
    district; where `printed` starts with a real place or ends like a real body, those stay as printed (a
    changed place or ending is another body), and its core may be off in one of three characters at most,
    never two side by side (上海市财政局 is not a garbled 上海市税务局, nor 市场监督管理局 of 药品监督管理局). The
    closest candidate wins; two equally close: no repair. A name the document prints elsewhere, as it
    stands or short, is not repaired.
    """
    candidates = list(names)
    if printed in candidates:
        return None
    chars = set(printed)
    off: dict[str, int] = {}
    for name in candidates:
        if len(name) > len(printed) or sum(ch not in chars for ch in name) > MAX_REPAIRED_CHARS:
            continue
        agency = canonical(name, where)
        if agency.name == printed:
            return None
        distance = _repair_distance(printed, agency, where)
        if distance is not None:
            off[agency.name] = distance
    closest = [name for name, distance in off.items() if distance == min(off.values(), default=0)]
    return closest[0] if len(closest) == 1 else None


def _repair_distance(printed: str, agency: ResolvedAgency, where: Jurisdiction) -> int | None:
    """How many characters `printed` is off the agency's full name, None when it cannot be a garbled copy."""
    full = agency.name
    ending = bodies().body_ending.search(full)
    divisions = {where.province, where.city, _district_name(where)} - {None}
    if len(full) != len(printed) or full == printed or not ending or agency.region not in divisions:
        return None
    diffs = [k for k, (a, b) in enumerate(zip(printed, full, strict=True)) if a != b]
    places = region_index().names_in(full)
    place = len(places[0][1]) if places and places[0][0] == 0 else 0
    place_printed = bool(region_index().by_name.get(printed[:place]))
    ending_printed = bool(bodies().body_ending.search(printed))
    in_place = [k for k in diffs if k < place]
    in_ending = [k for k in diffs if k >= ending.start()]
    in_core = [k for k in diffs if place <= k < ending.start()]
    if (
        len(diffs) > MAX_REPAIRED_CHARS
        or (in_place and place_printed)
        or (in_ending and ending_printed)
        or len(in_core) > (ending.start() - place) // CORE_CHARS_PER_REPAIR
        or any(b - a == 1 for a, b in itertools.pairwise(in_core))
    ):
        return None
    return len(diffs)


def _scope_name(where: Jurisdiction) -> str | None:
    if where.district:
        return _district_name(where)
    return where.city or where.province


def _district_name(where: Jurisdiction) -> str | None:
    if not where.district:
        return None
    upper = where.city or where.province or ""
    return where.district if where.district.startswith(upper) else upper + where.district


def _expand(
    printed: str, where: Jurisdiction, full_names: tuple[str, ...]
) -> tuple[str, Level | None, str | None]:
    """(canonical name, level, region name) of a non-generic printed name."""
    rules = agency_rules()
    printed = re.sub(r"（[^）]*）$|\([^)]*\)$", "", printed) or printed
    rewritten = _rewrite(printed)
    if rewritten != printed or any(r.pattern.match(printed) for r in rules.rewrites):
        return rewritten, None, None
    system = _same_system(printed, full_names)
    if system:
        return system
    prefixed = _level_prefix().match(printed)
    if prefixed:
        level_char, core = prefixed.groups()
        level, region = _region_for(level_char, where)
        if region:
            return _join(region, core, level, where), level, region
        return printed, level, None
    place = _place_prefix(printed, where)
    if place:
        region, level, rest = place
        if rest.endswith(rules.keep) and not _level_prefix().match(rest):
            return printed, level, region
        return _join(region, rest, level, where), level, region
    district = _district_government(printed, where)
    if district:
        return district
    if full_names and printed.endswith(rules.internal_suffixes):
        issuer = full_names[0]
        return issuer + printed, where.level, _scope_name(where)
    return printed, None, None


def _rewrite(name: str) -> str:
    """Apply the whole-name patterns (人行上海总部 → 中国人民银行上海总部); unchanged when none matches."""
    for rewrite in agency_rules().rewrites:
        rewritten = rewrite.apply(name)
        if rewritten is not None:
            return rewritten
    return name


def _same_system(printed: str, full_names: tuple[str, ...]) -> tuple[str, RegionLevel | None, str] | None:
    """杭州市局 in a notice of 浙江省市场监督管理局: the 杭州市 bureau of the issuer's own system."""
    if not full_names or not printed.endswith("局"):
        return None
    places = region_index().names_in(printed)
    if not places or places[0][0] != 0 or printed[len(places[0][1]) :] not in ("局", "分局"):
        return None
    issuer_places = region_index().names_in(full_names[0])
    if not issuer_places or issuer_places[0][0] != 0:
        return None
    core = full_names[0][len(issuer_places[0][1]) :]
    if not core.endswith("局"):
        return None
    place = places[0][1]
    region = region_index().lookup(place)
    return place + core, region.level if region else None, place


def _region_for(level_char: str, where: Jurisdiction) -> tuple[RegionLevel, str | None]:
    if level_char == "省":
        return "province", where.province
    if level_char == "市":
        if where.city and where.city == where.province:
            return "province", where.city
        return "city", where.city
    return "district", _district_name(where)


def _place_prefix(printed: str, where: Jurisdiction) -> tuple[str, RegionLevel, str] | None:
    """(region name, level, rest) when the name starts with the document's district, city or province."""
    places: tuple[tuple[RegionLevel, str | None], ...] = (
        ("district", _district_name(where)),
        ("city", where.city),
        ("province", where.province),
    )
    for level, full in places:
        if not full:
            continue
        own = where.district if level == "district" else full
        for form in dict.fromkeys((full, own, _short(own))):
            if form and printed.startswith(form) and len(printed) > len(form) + 1:
                if level == "city" and where.city == where.province:
                    level = "province"
                return full, level, printed[len(form) :]
    return None


def _district_government(printed: str, where: Jurisdiction) -> tuple[str, RegionLevel, str] | None:
    """闵行区 / 崇明区政府 printed in a notice of their city: the district's people's government."""
    m = re.match(r"^(.{2,6}?(?:新区|区|县))(?:人民)?(政府.*)?$", printed)
    if not m or printed.endswith(agency_rules().not_districts):
        return None
    index = region_index()
    upper_name = where.city or where.province
    upper = index.lookup(upper_name) if upper_name else None
    region = index.lookup(m.group(1), within=upper)
    if region is None or region.level != "district" or (upper and upper not in index.chain(region)):
        return None
    district = (upper_name or "") + m.group(1)
    rest = m.group(2) or "政府"
    return district + "人民" + rest, "district", district


def _join(region: str, core: str, level: Level | None, where: Jurisdiction) -> str:
    """Region + expanded core, honouring templates ({region}) and party committees (市委组织部)."""
    if _PARTY.match(core):
        return "中共" + region + core
    full = expand_core(core, level, where)
    if "{" in full:
        return full.format(
            region=region,
            city=where.city or region,
            district_short=_short(where.district) or "",
        )
    return region + full


def expand_core(core: str, level: Level | None = None, where: Jurisdiction | None = None) -> str:
    """Expand an abbreviated core (商务委 → 商务委员会); an already full core is returned unchanged."""
    rules = agency_rules()
    level_forms = rules.level_cores.get(core)
    if level_forms and level is not None and level in level_forms:
        return level_forms[level]
    if core in rules.cores:
        return rules.cores[core]
    for short, full in rules.core_suffixes:
        if core.endswith(short) and not core.endswith(full):
            return core[: -len(short)] + full
    if core.endswith("委") and not core.endswith(rules.party_committees) and len(core) > 1:
        return core + "员会"
    return core
