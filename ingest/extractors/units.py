"""Responsible units of a measure: the conventions Chinese notices use to assign work.

Conventions read (all on whitespace-free text):
- labelled lists, in parentheses or on their own line: （责任单位：…）, 牵头单位：… 配合单位：…,
  （责任部门：…）, （责任处室：…）, ASCII colon variants, several labels in one parenthesis;
- role phrases in one parenthesis: （X牵头，Y配合）, （X、Y按职责分工负责）;
- a bare trailing parenthetical list of units: …。（市商务委、上海海关）;
- a unit clause whose closing parenthesis the PDF dropped, read up to the next item marker:
  …。(市商务局负责，2023年9月底前完成7.推进…;
- units joined inside one list part: 市直有关部门及各区县人民政府 (two), 市商务局等市直有关部门 (two),
  各区政府及其有关部门 (one);
- a document-wide rule such as 排在第一位的为牵头单位: the first unit of each list leads;
- units named in running text (由X牵头…, X负责…, X要…), read only in documents that use no lists.

The label words and their roles, role verbs and lead rules are ingest/data/unit_labels.toml; what a unit's
name ends with and its kind, ingest/data/bodies.toml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ingest.lexicon.bodies import bodies
from ingest.lexicon.brackets import PARENTHESES
from ingest.lexicon.genres import genres
from ingest.lexicon.unit_labels import unit_labels
from ingest.records import BodyKind, Conventions, UnitRecord, UnitRole

LEAD: UnitRole = "lead"
RESPONSIBLE: UnitRole = "responsible"

_SEPARATORS = "、，,；;"
_EDGES = "。.，,、；;：: "
GROUP_CHARS = 400  # the longest parenthetical read as a unit list
UNCLOSED_CLAUSE_CHARS = 200  # the longest unit clause left unclosed (市商务局负责，2023年9月底前完成: 20)
UNIT_CHARS = 30  # the longest printed name of a unit
_TIME_CLAUSE = re.compile(r"\d{4}年|\d{1,2}月|年底|月底|季度|前完成|持续推进|长期坚持|时限|下同")
_NOT_A_UNIT = re.compile(r"^(?:或者|或|含|包括|不含|除|即|如|指|以下|以上|试行|暂行|草案|征求意见稿)")
_NOTE_IN_PARENS = re.compile(
    r"[（(](?:以下|以上|上述|下同|注|均需|不再)[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$"
)
_NOTE = re.compile(r"[，,；;](?:以下|以上|上述|均需|均由|不再|具体由|其中)")
_CATCH_ALL = re.compile(r".等(?!(?:部门|单位|机构)?$).")
# The actor of a clause (市商务局负责…) and of 由…牵头: up to 24 characters closed by a running-text ending.
_ACTOR = r"(?P<unit>[^。；，：！？、由]{{0,24}}?(?:{endings}))"
_CLAUSE_VERBS = (
    r"(?=要|应|须|需|负责|牵头|配合|协同|协助|参与|将|对|按照|依托|在|指定|自行|不得|会同|联合|做好|统筹|根据|通过|组织|及时"
    r"|加强|开展|推进|落实|完成|建立|制定|督促|指导|积极|认真|切实)"
)
_BY_VERBS = r"(?=要|应|负责|牵头|配合|将|对|按照|依托|在|自行|会同|联合|做好|统筹|根据|通过|组织|及时)"
_VERB_FIRST = re.compile(
    r"^(?:配合|协助|负责|牵头|推动|推进|加强|做好|组织|指导|督促|会同|联合|依托|按照|根据|通过|支持|鼓励|引导|探索|创新|"
    r"落实|积极|全面|实施|进一步|扩大|最大限度|减少|加快|深化|完善|健全|优化|提升|提高|强化|开展|建立|推广|实行|严格|规范|"
    r"持续|不断|坚持|着力|大力|切实|全力|及时|确保|为|向|对|由|在|以|将|把|和|与|是|要|如|若|凡)|跨部门|多部门"
)


@dataclass(frozen=True)
class _Group:
    """A parenthetical that holds units: the span of its content, its kind (labelled, phrase, tasks,
    bare) and whether it trails its sentence."""

    start: int
    end: int
    kind: str
    trailing: bool


@dataclass
class _Found:
    name: str
    role: UnitRole
    offset: int


def unit_kind(name: str) -> BodyKind:
    """Coarse kind of a printed unit name (generic, court, party, …, department): the kinds of bodies.toml."""
    return bodies().kind_of(name)


@cache
def _actor_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The actor of a clause (X负责…, at a clause start) and the actor of 由X牵头…."""
    actor = _ACTOR.format(endings=bodies().actor_endings)
    at_clause_start = re.compile(r"(?:^|(?<=[。；，：！？]))" + actor + _CLAUSE_VERBS)
    after_by = re.compile("由" + actor + _BY_VERBS)
    return at_clause_start, after_by


