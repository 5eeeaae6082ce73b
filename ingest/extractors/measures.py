"""Measures of a notice: the numbered items of its operative body, as a hierarchy, with their units.

Numbered items start a printed line: 一、 / （一） / 1. 1、 1． / （1） / ① / 第一条, under optional
第一章 / 第一节 / 第一部分. The first style met nests outermost (styles nest in order of appearance).
A number is accepted only where it continues its sequence (the next sibling, a first child numbered 1,
or the next number of a numbering that runs on across sections), so a wrapped line that happens to
begin with 二、 is not taken for an item. Articles (第X条) are terminal: enumerations inside are text.

The cover notice of 关于印发《X》的通知 is skipped: the body starts where the attached plan's title is
printed at a line start. Items under non-action headings (指导思想, 工作目标, 基本原则 …) are dropped
unless they carry their own unit list. A measure's `no` is its number, prefixed by its ancestors'
numbers while its numbering restarts per section (二/1), as the answer key writes it.

The numbering styles, non-action headings and body-ending lines are the genre's (ingest/data/genres.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.extractors.header import own_title, subject_title
from ingest.extractors.units import document_conventions, extract_units, looks_like_unit
from ingest.lexicon.bodies import bodies
from ingest.lexicon.dates import small_number
from ingest.lexicon.genres import genres
from ingest.lexicon.unit_labels import unit_labels
from ingest.model import DocumentText
from ingest.records import Conventions, MeasureRecord


@dataclass
class _Item:
    style: str
    number: str
    value: int
    label: str
    start: int
    content: int
    parent: _Item | None
    end: int = 0
    children: list[_Item] = field(default_factory=list)

    def chain(self) -> list[_Item]:
        return [*self.parent.chain(), self] if self.parent else [self]


def cn_number(text: str) -> int:
    """Value of an item number: Arabic, circled (①) or Chinese up to the hundreds (一 … 一百零七); 0 if none."""
    circled = genres().circled
    if text in circled:
        return circled.index(text) + 1
    return small_number(text) or 0


def extract_measures(doc: DocumentText, conventions: Conventions) -> list[MeasureRecord]:
    """The measures of one notice, outermost first in printed order: number, path, heading, text and span.

    Which items are measures depends on the units they assign (a non-action subtree that assigns units is
    kept; sub-items whose only unit list closes the last of them fold into their parent), so the unit reader
    is consulted here; the units themselves are assigned by the measure stages of ingest.pipeline.
    """
    text = doc.text
    items = _parse_items(doc, body_start(doc))
    if not items:
        return []
    width = line_width(doc)
    restarting = _restarting_styles(items)
    kept = _fold_unassigned_children(_drop_non_action(items, doc, conventions), doc, conventions)
    records: list[MeasureRecord] = []
    seen_paths: set[str] = set()
    nos = _answer_key_nos(kept, restarting)
    paths: dict[int, str] = {}
    for item in kept:
        path = _unique("/".join(i.label for i in item.chain()), seen_paths)
        paths[id(item)] = path
        own_end = item.children[0].start if item.children else item.end
        end = _subtree_end(item)
        records.append(
            MeasureRecord(
                number=item.number,
                path=path,
                no=nos[id(item)],
                heading=heading_of(doc, item.content, own_end, width),
                text=text[item.start : own_end],
                page_start=doc.page_at(item.start),
                page_end=doc.page_at(max(item.start, end - 1)),
                char_start=item.start,
                char_end=own_end,
                parent_path=paths.get(id(item.parent)) if item.parent else None,
                leaf=not item.children,
                content_start=item.content,
            )
        )
    return records


def body_conventions(doc: DocumentText) -> Conventions:
    """The unit-list conventions of the operative body (from the attached plan's title on)."""
    return document_conventions(doc.text[body_start(doc) :])


def body_start(doc: DocumentText) -> int:
    """Offset where the operative body begins: the attached plan's title line, else after the heading.

    The title line starts with the subject title of 关于印发《X》的通知 (its first 16 characters), possibly
    after the issuer's name (漳州市科学技术局X); failing that, with its first 10 characters.
    """
    if doc.heading_line_count:
        heading_end = (
            doc.line_offsets[doc.heading_line_count] if doc.heading_line_count < len(doc.lines) else 0
        )
        heading = doc.text[:heading_end] if heading_end else doc.text[:200]
    else:
        heading, heading_end = own_title(doc)
    subject = subject_title(re.sub(r"[（(]\d{4}年[^）)]*[）)]$", "", heading)) if heading else None
    if not subject:
        return heading_end
    plain_subject = _plain(subject)
    bounds = [*doc.line_offsets[1:], len(doc.text)]
    lines = [(o, e) for o, e in zip(doc.line_offsets, bounds, strict=True) if o > heading_end]
    for offset, line_end in lines:
        raw = doc.text[offset : offset + 60]
        at = _plain(raw).find(plain_subject[:16])
        if 0 <= at < min(17, len(_plain(doc.text[offset:line_end]))) and _issuer_like(raw, at):
            return offset
    for offset, _ in lines:
        if doc.text[offset] != "《" and _plain(doc.text[offset : offset + 40]).startswith(plain_subject[:10]):
            return offset
    return heading_end


def _issuer_like(raw: str, at: int) -> bool:
    """The words printed before a title on its line: nothing, a body's name (…局, …委员会, …人民政府) or a
    place of a level (浙江省, 杭州市)."""
    if raw[:1] == "《":
        return False
    kept = [i for i, ch in enumerate(raw) if _plain(ch)]
    prefix = raw[: kept[at]] if at < len(kept) else raw
    return not prefix or (
        not re.search(r"[，。、：；,:;《]", prefix)
        and (bool(bodies().unit_ending.search(prefix)) or prefix.endswith(bodies().level_prefixes))
    )


def _plain(s: str) -> str:
    return re.sub(r"[《》〈〉<>“”\"]", "", s)


def _parse_items(doc: DocumentText, start: int) -> list[_Item]:
    """Accepted numbered items after `start`, in printed order, linked to their parents."""
    text = doc.text
    items: list[_Item] = []
    stack: list[_Item] = []
    last_value: dict[str, int] = {}
    stops: list[int] = []
    attachment_list = False
    bounds = [*doc.line_offsets, len(text)]
    for k, offset in enumerate(doc.line_offsets):
        if offset < start:
            continue
        line = text[offset : bounds[k + 1]]
        if genres().default.ends_body(line):
            stops.append(offset)
            stack, last_value, attachment_list = [], {}, True
            continue
        marker = _marker(line)
        if marker is None:
            attachment_list = False
            continue
        if attachment_list and "。" not in line and len(line) < 45:
            continue
        attachment_list = False
        item = _place(stack, last_value, marker, offset, text[max(0, offset - 2) : offset])
        if item is not None:
            items.append(item)
    _set_ends(items, stops, len(text))
    return items


def _marker(line: str) -> tuple[str, str, int] | None:
    """(style, number, length of the marker) of a numbered line (the genre's numbering styles), else None."""
    for numbering in genres().default.numbering:
        m = numbering.pattern.match(line)
        if m:
            return (numbering.style, m.group(1), m.end())
    return None


def _place(
    stack: list[_Item], last_value: dict[str, int], marker: tuple[str, str, int], start: int, text_before: str
) -> _Item | None:
    """Put a numbered line into the hierarchy if its number continues a sequence, else None.

    Items of a terminal style (第X条) hold no items; enumerations introduced by a colon (内容为：（1）…（2）…)
    are text of their item, not items.
    """
    style, number, length = marker
    numbering = genres().default.style(style)
    value = cn_number(number)
    styles = [i.style for i in stack]
    if style in styles:
        depth = styles.index(style)
        if value != stack[depth].value + 1 and value != last_value.get(style, -9) + 1:
            return None
        parent = stack[depth - 1] if depth else None
        del stack[depth:]
    else:
        if stack and genres().default.style(stack[-1].style).terminal:
            return None
        if numbering.not_after_colon and text_before.endswith(("：", ":")):
            return None
        if value != 1 and value != last_value.get(style, -9) + 1:
            return None
        parent = stack[-1] if stack else None
    item = _Item(style, number, value, numbering.label.format(n=number), start, start + length, parent)
    if parent:
        parent.children.append(item)
    stack.append(item)
    last_value[style] = value
    return item


def _set_ends(items: list[_Item], stops: list[int], text_end: int) -> None:
    """Each item's own span ends where the next item (any level) or a terminator line starts."""
    for k, item in enumerate(items):
        nxt = items[k + 1].start if k + 1 < len(items) else text_end
        item.end = min([nxt, *(s for s in stops if s > item.start)])


def _restarting_styles(items: list[_Item]) -> set[str]:
    """Styles whose numbering starts again at 1 somewhere (numbering restarts per section)."""
    ones: dict[str, int] = {}
    for item in items:
        if item.value == 1:
            ones[item.style] = ones.get(item.style, 0) + 1
    return {style for style, count in ones.items() if count > 1}


def _answer_key_nos(items: list[_Item], restarting: set[str]) -> dict[int, str]:
    """The answer key's `no` of every item: its number, prefixed by its ancestors' numbers while its
    numbering restarts per section (二/1), or while leaves of two styles would share a number."""
    nos = {id(item): _prefixed(item, restarting) for item in items}
    styles_by_no: dict[str, set[str]] = {}
    for item in items:
        if not item.children:
            styles_by_no.setdefault(nos[id(item)], set()).add(item.style)
    clashing = {style for styles in styles_by_no.values() if len(styles) > 1 for style in styles}
    if clashing - restarting:
        return _answer_key_nos(items, restarting | clashing)
    return nos


def _prefixed(item: _Item, restarting: set[str]) -> str:
    parts = [item.number]
    node = item
    while node.style in restarting and node.parent is not None:
        node = node.parent
        parts.insert(0, node.number)
    return "/".join(parts)


def _subtree_end(item: _Item) -> int:
    return _subtree_end(item.children[-1]) if item.children else item.end


def _drop_non_action(items: list[_Item], doc: DocumentText, conventions: Conventions) -> list[_Item]:
    """Items outside non-action subtrees (指导思想, 工作目标 …); a subtree that assigns units is kept."""
    dropped: set[int] = set()
    for item in items:
        if item.parent is not None and id(item.parent) in dropped:
            dropped.add(id(item))
        elif genres().default.non_action.match(doc.text[item.content : item.content + 12]):
            end = _subtree_end(item)
            listed = Conventions(conventions.first_is_lead, uses_lists=True)
            if not extract_units(doc.text, item.content, end, listed, doc.page_at, doc.starts_line):
                dropped.add(id(item))
    kept = [item for item in items if id(item) not in dropped]
    for item in kept:
        item.children = [c for c in item.children if id(c) not in dropped]
    return kept


def _fold_unassigned_children(items: list[_Item], doc: DocumentText, conventions: Conventions) -> list[_Item]:
    """Sub-items whose only unit list closes the last of them: the list is the parent's, so the parent
    is the finest level that carries responsibility and the sub-items are its text."""
    if not conventions.uses_lists:
        return items
    folded: set[int] = set()

    def assigns(start: int, end: int) -> bool:
        return bool(extract_units(doc.text, start, end, conventions, doc.page_at, doc.starts_line))

    for item in items:
        kids = item.children
        if len(kids) < 2 or any(k.children for k in kids) or assigns(item.content, kids[0].start):
            continue
        if assigns(kids[-1].content, kids[-1].end) and not any(assigns(k.content, k.end) for k in kids[:-1]):
            folded |= {id(k) for k in kids}
            item.end = kids[-1].end
            item.children = []
    return [item for item in items if id(item) not in folded]


def heading_of(doc: DocumentText, start: int, end: int, width: int) -> str:
    """The item's heading: its first line when that line is a short title, else up to the first 。."""
    text = doc.text
    line_end = end
    k = doc.line_index_at(start)
    if k + 1 < len(doc.line_offsets):
        line_end = min(end, doc.line_offsets[k + 1])
    first_line = text[start:line_end]
    stop = text.find("。", start, end)
    if "。" not in first_line and line_end < end and len(first_line) < 0.8 * width:
        head = first_line
    elif 0 <= stop - start <= 80:
        head = text[start:stop]
    else:
        head = text[start : min(end, start + 20)]
    head = unit_labels().labelled_tail.sub("", head)
    listed = re.search(r"[（(]([^（）()]+)[）)]$", head)
    if listed and all(looks_like_unit(p) for p in re.split(r"[、，,]", listed.group(1)) if p):
        head = head[: listed.start()]
    return head.rstrip("。；，")


def line_width(doc: DocumentText) -> int:
    """The printed line width of the notice (90th percentile of line lengths): shorter lines end a paragraph."""
    lengths = sorted(len(line.text) for line in doc.lines)
    return lengths[len(lengths) * 9 // 10] if lengths else 40


def _unique(path: str, seen: set[str]) -> str:
    candidate, n = path, 1
    while candidate in seen:
        n += 1
        candidate = f"{path}~{n}"
    seen.add(candidate)
    return candidate
