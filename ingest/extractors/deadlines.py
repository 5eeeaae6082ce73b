"""Completion deadlines in a measure's text (2023年底前, 6月底前完成, 到2025年, 第三季度末) as end-of-period dates.

Rules (written for the genre, not for one notice):
- A printed date is a deadline only when the text anchors it as one: it ends in 前/以前/之前 (2023年6月15日前),
  it follows 到/至 (到2025年, 至2023年底), it is followed by a completion verb (2023年9月底完成), or it
  follows a time-limit label (时限要求：6月底).
- The date is the END of the period printed: 2023年底 → 2023-12-31 (year), 6月底 → the last day of June of
  `default_year` (month), 第三季度 → 09-30 (quarter), 上半年 → 06-30 (quarter: a half-year ends on a
  quarter end), 2023年6月15日前 → that day (day). A year or month without its year needs `default_year`.
- Not deadlines: policy periods (政策延续至2023年底, 执行期限至…, 有效期至…, 最长可延至…, a range 自…至…),
  windows for a benefit (可在2023年12月31日前…, 3月31日前继续…), statistics as of a date (截至2022年底),
  dates before `default_year`, 持续推进, 年内.
- Recurring schedules (每季度, 每月5日前, 每年8月) give NO deadline: they have no end date to put on a
  Deadline node, and the answer key does not count them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from ingest.lexicon.dates import small_number
from ingest.lexicon.genres import genres
from ingest.records import DeadlineRecord, Granularity

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = r"(?P<year>\d{4}|[〇零一二三四五六七八九]{4}|今|明)年"
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_PERIOD = (
    rf"(?:{_YEAR})?(?:"
    rf"(?P<month>{_NUM})月(?:(?P<day>{_NUM})[日号]|(?P<mend>底|末|份))?"
    r"|第?(?P<quarter>[一二三四1-4])季度(?P<qend>末|底)?"
    r"|(?P<half>上|下)半年(?P<hend>末|底)?"
    r"|年?(?<=年)(?P<yend>底|末)"
    r")?"
)
_DEADLINE = re.compile(
    # Lookahead: only where a date could start, so the all-optional pattern is not tried at every character.
    r"(?=(?:时限要求|完成时限|完成时间|时间节点|时间要求)?[：:]?(?:到|至)?(?:\d|[〇零一二三四五六七八九十今明第上下]|年[底末]))"
    rf"(?P<label>(?:时限要求|完成时限|完成时间|时间节点|时间要求)[：:])?"
    rf"(?P<lead>到|至)?"
    rf"(?P<when>{_PERIOD})"
    r"(?P<before>以前|之前|前)?"
)
# The first of listed dates shares the anchor of the last: 于6月15日、12月15日前. The text after a date is
# read AFTER_CHARS far (a list of some twenty dates).
AFTER_CHARS = 200
_LISTED_BEFORE = re.compile(r"^(?:、\d{1,2}月(?:\d{1,2}[日号]|底|末)?)+(?:以前|之前|前)")
_COMPLETION = re.compile(r"^(?:完成|建成|实现|出台|上线|完工|投用|投入使用|落地|全覆盖)")
# Words just before the date that make it a policy period, a window, or a statistic, not a completion time.
_NOT_BEFORE = re.compile(
    r"(?:延续|延长|延期|顺延|延|期限|有效期|截至|截止|执行|实施|可在|可于|允许在|起)(?:到|至)?$"
)
_NOT_AFTER = re.compile(r"^(?:继续|仍|暂|可|止|起|以来|的基础)")
# A time limit counted from the notice's own publication (the genre's publication phrase): 于本工作要点
# 发布后20个工作日内.
_TIME_LIMIT = (
    r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})(?P<unit>个工作日|工作日|日|天|个月|周)(?:以内|之内|内)"
)
_RECURRING = re.compile(r"每(?:年|半年|季度|月|周)?$")


def _number(text: str | None) -> int | None:
    return None if text is None else small_number(text)


def _year(text: str | None, default_year: int | None) -> int | None:
    if text is None or text == "今":
        return default_year
    if text == "明":
        return None if default_year is None else default_year + 1
    return int(text.translate(_CN_DIGITS))


def _end_of(m: re.Match[str], default_year: int | None) -> tuple[date, Granularity] | None:
    """The last day of the period a match prints, with its granularity; None when it cannot be dated."""
    year = _year(m.group("year"), default_year)
    if year is None:
        return None
    month, day = _number(m.group("month")), _number(m.group("day"))
    quarter = m.group("quarter")
    try:
        if month is not None and day is not None:
            return date(year, month, day), "day"
        if month is not None:
            return date(year, month, calendar.monthrange(year, month)[1]), "month"
    except ValueError:
        return None
    if quarter is not None:
        q = small_number(quarter) or 0
        last = 3 * q
        return date(year, last, calendar.monthrange(year, last)[1]), "quarter"
    if m.group("half") is not None:
        return (date(year, 6, 30) if m.group("half") == "上" else date(year, 12, 31)), "quarter"
    return date(year, 12, 31), "year"


def _anchored(m: re.Match[str], after: str) -> bool:
    """True when the text marks the date as a time by which something must be done."""
    if m.group("label") or m.group("before") or _LISTED_BEFORE.match(after):
        return True
    if m.group("lead"):
        return True
    has_month_or_period = any(
        m.group(g) for g in ("month", "quarter", "half", "yend", "mend", "qend", "hend")
    )
    return has_month_or_period and bool(_COMPLETION.match(after))


def _add(start: date, n: int, unit: str) -> date:
    """`start` plus n working days (Monday-Friday; holidays are not known), days, weeks or months."""
    if unit in ("个工作日", "工作日"):
        day = start
        while n > 0:
            day += timedelta(days=1)
            n -= day.weekday() < 5
        return day
    if unit == "个月":
        months = start.month - 1 + n
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return start + timedelta(days=7 * n if unit == "周" else n)


@cache
def _relative_pattern() -> re.Pattern[str]:
    return re.compile(genres().default.publication.pattern + _TIME_LIMIT)


def _relative(text: str, issue_date: str) -> list[DeadlineRecord]:
    """Time limits counted from the notice's publication, dated from `issue_date`."""
    out = []
    for m in _relative_pattern().finditer(text):
        n = small_number(m.group("n"))
        if n:
            end = _add(date.fromisoformat(issue_date), n, m.group("unit"))
            out.append(DeadlineRecord(end.isoformat(), "day", "complete_by", m.group(), m.start()))
    return out


