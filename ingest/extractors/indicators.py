"""Which national business-environment indicators a measure addresses, from the taxonomy and its rule tables
(ingest/lexicon/indicator_rules.py: indicators.json, indicator_clauses.toml, indicator_senses.toml).

The measure is read as an analyst reads it: its main clauses and its heading path.
1. Formal clauses say nothing about an indicator: a measure made only of commencement, repeal, liability or
   basis sentences (本办法自…起施行, 违反本办法…的, 为…制定本细则) or of a bare section heading (二、主要任务:
   not even its section's indicator), or whose heading or a section heading above it is organisational
   (加强组织领导, 五、保障措施, 工作要求), gets none; such sentences inside a longer measure are dropped.
   An article's chapter is part of the rule, never an organisational clause;
   an article in the chapter of liability or supplementary provisions (法律责任, 附则) gets none.
2. Purpose clauses (为…, 以…为目标, 营造…的营商环境, 结合…，, the beneficiary in 为X提供, in headings too)
   are blanked, and a list of examples (X、Y、Z等) counts as one weak cue per indicator whatever it holds.
   Short insertions inside words are dropped (竣（交）工验收).
3. Headings: a heading cue (the indicator's second-level subjects: 执法, 双随机 for 市场监管; 一网通办,
   线上线下, 窗口 for 政务服务) in the measure's own heading gives `via="heading"`; the nearest section
   heading that names one gives `via="section"` (when it names several, those the measure's own words show;
   an umbrella section, 打造…的市场环境, only when nothing else is found).
   A section of a city-level indicator (市场监管一体化, 制度型开放) gives way to the item's own step of the
   firm's life cycle (named in its heading or by strong keywords) unless a strong cue of the section's
   indicator is in the item; a section that is an indicator's field in a plan arranged by indicators
   (市场监管领域（…牵头）) files every item under it.
   A cross-cutting indicator (政务服务: a way of working applied to other indicators' procedures) is kept
   beside a step of the life cycle, from a section, from keywords or from a tool in the heading, only when
   the measure names it itself: a strong cue of it that is not one of its tools (一件事, 一窗, 电子证照,
   告知承诺 of a registration).
4. Keywords: in the measure text (unit lists dropped: in parentheses, in 〔〕, after 责任单位：), cues count longest first without overlaps; a strong
   cue weighs 2, a weak cue 1 (weak cues only support: an indicator needs a strong cue outside a list), and
   a cue followed by 局/委/厅/处/部门 is part of an agency name (市场监管局) and does not count. A cue with
   two meanings counts only in the sense its rows of the senses table allow, read in its whole sentence
   (清算 of a bankrupt firm, not of fees; 质量, not 高质量; no 获得信贷 from financing a firm in
   reorganisation) and, for some rows, with the document's title (调解 in a patent-dispute plan). An indicator is kept when its score is at least 2 and at least half the best score,
   so a word said in passing does not tag the measure. Beside a heading or section indicator, a keyword
   indicator needs a score of at least 4. An indicator shown by a single cue word is kept only when no
   other indicator scores as high.
5. A clause's object: a step of the firm's life cycle named by one of its heading cues right after a
   clause-initial verb (深化“一业一证”改革, 推行不动产登记集成化办理) is addressed beside the measure's other
   indicators, however little the rest of the measure says of it (a second indicator in one sentence).
6. The document's title: a measure none of the above gives an indicator, with words of its own beyond its
   heading or a heading that names a procedure by a cue word (立案提速增效; not a bare section heading,
   主要任务), gets the step of the firm's life cycle its document's title names, if it names one
   (`via="title"`): a procedure step of a patent-dispute plan (组成合议组) is that plan's.
`evidence` is the heading cue, or the cues that scored, most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ingest.lexicon.indicator_rules import Clauses, Taxonomy, taxonomy
from ingest.lexicon.phrases import PhraseFinder
from ingest.lexicon.textmask import mask_unit_lists
from ingest.records import IndicatorHit, IndicatorVia

_MIN_SCORE = 2
_MIN_SCORE_BESIDE_HEADING = 4
_MIN_OWN_WORDS = 8
_AGENCY_AFTER = re.compile(r"局|委|厅|处|部门")
_SENTENCE_END = re.compile(r"[。；！？\n]")
_CLAUSE_BREAK = re.compile(r"[，。；：,;:]")
_PARENTHESES = re.compile(r"[（(][^（）()]*[）)]")
_BLANK = "　"


@dataclass(frozen=True)
class _Cue:
    """One cue occurrence: the cue, where it is, and the example list it sits in (its start), if any."""

    cue: str
    start: int
    end: int
    in_list: int | None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _BLANK * (end - start)
    return "".join(chars)


def _sentences(text: str) -> list[tuple[int, int]]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [(a, b) for a, b in zip([0, *ends], [*ends, len(text)], strict=True) if text[a:b].strip(_BLANK)]


def _formal_sentences(clauses: Clauses, text: str) -> list[tuple[int, int]]:
    return [(a, b) for a, b in _sentences(text) if clauses.formal.search(text[a:b].strip(_BLANK))]


def _units_blanked(text: str) -> str:
    """`text` with its unit lists blanked: in parentheses, in 〔〕 and after a label (责任单位：…)."""
    text = mask_unit_lists(text, _BLANK)
    return _blank(text, [m.span() for m in taxonomy().clauses.units.finditer(text)])


def is_formal(text: str) -> bool:
    """Whether every sentence of a measure is a formal clause (commencement, repeal, liability, basis)."""
    clauses, text = taxonomy().clauses, _units_blanked(text)
    return _formal_sentences(clauses, text) == _sentences(text)


def main_clauses(text: str, *, heading: bool = False) -> str:
    """`text` with unit lists, formal sentences and purpose clauses blanked (a heading's: only those that are
    blanked in headings too); same length, offsets kept."""
    clauses = taxonomy().clauses
    text = _units_blanked(text)
    text = _blank(text, _formal_sentences(clauses, text))
    purpose = clauses.heading_purpose if heading else clauses.purpose
    return _blank(text, [m.span() for m in purpose.finditer(text)])


def _cues_in(
    tax: Taxonomy, finder: PhraseFinder, text: str, *, heading: bool = False
) -> tuple[list[_Cue], str]:
    """Cue occurrences in the main clauses of `text`, longest first, without agency names; and the text they
    are read in (unit lists blanked), where a cue's senses look at its whole sentence.

    A heading keeps most purpose words (打造…的开放环境 names its subject), but the list left open where the
    heading was cut (应收账款、知识产权、) is a list of examples too. Short insertions in parentheses are
    dropped first (竣（交）工验收 reads 竣工验收): the offsets are those of the text returned.
    """
    text = tax.clauses.insertion.pattern.sub("", _units_blanked(text))
    clauses = main_clauses(text, heading=heading)
    lists = [m.span() for m in tax.clauses.example_list.pattern.finditer(clauses)]
    if heading:
        lists += [m.span() for m in tax.clauses.open_list.pattern.finditer(clauses)]
    return [
        _Cue(cue, start, end, next((a for a, b in lists if a <= start and end <= b), None))
        for start, end, cue in finder.finditer(clauses)
        if not _AGENCY_AFTER.match(clauses, end)
    ], text


def is_organisational(headings: list[str]) -> bool:
    """Whether one of the headings (the measure's or a section's) is an organisational clause: its first
    clause, parentheses dropped, is made of organisational phrases with at most a few words around them
    (加强组织领导, 五、保障措施, 健全组织领导和工作保障; not 全面落实减负降税费工作要求)."""
    org = taxonomy().clauses.organisational
    for heading in headings:
        clause = _CLAUSE_BREAK.split(_PARENTHESES.sub("", heading), maxsplit=1)[0]
        words = sum(end - start for start, end, _ in org.words.finditer(clause))
        if words and words + org.slack >= len(clause):
            return True
    return False


def _senses_allow(tax: Taxonomy, name: str, cue: _Cue, text: str, title: str) -> bool:
    return all(sense.allows(text, cue.start, cue.end, title) for sense in tax.senses.get((name, cue.cue), ()))


def _heading_names(tax: Taxonomy, heading: str, title: str = "") -> dict[str, str]:
    """Indicators a heading names (in a document of that `title`, for the senses that read it), each with the
    first cue that names it; cues inside example lists do not.

    An article title in 【】 is the heading of an article whose first sentence follows it. A heading cue inside
    a longer keyword (创业 in 创业担保贷款) names only the indicators that keyword is a cue of.
    """
    article = tax.clauses.article_title.pattern.search(heading)
    cues, text = _cues_in(tax, tax.heading_re, article.group(1) if article else heading, heading=True)
    keywords = tax.cue_re.finditer(text)
    hits: dict[str, str] = {}
    for c in cues:
        if c.in_list is not None:
            continue
        names = tax.heading_owner[c.cue]
        around = [p for a, b, p in keywords if a <= c.start and c.end <= b and b - a > c.end - c.start]
        if around:
            names = tuple(n for n in names if n in (owner for owner, _ in tax.cue_weights[around[0]]))
        for name in names:
            if _senses_allow(tax, name, c, text, title):
                hits.setdefault(name, c.cue)
    return hits


@dataclass(frozen=True)
class _Section:
    """The nearest section heading that names an indicator: its hits, and whether it is an umbrella heading
    (打造…的市场环境) or an indicator's field in a plan arranged by indicators (市场监管领域（…牵头）)."""

    hits: dict[str, str]
    umbrella: bool = False
    indicator_field: bool = False


