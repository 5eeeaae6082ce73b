"""Chinese dates as printed (2023年6月13日) to ISO strings."""

from __future__ import annotations

import re
from datetime import date

CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
CN_NUMERALS = {
    "零": 0,
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
    """The first valid `YYYY年M月D日` in `text` as ISO, or None."""
    for match in CN_DATE.finditer(text):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
        except ValueError:
            continue
    return None


def small_number(text: str) -> int | None:
    """An Arabic or Chinese number up to 99 (五, 十二, 3) as int."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_NUMERALS.get(tens, 1) * 10 + CN_NUMERALS.get(ones, 0)
    return CN_NUMERALS.get(text)