def looks_like_unit(name: str) -> bool:
    """True when a printed name has the shape of an organisation (suffix or generic qualifier)."""
    if not name or len(name) > UNIT_CHARS or re.search(r"[。；！？：:%\d]", name):
        return False
    core = re.sub(r"（[^）]*）|\([^)]*\)", "", name)
    table = bodies()
    generic = bool(table.generic_start.match(name)) and len(core) <= 8
    return bool(table.unit_ending.search(core)) or generic or name.startswith("“")


def document_conventions(text: str) -> Conventions:
    """Read document-wide conventions: the first-listed-leads rule and whether the text uses unit lists."""
    uses_lists = any(g.kind != "bare" or g.trailing for g in _groups(text, 0, len(text)))
    uses_lists = uses_lists or bool(_line_labels(text, 0, len(text), None))
    return Conventions(first_is_lead=bool(unit_labels().first_leads.search(text)), uses_lists=uses_lists)


def extract_units(
    text: str,
    start: int,
    end: int,
    conventions: Conventions,
    page_at: Callable[[int], int],
    line_starts: Callable[[int], bool] | None = None,
) -> list[UnitRecord]:
    """Units assigned by text[start:end] (one measure's own text), in printed order, one role each."""
    found: list[_Found] = []
    for group in _groups(text, start, end):
        content = text[group.start : group.end].split("。")[0]
        if group.kind == "labelled":
            found += _labelled(content, group.start, conventions)
        elif group.kind == "phrase":
            found += _phrase(content, group.start)
        elif group.kind == "tasks":
            found += _task_clauses(content, group.start)
        elif group.trailing:
            found += _listed(content, group.start, RESPONSIBLE, conventions.first_is_lead)
    found += _line_labels(text, start, end, line_starts, conventions)
    if not found and not conventions.uses_lists:
        found = _running_text(text, start, end)
    found.sort(key=lambda f: f.offset)
    return _records(found, page_at)


def _records(found: list[_Found], page_at: Callable[[int], int]) -> list[UnitRecord]:
    seen: set[str] = set()
    out: list[UnitRecord] = []
    for f in found:
        if f.name in seen:
            continue
        seen.add(f.name)
        out.append(UnitRecord(f.name, f.role, len(out) + 1, page_at(f.offset), unit_kind(f.name), f.offset))
    return out


def _groups(text: str, start: int, end: int) -> list[_Group]:
    """The parentheticals in text[start:end] that hold units, in printed order: the closed top-level groups
    and the unit clauses the PDF left unclosed (a group inside an unclosed clause is part of it)."""
    found = _unclosed(text, start, end)
    unclosed_starts = [g.start for g in found]
    for i, group_end in PARENTHESES.groups(text, start, end, window=GROUP_CHARS):
        k = bisect.bisect_right(unclosed_starts, i) - 1
        if k >= 0 and i < found[k].end:
            continue
        content = text[i + 1 : group_end - 1].split("。")[0]
        kind = _group_kind(content)
        if kind:
            before = text[i - 1] if i > start else "。"
            after = text[group_end] if group_end < end else ""
            last = group_end >= end or (after in "。；;" and group_end + 1 >= end)
            trailing = before in "。；;！" or last
            found.append(_Group(i + 1, group_end - 1, kind, trailing))
    return sorted(found, key=lambda g: g.start)


