"""Which national business-environment indicators a measure addresses, from ingest/data/indicators.json.

Rule (precise rather than greedy):
1. Heading: an indicator's name, variant or heading cue in the measure's own heading gives `via="heading"`;
   if the measure heading names none, the nearest section heading that names one is used instead.
2. Keywords: in the measure text (unit lists dropped), cues count longest first without overlaps; a strong
   cue weighs 2, a weak cue 1, and a cue followed by 局/委/厅/处/部门 is part of an agency name (市场监管局)
   and does not count. An indicator is kept when its score is at least 2 and at least half the best score,
   so a word said in passing (a 纳税 measure that mentions 开办企业 once) does not tag the measure. When the
   heading already gave an indicator, a keyword indicator needs a score of at least 4. An indicator shown by
   a single cue word is kept only when no other indicator scores as high.
`evidence` is the heading cue, or the cues that scored, most frequent first.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.lexicon.phrases import PhraseFinder
from ingest.lexicon.textmask import mask_unit_lists
from ingest.records import IndicatorHit

TAXONOMY = Path(__file__).parents[1] / "data" / "indicators.json"
_MIN_SCORE = 2
_MIN_SCORE_BESIDE_HEADING = 4
_AGENCY_AFTER = re.compile(r"局|委|厅|处|部门")


@dataclass(frozen=True)
class Indicator:
    """One indicator of the taxonomy with its cues."""

    name: str
    group: str
    bready: str | None
    heading_cues: tuple[str, ...]
    strong_cues: tuple[str, ...]
    weak_cues: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """The indicator system, its indicators and the cue patterns built from them."""

    system: str
    indicators: tuple[Indicator, ...]
    heading_re: PhraseFinder
    heading_owner: dict[str, tuple[str, ...]]
    cue_re: PhraseFinder
    cue_weights: dict[str, tuple[tuple[str, int], ...]]


@cache
def taxonomy(path: Path = TAXONOMY) -> Taxonomy:
    """Load the taxonomy data file (cached)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(
            name=i["name"],
            group=i["group"],
            bready=i.get("bready"),
            heading_cues=tuple(dict.fromkeys([i["name"], *i.get("variants", []), *i["heading_cues"]])),
            strong_cues=tuple(dict.fromkeys([i["name"], *i.get("variants", []), *i["strong_cues"]])),
            weak_cues=tuple(i["weak_cues"]),
        )
        for i in data["indicators"]
    )
    heading_owner: dict[str, list[str]] = defaultdict(list)
    weights: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for ind in indicators:
        for cue in ind.heading_cues:
            heading_owner[cue].append(ind.name)
        for cue, weight in [*((c, 2) for c in ind.strong_cues), *((c, 1) for c in ind.weak_cues)]:
            if ind.name not in (name for name, _ in weights[cue]):
                weights[cue].append((ind.name, weight))
    return Taxonomy(
        system=data["system"],
        indicators=indicators,
        heading_re=PhraseFinder(heading_owner),
        heading_owner={k: tuple(v) for k, v in heading_owner.items()},
        cue_re=PhraseFinder(weights),
        cue_weights={k: tuple(v) for k, v in weights.items()},
    )


def _cues_in(finder: PhraseFinder, text: str) -> list[str]:
    """Cue occurrences, longest first, skipping those that are the start of an agency name."""
    return [cue for _, end, cue in finder.finditer(text) if not _AGENCY_AFTER.match(text, end)]


def _heading_hits(tax: Taxonomy, heading: str, section_headings: list[str]) -> dict[str, str]:
    for text in [heading, *reversed(section_headings)]:
        hits: dict[str, str] = {}
        for cue in _cues_in(tax.heading_re, text):
            for name in tax.heading_owner[cue]:
                hits.setdefault(name, cue)
        if hits:
            return hits
    return {}


def _keyword_scores(tax: Taxonomy, text: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    scores: Counter[str] = Counter()
    cues: dict[str, Counter[str]] = defaultdict(Counter)
    for cue in _cues_in(tax.cue_re, mask_unit_lists(text)):
        for name, weight in tax.cue_weights[cue]:
            scores[name] += weight
            cues[name][cue] += 1
    return scores, cues


def match_indicators(heading: str, text: str, section_headings: list[str]) -> list[IndicatorHit]:
    """Indicators a measure addresses: heading hits first, then keyword hits by score.

    `section_headings` are the headings of the sections above the measure, outermost first.
    """
    tax = taxonomy()
    bready = {i.name: i.bready for i in tax.indicators}
    by_heading = _heading_hits(tax, heading, section_headings)
    hits = [IndicatorHit(name, tax.system, "heading", cue, bready[name]) for name, cue in by_heading.items()]
    body = text if heading in text else heading + text
    scores, cues = _keyword_scores(tax, body)
    best = max(scores.values(), default=0)
    sole_best = sum(1 for score in scores.values() if score == best) == 1
    floor = _MIN_SCORE_BESIDE_HEADING if by_heading else _MIN_SCORE
    for name, score in scores.most_common():
        if name in by_heading or score < floor or 2 * score < best:
            continue
        if sum(cues[name].values()) < 2 and not (score == best and sole_best):
            continue  # one cue word, and other indicators as strong: said in passing
        evidence = "、".join(c for c, _ in cues[name].most_common(3))
        hits.append(IndicatorHit(name, tax.system, "keyword", evidence, bready[name]))
    return hits