def _section_hits(tax: Taxonomy, sections: list[str], title: str) -> _Section:
    for text in reversed(sections):
        hits = _heading_names(tax, text, title)
        if hits:
            clauses = tax.clauses
            return _Section(
                hits,
                bool(clauses.umbrella.pattern.search(text)),
                bool(clauses.field_section.pattern.search(text)),
            )
    return _Section({})


@dataclass
class _Scores:
    """Keyword evidence per indicator: its score, the cues counted, whether a strong cue is among them, and the
    cue that names it as a clause's object (a life-cycle step)."""

    score: Counter[str] = field(default_factory=Counter)
    cues: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    strong: set[str] = field(default_factory=set)
    strong_cues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    objects: dict[str, str] = field(default_factory=dict)


def _keyword_scores(tax: Taxonomy, text: str, title: str = "") -> _Scores:
    """A list of examples counts once, as a weak cue, for each indicator it shows (`title`: the document's, for
    the senses that read it)."""
    scores = _Scores()
    found, masked = _cues_in(tax, tax.cue_re, text)
    predicates = [m.end() for m in tax.clauses.predicate.rule.pattern.finditer(masked)]
    listed: set[tuple[int, str]] = set()
    for c in found:
        for name, weight in tax.cue_weights[c.cue]:
            if not _senses_allow(tax, name, c, masked, title):
                continue
            if c.in_list is not None:
                if (c.in_list, name) in listed:
                    continue
                listed.add((c.in_list, name))
                weight = 1
            scores.score[name] += weight
            scores.cues[name][c.cue] += 1
            if weight > 1:
                scores.strong.add(name)
                scores.strong_cues[name].add(c.cue)
                if _is_step_object(tax, name, c, masked, predicates):
                    scores.objects.setdefault(name, c.cue)
    return scores