def _unclosed(text: str, start: int, end: int) -> list[_Group]:
    """Unit clauses whose closing parenthesis the PDF dropped: an opening bracket that nothing closes
    before `end`, whose text up to the next item marker (or 。) is a labelled list or role phrases with
    their time clauses (市商务局负责，2023年9月底前完成); no such clause runs past UNCLOSED_CLAUSE_CHARS."""
    found: list[_Group] = []
    unclosed = PARENTHESES.pairs(text, start, end)[1]
    breaks = [m.start() for m in _clause_breaks().finditer(text, start, end)] if unclosed else []
    for i in unclosed:
        if found and i < found[-1].end:
            continue
        k = bisect.bisect_left(breaks, i + 1)
        limit = min(end, i + 1 + UNCLOSED_CLAUSE_CHARS)
        stop = breaks[k] if k < len(breaks) and breaks[k] < limit else limit
        if stop == limit < end:
            continue
        content = text[i + 1 : stop]
        if unit_labels().label.match(content):
            found.append(_Group(i + 1, stop, "labelled", True))
        elif _role_clauses(content):
            found.append(_Group(i + 1, stop, "phrase", True))
    return found


@cache
def _clause_breaks() -> re.Pattern[str]:
    """Where an unclosed clause ends: a 。 or the start of an item marker (7.推进…, （三）…)."""
    markers = "|".join(f"(?:{numbering.pattern.pattern})" for numbering in genres().default.numbering)
    return re.compile(f"。|(?={markers})")


