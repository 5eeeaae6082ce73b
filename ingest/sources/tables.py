"""Tables of a notice (Word or web page) as text lines the measure and unit stages read.

A task table (序号 | 任务 | 责任单位 …, recognised by a unit column in a header row among its first
HEADER_ROWS rows; rows above it, a table title, are lines of their own) gives one line per
row, `1.任务（完成时限：…）（责任单位：X、Y）`: the number column as an item number, the task, each other
column as `（header：value）`, and the unit columns as one labelled list (`牵头单位：X，配合单位：Y`; a
bare 单位 or 部门 column is 责任单位), the shape `ingest.extractors.units` reads. A row holding one text
across the table (a merged heading row) is that text. Other tables give one line per row, cells joined by
a space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.model import squeeze

Row = Sequence[str]  # a table row: each cell's text, its own line breaks kept as "\n"

HEADER_ROWS = 3
_NUMBER = re.compile(r"^(?:序号|编号|序列|项次)$")
_UNIT = re.compile(
    r"^(?:(?:主要)?(?:牵头|主责|责任|配合|协同|协办|协助|参与|实施|承办|落实)(?:责任)?)?(?:单位|部门|处室|科室|机构)$"
)
_TASK = re.compile(r"任务|措施|内容|事项|举措|工作")
_DIGITS = re.compile(r"^\d{1,3}$")
_CN_NUMBER = re.compile(r"^[一二三四五六七八九十百]+$")
_UNIT_SEPARATORS = re.compile(r"\s*\n\s*")


def table_lines(rows: Sequence[Row]) -> list[str]:
    """The lines of one table (rows of cell texts, the header row first)."""
    rows = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    at = next(
        (i for i, row in enumerate(rows[:HEADER_ROWS]) if any(_UNIT.match(squeeze(c)) for c in row)), None
    )
    if at is None:
        return [_plain(row) for row in rows]
    header = [squeeze(cell) for cell in rows[at]]
    units = [i for i, name in enumerate(header) if _UNIT.match(name)]
    numbers = [i for i, name in enumerate(header) if _NUMBER.match(name)]
    rest = [i for i in range(len(header)) if i not in units and i not in numbers]
    task = next((i for i in rest if _TASK.search(header[i])), rest[0] if rest else None)
    lines = [_plain(row) for row in rows[:at]]
    for row in rows[at + 1 :]:
        cells = _distinct(row)
        if len(cells) == 1:
            lines.append(_flat(cells[0]))
            continue
        cell = dict(enumerate(row))
        number = _item_number(cell.get(numbers[0], "")) if numbers else ""
        text = _flat(cell.get(task, "")) if task is not None else ""
        extras = "".join(f"（{header[i]}：{_flat(cell[i])}）" for i in rest if i != task and cell.get(i))
        labelled = "，".join(
            f"{_label(header[i])}：{_UNIT_SEPARATORS.sub('、', cell[i])}" for i in units if cell.get(i)
        )
        lines.append(number + text + extras + (f"（{labelled}）" if labelled else ""))
    return lines


def _plain(row: Sequence[str]) -> str:
    return " ".join(_flat(cell) for cell in _distinct(row))


def _distinct(row: Sequence[str]) -> list[str]:
    """The row's non-empty cells, a cell repeated by a horizontal merge counted once."""
    out: list[str] = []
    for cell in row:
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return out


def _flat(cell: str) -> str:
    """A cell's text on one line: its line breaks are wrapping, as in a PDF."""
    return "".join(part.strip() for part in cell.splitlines())


def _item_number(cell: str) -> str:
    """The row's number as the item number it prints as: 1 -> `1.`, 一 -> `一、`, （一） as it is."""
    number = squeeze(cell)
    if _DIGITS.match(number):
        return number + "."
    if _CN_NUMBER.match(number):
        return number + "、"
    return number


def _label(header: str) -> str:
    """The unit label a column prints: its header, a bare 单位/部门 as 责任单位."""
    return "责任单位" if header in ("单位", "部门") else header