def _is_step_object(tax: Taxonomy, name: str, cue: _Cue, text: str, predicates: list[int]) -> bool:
    """Whether a cue names a step of the firm's life cycle as the object of a clause's predicate (深化“一业一证”
    改革): a heading cue of the step, outside a list, right after a clause-initial verb (`predicates`: where
    the verbs end)."""
    if name in tax.city or cue.in_list is not None or name not in tax.heading_owner.get(cue.cue, ()):
        return False
    reach = tax.clauses.predicate.reach
    return any(
        0 <= cue.start - end <= reach and not _CLAUSE_BREAK.search(text, end, cue.start) for end in predicates
    )


def _keyword_hits(scores: _Scores, floor: int, known: set[str]) -> list[tuple[str, str]]:
    best = max(scores.score.values(), default=0)
    best_cues = {frozenset(scores.cues[name]) for name, score in scores.score.items() if score == best}
    # one indicator, or several named by the same words (市政公用: both utilities)
    sole_best = len(best_cues) == 1
    hits = []
    for name, score in scores.score.most_common():
        if name in known or name not in scores.strong or score < floor or 2 * score < best:
            continue  # weak cues only support a strong one
        if sum(scores.cues[name].values()) < 2 and not (score == best and sole_best):
            continue  # one cue word, and other indicators as strong: said in passing
        hits.append((name, "、".join(c for c, _ in scores.cues[name].most_common(3))))
    return hits


def _names_itself(tax: Taxonomy, name: str, scores: _Scores) -> bool:
    """Whether the measure's words name the cross-cutting indicator itself: a strong cue of it outside a list
    that is not one of its tools (一件事, 电子证照 applied to another indicator's procedure)."""
    return bool(scores.strong_cues[name] - tax.cross_cutting[name])


