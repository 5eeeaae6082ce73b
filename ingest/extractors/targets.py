"""Quantitative commitments in a measure's text (压缩至3个工作日内, 达到70%以上, 不低于1万家) as Target records.

Rule (for the genre): a number with a unit is a target when the text commits to it, i.e. a comparator
stands right before it (不低于, 达到, 压缩至, 最多, 增长 …) or right after it (以上, 以内, 内), or a time limit
is followed by its action (90分钟办结, 1分钟响应), or a percentage names its rate (90%解决率). Not targets:
dates, article and document numbers, codes, ranges (30%—50%), caps and benefit parameters (最高不超过1000万元,
按投资额70%抵扣, subsidies, rebates), eligibility thresholds (1000万元以上的项目), legal conditions
(不得低于50%), baselines (在…52个工作日基础上). Values fold 万/亿 into the number (1万家 → 10000 家).
A target's `text` is the printed clause that holds the metric and the number (whitespace removed).
The comparator words, negations, conditions and caps are ingest/data/target_comparators.toml.

Time is linear in the text: a number is matched only from the start of its run of digits, with possessive
quantifiers (a table's figures fuse into one run once the normaliser joins its lines), and a clause is read
at most _REACH characters either side of its number.
"""

from __future__ import annotations

import re

from ingest.lexicon.comparators import target_comparators
from ingest.lexicon.dates import small_number
from ingest.lexicon.genres import genres
from ingest.records import Comparator, TargetRecord

_TIME_UNITS = ("个工作日", "工作日", "个月", "个小时", "小时", "分钟", "天", "日")
_UNITS = (
    "个百分点",
    "百分点",
    *_TIME_UNITS,
    "美元",
    "元",
    "%",
    "％",
    "家",
    "人次",
    "户",
    "项",
    "件",
    "次",
    "个",
    "倍",
    "所",
    "座",
    "名",
    "人",
)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
_QUANTITY = re.compile(
    rf"(?<!\d)(?P<num>\d++(?:\.\d++)?)(?P<mult>万亿|亿|万|千)?(?P<unit>{_UNIT})"
    rf"|(?P<cn>[一二两三四五六七八九十]{{1,3}})(?P<cnunit>{'|'.join(_TIME_UNITS)})"
)
_MULTIPLIERS = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}

_MONEY = ("元", "美元")
_TIME_ACTION = re.compile(r"^(?:内)?(?:办结|办完|完成|响应|出件|出证|到账|审结|作出|答复|反馈|办理)")
_RATE = re.compile(r"^[\u4e00-\u9fff]{1,6}率")
_CIRCLE = re.compile(r"^[^，；。]{0,12}圈")

# Context that makes a number a parameter, a condition or a baseline rather than a commitment.
_BENEFIT = re.compile(r"补贴|补助|奖励|奖补|资助|贴息|抵扣|减免|减征|免征|扣除|返还|退还|暂退|一次性|优惠")
_RATE_OF = re.compile(r"按(?:照)?[^，；。]{0,12}$")
_RATE_OF_THING = re.compile(r"^[\u4e00-\u9fff]{1,6}率的")
_BASELINE = re.compile(r"基础上")
_MASK = re.compile(
    r"\d{4}年|\d{1,2}月\d{1,2}[日号]|\d{1,2}月|第[\d一二三四五六七八九十百]++[条章节款项批号]|〔\d{4}〕\d++号|"
    r"(?<!\d)(?:\d++天?[×xX*]\d++|\d++(?:\.\d++)?[%％]?(?:[-—–~～]|至)\d++(?:\.\d++)?|\d++（\d++）)"
)
_NUMBERING = re.compile(
    r"\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
)
_CLAUSE_END = "，,；;。：:！？"
_REACH = 150  # the longest clause side a target is read from (the sample's longest is 91)
_LEAD_WORDS = re.compile(
    r"^(?:(?:到|至|截至)?\d{4}年(?:度|底|末)?|并且|并|且|同时|和|及|将|在|推动|推进|实现|确保|力争|争取|全面|进一步|优化|巩固|打造|提升|提高|“|”)+"
)
_TAIL_WORDS = re.compile(r"(?:应当在|应当|须在|要在|在|至|到|为|实现|力争)+$")


