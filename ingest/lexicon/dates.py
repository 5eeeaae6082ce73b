"""Chinese dates as printed (2023年6月13日) to ISO strings."""

from __future__ import annotations

import re
from datetime import date

_YEAR = r"\d{4}|[〇○零一二三四五六七八九]{4}"
_MONTH_DAY = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE_TEXT = rf"(?:{_YEAR})年(?:{_MONTH_DAY})月(?:{_MONTH_DAY})日"
CN_DATE = re.compile(rf"({_YEAR})年({_MONTH_DAY})月({_MONTH_DAY})日")
CN_NUMERALS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def iso_date(text: str) -> str | None:
    """The first valid `YYYY年M月D日` (Arabic or Chinese numerals: 二〇二三年六月十三日) in `text` as ISO, or None."""
    for match in CN_DATE.finditer(text):
        year = match.group(1)
        year_number = int(year) if year.isdigit() else int("".join(str(CN_NUMERALS[c]) for c in year))
        month, day = small_number(match.group(2)), small_number(match.group(3))
        if month is None or day is None:
            continue
        try:
            return date(year_number, month, day).isoformat()
        except ValueError:
            continue
    return None


def small_number(text: str) -> int | None:
    """An Arabic or Chinese number below a thousand (五, 十二, 一百零七, 3) as int; None if it is not one."""
    if text.isdecimal():
        return int(text)
    if not text or any(ch not in CN_NUMERALS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            current = CN_NUMERALS[ch]
    return total + current