def _only_tools(tax: Taxonomy, name: str, hit: tuple[IndicatorVia, str], scores: _Scores) -> bool:
    """Whether a keyword or heading hit of a cross-cutting indicator rests on its tools alone (a heading's 一件事
    of a change registration), the measure's words not naming the indicator itself."""
    via, cue = hit
    if via == "heading":
        return cue in tax.cross_cutting[name] and not _names_itself(tax, name, scores)
    return via == "keyword" and not _names_itself(tax, name, scores)


def _own_step(tax: Taxonomy, heading_hits: dict[str, tuple[IndicatorVia, str]], scores: _Scores) -> bool:
    """Whether the measure names a step of the firm's life cycle itself: in its heading, or by keywords strong
    enough to stand beside a heading."""
    strong = {name for name, _ in _keyword_hits(scores, _MIN_SCORE_BESIDE_HEADING, set())}
    return any(name not in tax.city for name in {*heading_hits, *strong})


def _title_step(tax: Taxonomy, heading: str, body: str, title: str) -> dict[str, str]:
    """The step of the firm's life cycle a document's title names, for a measure with words of its own
    beyond its heading (a procedure step of a patent-dispute plan: 组成合议组。行政机关作出立案决定后…) or
    whose heading names a procedure by a keyword cue (立案提速增效), not a bare section heading (主要任务);
    nothing when the title names several steps or only city-level indicators."""
    rest = body.split(heading, 1)[1] if heading and heading in body else ""
    if len(rest.strip(_BLANK + "。；，：:. ")) < _MIN_OWN_WORDS and not any(
        tax.cue_re.finditer(main_clauses(heading, heading=True))
    ):
        return {}
    hits = {name: cue for name, cue in _heading_names(tax, title).items() if name not in tax.city}
    return hits if len(hits) == 1 else {}


def match_indicators(
    heading: str, text: str, section_headings: list[str], *, title: str = ""
) -> list[IndicatorHit]:
    """Indicators a measure addresses: heading hits first, then keyword hits by score, then section hits;
    for a measure none of these finds, the step of the firm's life cycle its document's `title` names.

    `section_headings` are the headings of the sections above the measure, outermost first. A section heading
    that names several indicators (规范政府采购和招标投标) gives those the measure's own words show, if any.
    """
    tax = taxonomy()
    body = text if heading in text else heading + text
    article = bool(tax.clauses.article.pattern.match(body))
    if article and section_headings and section_headings[-1] in tax.clauses.formal_chapter.words:
        return []  # an article of the liability or supplementary chapter
    if is_organisational([heading] if article else [heading, *section_headings]) or is_formal(body):
        return []
    bready = {i.name: i.bready for i in tax.indicators}
    found: dict[str, tuple[IndicatorVia, str]] = {
        n: ("heading", c) for n, c in _heading_names(tax, heading, title).items()
    }
    section = _section_hits(tax, section_headings, title)
    sections, umbrella = section.hits, section.umbrella
    scores = _keyword_scores(tax, body, title)
    if len(sections) > 1 and any(scores.score[name] for name in sections):
        sections = {name: cue for name, cue in sections.items() if scores.score[name]}
    if not section.indicator_field and _own_step(tax, found, scores):
        sections = {
            n: c for n, c in sections.items() if n in found or n in scores.strong or n not in tax.city
        }
    inherited = {} if umbrella else sections
    floor = _MIN_SCORE_BESIDE_HEADING if found or inherited else _MIN_SCORE
    for name, evidence in _keyword_hits(scores, floor, set(found) | set(inherited)):
        found[name] = ("keyword", evidence)
    for name, cue in scores.objects.items():
        found.setdefault(name, ("keyword", cue))  # a step the object of one of its clauses
    if not found or not umbrella:
        own = bool(found)
        for name, cue in sections.items():
            if own and name in tax.cross_cutting and not _names_itself(tax, name, scores):
                continue  # a way of working the section names, applied to the item's own procedure
            found.setdefault(name, ("section", cue))
    for name in [n for n in found if n in tax.cross_cutting and _only_tools(tax, n, found[n], scores)]:
        if any(other not in tax.city for other in found):
            del found[name]  # only its tools, applied to the procedure of a step of the firm's life cycle
    if not found and title:
        found = {name: ("title", cue) for name, cue in _title_step(tax, heading, body, title).items()}
    return [
        IndicatorHit(name, tax.system, via, evidence, bready[name]) for name, (via, evidence) in found.items()
    ]
