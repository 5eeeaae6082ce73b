"""Quantitative commitments in a measure's text (压缩至3个工作日内, 达到70%以上, 不低于1万家) as Target records.

Rule (for the genre): a number with a unit is a target when the text commits to it, i.e. a comparator
stands right before it (不低于, 达到, 压缩至, 最多, 增长 …) or right after it (以上, 以内, 内), or a time limit
is followed by its action (90分钟办结, 1分钟响应), or a percentage names its rate (90%解决率). Not targets:
dates, article and document numbers, codes, ranges (30%—50%), caps and benefit parameters (最高不超过1000万元,
按投资额70%抵扣, subsidies, rebates, 免费), payment schedules (竣工前支付不超过80%), conditions (1000万元以上
的项目, 金额达到100万元以上的项目, a minimum in a list of requirements, thresholds joined by 且), legal
conditions (不得低于50%), baselines (在…52个工作日基础上), numbers inside names (15分钟社区生活圈). Values fold
万/亿 into the number (1万家 → 10000 家). A target's `text` is the printed clause that holds the metric and the
number (whitespace removed); its `metric` the noun phrase naming the measured quantity (开办企业时间), or None
when no noun phrase names it (代建单位应当在一个月内…). The words are ingest/data/target_comparators.toml (what
makes a number a target) and ingest/data/target_metrics.toml (how the metric is read); docs/target-labels.md
says how both were judged.

Time is linear in the text: a number is matched only from the start of its run of digits, with possessive
quantifiers (a table's figures fuse into one run once the normaliser joins its lines), and a clause is read
at most _REACH characters either side of its number."""

from __future__ import annotations

import re

from ingest.lexicon.comparators import target_comparators
from ingest.lexicon.dates import small_number
from ingest.lexicon.genres import genres
from ingest.lexicon.target_metrics import target_metrics
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
_COUNTS = ("家", "人次", "户", "项", "件", "次", "个", "所", "座", "名", "人")
_NOT_COUNTED = "的以之内左等及和、"  # what a count's noun does not start with (3个以上的, 5家左右)
_BASE = re.compile(r"由[^由]{0,8}?[\d一二三四五六七八九十]+[^由\d]{0,6}$")  # 由(法定的)5个工作日 (压缩至…)


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


def _excluded(sentence_before: str, clause_before: str, after: str, op: Comparator) -> bool:
    """Whether the number is a condition, a parameter or a baseline rather than a target."""
    if clause_before.startswith("对") or after.endswith("的"):
        return True  # a condition: 对…的企业, …超过5万美元的
    table = target_comparators()
    if (
        table.cap.search(clause_before[-6:])
        or table.condition.search(clause_before)
        or table.joined.pattern.search(sentence_before)
        or (op != "<=" and table.requirements.pattern.search(sentence_before))
        or _BASELINE.search(after)
    ):
        return True
    if genres().default.publication.search(clause_before):
        return True  # a deadline counted from the notice's publication, not a target
    benefit = table.benefits.pattern
    if benefit.search(clause_before) or benefit.search(after) or _RATE_OF.search(clause_before):
        return True
    if after.startswith("的") or _RATE_OF_THING.match(after):
        return True  # attributive: 超过400万元的项目, 3%预征率的项目
    qualified = table.word_before(clause_before) is None or table.qualifiers.pattern.search(clause_before)
    return bool(qualified) and after.startswith("的", _after_word_end(after))


def _named(after: str, unit: str) -> bool:
    """Whether a time runs on into a name (15分钟社区生活圈, the comparator table's names)."""
    if unit not in _TIME_UNITS or _after_word_end(after) or _TIME_ACTION.match(after):
        return False
    return target_comparators().names.pattern.match(after) is not None


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


def _metric(before: str, after: str, unit: str) -> str | None:
    """The noun phrase naming the measured quantity (the rule of ingest/data/target_metrics.toml), or None."""
    named = (_RATE.match(after) if unit == "%" else None) or (
        _CIRCLE.match(after) if unit in _TIME_UNITS else None
    )
    if named:
        return _trimmed(named.group())  # 90%解决率, 15分钟政务服务圈
    rest = after[_after_word_end(after) :]
    counted = _trimmed(rest) if rest[:1] and rest[0] not in _NOT_COUNTED and unit in (*_COUNTS, "%") else ""
    if counted and unit in _COUNTS:
        return counted  # 培育不少于300家中小数商企业
    for row in target_comparators().before:
        before = row.pattern.sub("", before)
    words = target_metrics()
    subject = _trimmed(words.subject(_BASE.sub("", before)))
    if not subject:
        return _unsubjected(rest, counted, unit)
    if words.anchors.pattern.search(subject):
        return None
    if unit in _TIME_UNITS and not words.heads.pattern.search(subject):
        return None
    return subject


def _unsubjected(rest: str, counted: str, unit: str) -> str | None:
    """The metric of a number with no subject before it: what a share counts (实现50%以上服务事项即时办结),
    the procedure a time limit's action completes when a head word ends it (5个工作日内办结…审批流程)."""
    if unit == "%":
        return counted or None
    action = _TIME_ACTION.match(rest) if unit in _TIME_UNITS else None
    done = _trimmed(rest[action.end() :]) if action else ""
    return done if done and target_metrics().heads.pattern.search(done) else None


def _trimmed(phrase: str) -> str:
    """`phrase` without the quotation marks and brackets that do not pair inside it (政务服务圈”建设, the
    clause cut before a bracket closed: 示范中心（园区) and without a pair that encloses all of it."""
    for pair in ("“”", "（）", "()"):
        if pair[0] not in phrase and pair[1] not in phrase:
            continue
        unpaired = _unpaired(phrase, pair)
        phrase = "".join(ch for i, ch in enumerate(phrase) if i not in unpaired)
        if phrase[:1] == pair[0] and phrase[-1:] == pair[1] and not _unpaired(phrase[1:-1], pair):
            phrase = phrase[1:-1]
    return phrase.strip("\"'")


def _unpaired(phrase: str, pair: str) -> set[int]:
    """Where `phrase` has an opening or closing mark of `pair` that the other does not match."""
    openings: list[int] = []
    unmatched: set[int] = set()
    for i, ch in enumerate(phrase):
        if ch == pair[0]:
            openings.append(i)
        elif ch == pair[1]:
            if openings:
                openings.pop()
            else:
                unmatched.add(i)
    return unmatched | set(openings)


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
        low = max(0, left - _REACH)
        sentence = text[max(low, text.rfind("。", low, left) + 1) : m.start()]
        if _excluded(sentence, before, after, op) or _named(after, unit):
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
        metric = _metric(text[start : m.start()], text[m.end() : end], unit)
        found.append(TargetRecord(phrase, metric, value, unit, op, start))
        prev_end = end
    return found