def _masked(text: str) -> str:
    """`text` with dates, article/document numbers, codes and ranges blanked out (same length)."""
    return _MASK.sub(lambda m: "＃" * len(m.group()), text)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from the last punctuation (or unit-list parenthesis) to the next,
    at most _REACH characters either side (a table's figures fuse into one long unpunctuated run)."""
    low, high = max(0, start - _REACH), min(len(text), end + _REACH)
    left = max([low - 1, *(text.rfind(c, low, start) for c in _CLAUSE_END)]) + 1
    close = text.rfind("）", left, start)
    if close >= 0 and close - text.rfind("（", left, close) > 5:
        left = close + 1
    return left, min([high, *(i for i in (text.find(c, end, high) for c in _CLAUSE_END) if i >= 0)])


def _comparator(before: str, after: str, unit: str) -> Comparator | None:
    """The comparator the text commits to (the comparator table's words), or None when the number is not a
    commitment."""
    table = target_comparators()
    word = table.word_before(before)
    if word:
        return word[1]
    if unit in _MONEY:
        return None  # an amount without a committing word is a threshold or a parameter
    after_word = table.word_after(after)
    if after_word:
        return after_word
    if unit in _TIME_UNITS and (_TIME_ACTION.match(after) or _CIRCLE.match(after)):
        return "<="
    if unit in ("%", "％") and _RATE.match(after):
        return ">="
    return None


def _excluded(clause_before: str, after: str, has_before_word: bool) -> bool:
    if clause_before.startswith("对") or after.endswith("的"):
        return True  # a condition: 对…的企业, …超过5万美元的
    table = target_comparators()
    if (
        table.cap.search(clause_before[-6:])
        or table.condition.search(clause_before)
        or _BASELINE.search(after)
    ):
        return True
    if genres().default.publication.search(clause_before):
        return True  # a deadline counted from the notice's publication, not a target
    if _BENEFIT.search(clause_before) or _BENEFIT.search(after) or _RATE_OF.search(clause_before):
        return True
    if after.startswith("的") or _RATE_OF_THING.match(after):
        return True  # attributive: 超过400万元的项目, 3%预征率的项目
    return not has_before_word and after.startswith("的", _after_word_end(after))


def _after_word_end(after: str) -> int:
    """Where the after-row word `after` starts with ends (0 when there is none)."""
    word = target_comparators().after_word.match(after)
    return word.end() if word else 0


def _value(m: re.Match[str]) -> tuple[float, str] | None:
    if m.group("cn"):
        n = small_number(m.group("cn"))
        return (float(n), m.group("cnunit")) if n is not None else None
    value = float(m.group("num")) * _MULTIPLIERS.get(m.group("mult") or "", 1.0)
    unit = "%" if m.group("unit") == "％" else m.group("unit")
    return value, unit


def _metric(phrase_before: str, after: str) -> str:
    table = target_comparators()
    for row in table.before:
        phrase_before = row.pattern.sub("", phrase_before)
    metric = _TAIL_WORDS.sub("", _LEAD_WORDS.sub("", phrase_before))
    if not metric:
        metric = after[_after_word_end(after) :]
    return metric.strip("“”\"'（）()")


def extract_targets(text: str) -> list[TargetRecord]:
    """Quantitative commitments printed in `text` (a measure's normalised text), in printed order."""
    masked = _masked(text)
    found: list[TargetRecord] = []
    prev_end = -1
    for m in _QUANTITY.finditer(masked):
        parsed = _value(m)
        if parsed is None:
            continue
        value, unit = parsed
        left, right = _clause_bounds(text, m.start(), m.end())
        before, after = text[left : m.start()], text[m.end() : right]
        op = _comparator(before, after, unit)
        if op is None:
            continue
        if _excluded(before, after, target_comparators().word_before(before) is not None):
            continue
        start = prev_end if left <= prev_end <= m.start() else left
        while text[start] in "、和及与":  # stops at the number at the latest
            start += 1
        numbering = _NUMBERING.match(text, start)
        if numbering and numbering.end() <= m.start():
            start = numbering.end()
        nxt = _QUANTITY.search(masked, m.end(), right)
        end = right
        if nxt:
            cut = max(text.rfind("、", m.end(), nxt.start()), text.rfind("和", m.end(), nxt.start()))
            end = cut if cut > 0 else right
        phrase = text[start:end]
        metric = _metric(text[start : m.start()], text[m.end() : end])
        found.append(TargetRecord(phrase, metric, value, unit, op, start))
        prev_end = end
    return found
