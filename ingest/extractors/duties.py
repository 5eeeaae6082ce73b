"""The bodies a regulation's article charges with a duty: the subject of a clause that opens with a body's
name and a duty word (市场监督管理部门应当…, 县级以上人民政府发展改革部门负责牵头…).

A subject may name several bodies that share their level and ending: 市农业农村、发展改革、财政等部门 is
市农业农村部门, 市发展改革部门 and 市财政部门; 市、县（市、区）人民政府 is 市人民政府 and 县（市、区）人民政府;
省和设区的市人民政府 is 省人民政府 and 市人民政府. The subject leads when the words after it start with 牵头
or 主管 (负责牵头…), and is responsible otherwise.

Which names are bodies is ingest/data/bodies.toml's (its running-text endings); the duty words are
ingest/data/regulations.toml's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ingest.extractors.units import looks_like_unit, unit_kind
from ingest.lexicon.bodies import bodies
from ingest.lexicon.brackets import PARENTHESES
from ingest.lexicon.regulations import regulations
from ingest.records import UnitRecord, UnitRole

CLAUSE_MARKS = "。；;：:！？，,"
ENUMERATION = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)")
JOINED = re.compile(r"(?:以及|或者|和|及|与)")
ITS = "其"  # 及其有关部门: the bodies of the one named before
MAX_SUBJECT = 40
BARE_LEVEL = 2  # 省, 乡: a part this short names a level, not a body


@cache
def _subject() -> re.Pattern[str]:
    """A clause's subject: up to 40 characters closed by a body's ending, right before a duty word."""
    endings = bodies().actor_endings
    cues = regulations().duty_cue.pattern
    return re.compile(
        rf"(?:由)?(?P<subject>[^{re.escape(CLAUSE_MARKS)}]{{1,{MAX_SUBJECT}}}?(?:{endings}))(?={cues})"
    )


@cache
def _ending() -> re.Pattern[str]:
    return re.compile(f"(?:{bodies().actor_endings})$")


@cache
def _levels() -> str:
    """The characters that name a level of government: the level prefixes (省 市 区 县) and the one-character
    place endings (乡 镇) of bodies.toml."""
    table = bodies()
    places = [e.ending for e in table.endings if e.group == "place" and len(e.ending) == 1]
    return "".join(dict.fromkeys([*table.level_prefixes, *places]))


def _up_to_level(name: str) -> str:
    """区人民政府 → 人民政府, 县（市、区）人民政府 → 人民政府, 设区的市人民政府发展改革部门 → 人民政府发展改革部门:
    what follows the first level."""
    match = re.search(f"[{_levels()}](?!级)(?:[（(][^（）()]*[）)])?", name)
    return name[match.end() :] if match else name


def duty_units(text: str, start: int, end: int, page_at: Callable[[int], int]) -> list[UnitRecord]:
    """The bodies text[start:end] charges with a duty, in printed order, each once."""
    out: list[UnitRecord] = []
    seen: set[str] = set()
    for at in _clause_starts(text, start, end):
        lead = ENUMERATION.match(text, at)
        at = lead.end() if lead else at
        match = _subject().match(text, at, end)
        if match is None:
            continue
        role: UnitRole = (
            "lead" if regulations().lead_duty.match(text, match.end("subject")) else "responsible"
        )
        for name, offset in _names(match.group("subject"), match.start("subject")):
            if name in seen:
                continue
            seen.add(name)
            out.append(UnitRecord(name, role, len(out) + 1, page_at(offset), unit_kind(name), offset))
    return out


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    return [start, *(i + 1 for i in range(start, end - 1) if text[i] in CLAUSE_MARKS)]


def _names(subject: str, offset: int) -> list[tuple[str, int]]:
    """The bodies a subject names, each with its offset. A part of a list that prints no ending takes the
    last part's (市农业农村、财政等部门), a bare level takes what follows the last part's level (市、区人民政府:
    市人民政府), and a part with no level of its own takes the first part's (县级以上人民政府…, 市…)."""
    parts = [(p, offset + at) for p, at in PARENTHESES.split(subject, "、") if p]
    parts = [piece for part in parts for piece in _split_joined(*part)]
    if not parts:
        return []
    last = _after_cut(parts[-1][0])
    listed = re.fullmatch(r"(.+)等(?:有关|相关)?(.+)", last)
    if listed and _ending().search(listed.group(2)):
        shared, last = listed.group(2), listed.group(1) + listed.group(2)
    else:
        ending = _ending().search(last)
        shared = ending.group(0) if ending else ""
    parts[-1] = (last, parts[-1][1])
    tail = _up_to_level(last)
    prefix = _shared_prefix(parts[0][0])
    names: list[tuple[str, int]] = []
    for k, (part, at) in enumerate(parts):
        name = _after_cut(part)
        if len(parts) > 1 and not _ending().search(name):
            name += tail if len(name) <= BARE_LEVEL else shared
        if k and prefix and not name.startswith((prefix, *_levels(), "国务院")):
            name = prefix + name
        name = _after_cut(name)
        named = looks_like_unit(name) and not _ending().fullmatch(name)
        if named and not name.startswith(regulations().not_subjects):
            names.append((name, at))
    return names


def _split_joined(part: str, at: int) -> list[tuple[str, int]]:
    """市场监督管理部门和有关部门 → both; 省和设区的市人民政府 → 省 | 设区的市人民政府; 县级以上人民政府及其有关部门
    → 县级以上人民政府 | 县级以上人民政府有关部门; a right side that is only an ending (有关部门和单位) stays
    joined."""
    for match in JOINED.finditer(part):
        left, right = part[: match.start()], part[match.end() :]
        if not right or _ending().fullmatch(right) or PARENTHESES.depth(part, match.start()):
            continue
        if right.startswith(ITS) and _ending().search(left):
            return [(left, at), (left + right[len(ITS) :], at + match.end())]
        if _ending().search(left) or left in bodies().level_prefixes:
            return [(left, at), *_split_joined(right, at + match.end())]
    return [(part, at)]


def _shared_prefix(first: str) -> str:
    """The government or level the first part of a list names for the others: 县级以上人民政府 of
    县级以上人民政府市场监督管理, 市 of 市农业农村; '' when it names none."""
    government = first.find("人民政府")
    if 0 <= government and government + 4 < len(first):
        return first[: government + 4]
    if first.startswith("国务院") and len(first) > 3:
        return "国务院"
    if first[:1] in _levels() and not first[1:2] == "级":
        return first[:1]
    return ""


def _after_cut(name: str) -> str:
    """作出处罚决定的市场监督管理部门 → 市场监督管理部门, 具体办法由市农业农村部门 → 市农业农村部门: the body
    after the last 的 or 由 outside brackets."""
    cuts = [i for i, ch in enumerate(name) if ch in "的由" and not PARENTHESES.depth(name, i)]
    return name[cuts[-1] + 1 :] if cuts else name