def extract_deadlines(
    text: str, *, default_year: int | None, issue_date: str | None = None
) -> list[DeadlineRecord]:
    """Completion deadlines printed in `text` (a measure's normalised text), in printed order.

    `default_year` dates a month or period printed without its year (6月底前 → that year's 06-30) and
    drops dates before it (a statistic, not a deadline); None keeps only fully dated deadlines.
    `issue_date` (ISO) dates time limits counted from the notice's publication (本方案印发后30日内);
    without it they are skipped.
    """
    found: list[DeadlineRecord] = _relative(text, issue_date) if issue_date else []
    for m in _DEADLINE.finditer(text):
        when = m.group("when")
        if not when:
            continue
        if m.group("year") and not any(m.group(g) for g in ("month", "quarter", "half", "yend")):
            # A bare year is a deadline only after 到/至 or before 前 (到2025年, 2025年前).
            if not (m.group("lead") or m.group("before") or m.group("label")):
                continue
        start = m.start("lead") if m.group("lead") else m.start("when")
        before_text, after = text[max(0, start - 14) : start], text[m.end() : m.end() + AFTER_CHARS]
        if _NOT_BEFORE.search(before_text) or _NOT_AFTER.match(after) or _RECURRING.search(before_text):
            continue
        if m.group("lead") and m.start() > 0 and text[m.start() - 1] in "日月年底末":
            continue  # the second half of a range: 2023年6月25日至7月24日
        if not _anchored(m, after):
            continue
        end = _end_of(m, default_year)
        if end is None or (default_year is not None and end[0].year < default_year):
            continue
        as_printed = text[start : m.end()]
        found.append(DeadlineRecord(end[0].isoformat(), end[1], "complete_by", as_printed, start))
    return sorted(found, key=lambda d: d.offset)