def _group_kind(content: str) -> str | None:
    labels = unit_labels()
    if labels.label.match(content):
        return "labelled"
    if _role_clauses(content):
        return "phrase"
    if labels.task_label.match(content):
        return "tasks"
    if "：" in content or ":" in content:
        return None
    parts = [_clean(p) for p in _split(content)]
    parts = [p for p in parts if p]
    if parts and all(len(p) <= 20 for p in parts) and not any(_NOT_A_UNIT.match(p) for p in parts):
        generic = bodies().generic_start
        unit_like = sum(looks_like_unit(p) and (len(p) >= 3 or bool(generic.match(p))) for p in parts)
        if unit_like >= max(1, (len(parts) + 1) // 2):
            return "bare"
    return None


def _task_clauses(content: str, base: int) -> list[_Found]:
    """`任务分解：X、Y等有关单位做好…；各区政府开展…`: the units each clause opens with."""
    label = unit_labels().task_label.match(content)
    out: list[_Found] = []
    offset = label.end() if label else 0
    for clause, at in _split_positions(content[offset:], "；;。"):
        at += offset
        parts = _split_positions(clause, "、，,")
        for part, part_at in parts:
            name = _clean(part)
            if looks_like_unit(name) and len(name) <= 20:
                out.append(_Found(name, _role_after(clause, part_at + len(part)), base + at + part_at))
                continue
            head = _actor_patterns()[0].match(part)
            if head and looks_like_unit(head.group("unit")):
                unit = head.group("unit")
                out.append(_Found(unit, _role_after(part, len(unit)), base + at + part_at))
            break
    return out


def _role_after(text: str, i: int) -> UnitRole:
    rest = re.sub(r"^等(?:有关|相关)?(?:单位|部门)?", "", text[i : i + 12])
    return unit_labels().role_after(rest)


def _role_clauses(content: str) -> list[tuple[str, int, re.Match[str]]]:
    """Clauses of `X牵头，Y配合` (time clauses such as 2023年底前完成 skipped), or [] if not that shape."""
    out = []
    pos = 0
    for clause in _clauses(content):
        at = content.index(clause, pos)
        pos = at + len(clause)
        m = unit_labels().role_phrase.match(clause)
        if m and _unit_like_list(m.group("units")):
            out.append((clause, at, m))
        elif not _TIME_CLAUSE.search(clause):
            return []
    return out


def _unit_like_list(s: str) -> bool:
    parts = [_clean(p) for p in _split(s)]
    return bool(parts) and all(looks_like_unit(p) for p in parts if p)


def _labelled(content: str, base: int, conventions: Conventions) -> list[_Found]:
    """Units of one or more `label：list` segments in a parenthesis or a line."""
    out: list[_Found] = []
    table = unit_labels()
    labels = list(table.label.finditer(content))
    for k, m in enumerate(labels):
        seg_end = labels[k + 1].start() if k + 1 < len(labels) else len(content)
        role = table.label_role(m.group(1))
        body = content[m.end() : seg_end]
        body = re.split(r"[，,；;](?=[^，,；;：:、（）]{1,8}[：:])", body)[0]
        if _role_clauses(body):
            out += _phrase(body, base + m.end())
        else:
            out += _listed(body, base + m.end(), role, conventions.first_is_lead and role == RESPONSIBLE)
    return out


def _phrase(content: str, base: int) -> list[_Found]:
    """`X牵头，Y配合` / `X按职责分工负责` in one parenthesis or after a label."""
    out: list[_Found] = []
    for _, at, m in _role_clauses(content):
        out += _listed(m.group("units"), base + at, unit_labels().verb_role(m.group("verb")), False)
    return out


def _listed(body: str, base: int, role: UnitRole, first_leads: bool) -> list[_Found]:
    """Split a printed list of units; drop trailing 等…, rule clauses and empty parts.

    A part ending in 等 + a description (等具有…职能的政府部门和单位) closes its ；-segment: the
    description is a catch-all, not more units, even where it holds a 、.
    """
    body = unit_labels().rule_clause.sub(lambda m: "，" * len(m.group(0)), body)
    depths = PARENTHESES.depths(body)
    note = next((m.start() for m in _NOTE.finditer(body) if depths[m.start()] == 0), None)
    body = (body[:note] if note is not None else body).replace("会同", "、、")
    semicolons = [m.start() for m in re.finditer(r"[；;]", body)]
    out: list[_Found] = []
    closed_until = -1
    for part, at in _split_positions(body):
        if at < closed_until:
            continue
        k = bisect.bisect_left(semicolons, at)
        segment_end = semicolons[k] if k < len(semicolons) else len(body)
        if _CATCH_ALL.search(part) and body.find("的", at, segment_end) >= 0:
            closed_until = segment_end
        for name, offset in _named_units(part):
            if looks_like_unit(name) or len(name) <= 12:
                unit_role = LEAD if first_leads and not out else role
                out.append(_Found(name, unit_role, base + at + offset))
    return out


def _clauses(s: str) -> list[str]:
    """Split on ，,；; outside parentheses (a role phrase per clause)."""
    return [p for p, _ in _split_positions(s, "，,；;")]


def _split(s: str) -> list[str]:
    return [p for p, _ in _split_positions(s)]


def _split_positions(s: str, separators: str = _SEPARATORS) -> list[tuple[str, int]]:
    """Split on 、，,；; outside parentheses; keep 各区、县（市）政府 whole."""
    merged: list[tuple[str, int]] = []
    for part, at in PARENTHESES.split(s, separators):
        if (
            merged
            and re.fullmatch(r"各[省市区县乡镇](?:（[^）]*）)?", merged[-1][0])
            and re.match(r"[省市区县乡镇](?:（|\(|(?:人民)?政府)", part)
        ):
            merged[-1] = (merged[-1][0] + "、" + part, merged[-1][1])
        else:
            merged.append((part, at))
    return [(p, at) for p, at in merged if p.strip("。.：: ")]


def _clean(part: str) -> str:
    """A list part as one name: the first unit it names (see _named_units), "" when it names none."""
    units = _named_units(part)
    return units[0][0] if units else ""


def _named_units(part: str) -> list[tuple[str, int]]:
    """The units one list part names, each with its offset in the part: the part without edge punctuation,
    a trailing role verb (按职责分工负责) or a trailing 等 / 等部门, split where a joiner of unit_labels.toml
    joins units (市商务局等市直有关部门及各区县人民政府: three units)."""
    name = part.strip(_EDGES)
    at = part.find(name) if name else 0
    name = _NOTE_IN_PARENS.sub("", name) or name
    name = unit_labels().trailing_verb.sub("", name) or name
    units = [(unit.strip(_EDGES), at + offset) for unit, offset in _etc_joined(name)]
    return [(unit, offset) for unit, offset in units if unit]


def _etc_joined(name: str) -> list[tuple[str, int]]:
    """A named unit closed by 等, then the generic set it belongs to (市商务局等市直有关部门: two), which a
    bare 等部门 or a description (等具有…职能的部门) is not; a name that does not end like a body before 等
    is one unit, less a trailing 等."""
    joiner = unit_labels().etc_joiner
    depths = PARENTHESES.depths(name)
    etc = next((m for m in joiner.finditer(name, 2) if depths[m.start()] == 0), None)
    if etc and bodies().unit_ending.search(name[: etc.start()]):
        after = [(unit, etc.end() + offset) for unit, offset in _and_joined(name[etc.end() :])]
        if after and not _generic_set(after[0][0]):
            after = after[1:]
        return _and_joined(name[: etc.start()]) + after
    last = next((m for m in joiner.finditer(name, 1) if m.end() == len(name)), None)
    return _and_joined(name[: last.start()] if last else name)


def _and_joined(name: str) -> list[tuple[str, int]]:
    """Split at each top-level 及 (unit_labels.toml's `and` joiners) whose left part ends like a body and
    whose right part names a body of its own: 市直有关部门及各区县人民政府 is two units, 相关政府部门及单位 and
    商务及经济发展局 one each."""
    table = bodies()
    out: list[tuple[str, int]] = []
    start = 0
    depths = PARENTHESES.depths(name)
    for m in unit_labels().and_joiner.finditer(name):
        if depths[m.start()] or not 2 <= m.start() - start <= UNIT_CHARS or len(name) - m.end() > UNIT_CHARS:
            continue  # inside brackets, or a side too long to be a unit's name
        left, right = name[start : m.start()], name[m.end() :]
        if (
            looks_like_unit(left)
            and looks_like_unit(right)
            and (len(right) >= 3 or bool(table.generic_start.match(right)))
        ):
            out.append((left, start))
            start = m.end()
    out.append((name[start:], start))
    return out


def _generic_set(name: str) -> bool:
    """A set of bodies named by a qualifier (市直有关部门, 相关单位), not a bare noun (部门) or a description."""
    return unit_kind(name) == "generic" and looks_like_unit(name) and "的" not in name


def _line_labels(
    text: str,
    start: int,
    end: int,
    line_starts: Callable[[int], bool] | None,
    conventions: Conventions | None = None,
) -> list[_Found]:
    """`牵头单位：X责任单位：Y` outside parentheses: from a label at a line start (or after 。；) up to
    the first 。, an unbalanced closing parenthesis, or an enumeration (二是…)."""
    out: list[_Found] = []
    consumed = start
    first = bool(conventions and conventions.first_is_lead)
    for m in unit_labels().label.finditer(text, start, end):
        if m.start() < consumed or (m.start() > 0 and text[m.start() - 1] in PARENTHESES.opening):
            continue
        at_line_start = line_starts(m.start()) if line_starts is not None else False
        if not at_line_start and (m.start() == 0 or text[m.start() - 1] not in "。；;"):
            continue
        stop = PARENTHESES.list_end(text, m.end(), end, "。")
        seg = re.split(r"[一二三四五六七八九十]是", text[m.start() : stop])[0]
        out += _labelled(seg, m.start(), Conventions(first, True))
        consumed = stop
    return out


def _running_text(text: str, start: int, end: int) -> list[_Found]:
    """Units named as the actor of a clause (X负责…, 由X牵头…, X要…)."""
    out: list[_Found] = []
    span = text[start:end]
    hits = [
        (m.start("unit"), m.group("unit")) for pattern in _actor_patterns() for m in pattern.finditer(span)
    ]
    for at, raw in sorted(hits):
        name = re.sub(r"^【[^】]*】", "", raw.rsplit("的", 1)[-1])
        at += len(raw) - len(name)
        if not looks_like_unit(name) or len(name) < 2 or _VERB_FIRST.search(name):
            continue
        rest = span[at + len(name) : at + len(name) + 8]
        role = unit_labels().role_after(rest)
        out.append(_Found(name, role, start + at))
    return out
