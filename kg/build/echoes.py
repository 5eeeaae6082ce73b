"""Implicit dependency: measures that restate another document's measures (text reuse), found with
MinHash LSH Ensemble (containment search) so the work grows about linearly with the number of measures.

Each measure is sketched once (`Sketch`: its shingle count and MinHash signature), keyed by a hash of its
words (`word_key`), so a corpus keeps the sketches of its sources and sketches only a new source's measures;
every measure is then queried against the index of all of them (kg.build.ensemble, datasketch's LSH
Ensemble candidates computed with numpy), so the pairs are the same however the corpus grew.

Similarity is the overlap coefficient of the two measures' shingle sets, |A∩B| / min(|A|, |B|): a short
district measure copying one sentence of a long provincial one scores high, as it should. Echo edges point
from the lower level to the higher (`direction: vertical`, whatever the provinces) or, between documents of
one level, from the later document to the earlier (`direction: horizontal`). A document with
MIN_DOCUMENT_ECHOES measures echoing another gets
`(Document)-[:IMPLEMENTS {via: "reuse", score, direction}]->(Document)`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING

import networkx as nx

from kg.export.select import measures_of
from kg.graphmodel import Direction, level_rank, node_properties, nodes_with_label

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SHINGLE_SIZE = 3
MIN_SHINGLES = 12
THRESHOLD = 0.32
NUM_PERM = 128
MIN_DOCUMENT_ECHOES = 2
BEST_ECHOES = 16  # echoes kept per measure (docs/echo-labels.md: the sample's measures need 8)
_NOT_WORD = re.compile(r"[\W_]+")

Progress = Callable[[str, int, int], None]


def tokenize(texts: Sequence[str]) -> Iterator[list[str]]:
    """pkuseg words of each text (ingest.nlp.segmenter, the missing ones segmented in one batch), punctuation
    dropped, made text by text as they are used: the segmenter's cache holds the words of every text, and a
    list of them all would hold them twice."""
    from ingest.nlp.segmenter import segmentations

    segmentations(texts)
    for text in texts:
        [words] = segmentations([text]).values()
        yield [w for w in words if not _NOT_WORD.fullmatch(w)]


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> set[str]:
    """The set of `size`-token shingles of a token list."""
    return {"\x1f".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def shingle_sets(texts: Sequence[str], size: int = SHINGLE_SIZE) -> list[set[str]]:
    """The set of `size`-token shingles of each text."""
    return [shingles(tokens, size) for tokens in tokenize(texts)]


@dataclass(frozen=True)
class Sketch:
    """What echo detection keeps of a measure: the number of distinct shingles, and the MinHash signature
    of them (NUM_PERM hash values as the sketch version stores them; empty below MIN_SHINGLES)."""

    size: int
    hashvalues: bytes


Sketches = MutableMapping[bytes, Sketch]  # by word key


def word_key(tokens: Sequence[str]) -> bytes:
    """The key of a measure's sketch: a hash of its words (what the sketch is a function of)."""
    return hashlib.blake2b("\x1f".join(tokens).encode("utf-8"), digest_size=16).digest()


def word_keys(texts: Sequence[str]) -> list[bytes]:
    """The sketch key of each text."""
    return list(map(word_key, tokenize(texts)))


@cache
def sketch_version() -> str:
    """What a stored sketch was made with: shingle size, permutations, datasketch and its scheme and seed."""
    import datasketch
    from datasketch import MinHash

    probe = MinHash(num_perm=NUM_PERM)
    scheme = f"{probe.scheme} seed {probe.seed} {probe.hashvalues.dtype}"
    return (
        f"{SHINGLE_SIZE}-word shingles, {NUM_PERM} permutations, datasketch {datasketch.__version__} {scheme}"
    )


def sketch(sets: Sequence[set[str]], chunk: int = 1000) -> list[Sketch]:
    """The sketch of each shingle set (MinHash only for sets of MIN_SHINGLES or more), `chunk` sets at a time
    (MinHash.bulk takes the shingles encoded: never all of them at once)."""
    from datasketch import MinHash

    made: list[Sketch] = []
    for start in range(0, len(sets), chunk):
        part = sets[start : start + chunk]
        usable = [[x.encode("utf-8") for x in s] for s in part if len(s) >= MIN_SHINGLES]
        signatures = iter(MinHash.bulk(usable, num_perm=NUM_PERM))
        made += (
            Sketch(len(s), next(signatures).hashvalues.tobytes() if len(s) >= MIN_SHINGLES else b"")
            for s in part
        )
    return made


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |A∩B| / min(|A|, |B|); 0 when either is empty."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """How much of the shorter text the longer one restates (overlap of shingle sets)."""
    x, y = shingle_sets([a, b])
    return overlap(x, y) if min(len(x), len(y)) >= MIN_SHINGLES else 0.0


@dataclass(frozen=True)
class Passage:
    """A text to compare (a measure) and the group it belongs to (its document): pairs are across groups."""

    key: str
    group: str
    text: str


def similar_sets(
    sets: Sequence[set[str]],
    groups: Sequence[str],
    *,
    threshold: float = THRESHOLD,
    best: int = BEST_ECHOES,
    progress: Progress | None = None,
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of shingle sets from different groups with overlap >= threshold, and the overlap
    (`similar_sketches` on the sets' sketches)."""
    return similar_sketches(
        sketch(sets), groups, sets.__getitem__, threshold=threshold, best=best, progress=progress
    )


def similar_sketches(
    sketches: Sequence[Sketch],
    groups: Sequence[str],
    shingles_of: Callable[[int], set[str]],
    *,
    keys: Sequence[Hashable] | None = None,
    threshold: float = THRESHOLD,
    best: int = BEST_ECHOES,
    progress: Progress | None = None,
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of sketched sets from different groups with overlap >= threshold, and the overlap;
    of the pairs of an index, its `best` (highest overlap, then lowest other index) are kept, and a pair is
    kept when it is among the best of either of its indexes.

    Sets with the same key (`keys`: by default each its own) are the same set: each distinct set of
    MIN_SHINGLES or more is queried once against an LSH Ensemble index of all of them for the sets that
    contain about `threshold` of it (kg.build.ensemble: datasketch's candidates, given query by query);
    only those candidates are compared exactly, on their shingles (`shingles_of`), once per two sets
    however many measures hold them. What is kept is the pairs that pass, not the candidates.
    """
    from kg.build.ensemble import ensemble_candidates

    holders: dict[Hashable, list[int]] = defaultdict(list)  # the indexes holding each distinct set
    for i, s in enumerate(sketches):
        if s.size >= MIN_SHINGLES:
            holders[i if keys is None else keys[i]].append(i)
    held = list(holders.values())
    candidates = ensemble_candidates(
        [sketches[first].size for first, *_ in held],
        [sketches[first].hashvalues for first, *_ in held],
        threshold=threshold * 0.8,
        num_perm=NUM_PERM,
        num_part=8,
        copies=list(map(len, held)),
    )
    passed: dict[tuple[int, int], float] = {}  # (a, b), a <= b distinct sets, and their overlap
    for a, others in candidates:
        if len(held[a]) > 1:
            passed[(a, a)] = 1.0  # the measures holding one set restate one another
        for b in others.tolist():
            pair = (a, b) if a < b else (b, a)
            if pair not in passed:
                score = overlap(shingles_of(held[a][0]), shingles_of(held[b][0]))
                if score >= threshold:
                    passed[pair] = score
        if progress and a % 1000 == 0:
            progress("echoes", a, len(held))
    return _best_pairs(passed, held, groups, best)


def _best_pairs(
    passed: dict[tuple[int, int], float], held: list[list[int]], groups: Sequence[str], best: int
) -> list[tuple[int, int, float]]:
    """The pairs (i < j) of indexes from different groups holding two sets that passed, with their overlap,
    each pair kept when it is among the `best` of i's or of j's (highest overlap first, then lowest index)."""
    import numpy as np

    codes = {group: n for n, group in enumerate(dict.fromkeys(groups))}
    group_of = np.array([codes[g] for g in groups], dtype=np.int64)
    parts: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], float]] = []
    for (a, b), score in passed.items():
        i, j = (x.ravel() for x in np.meshgrid(held[a], held[b], indexing="ij"))
        keep = group_of[i] != group_of[j]
        if a == b:
            keep &= i < j
        if keep.any():
            parts.append((np.minimum(i, j)[keep], np.maximum(i, j)[keep], score))
    if not parts:
        return []
    low = np.concatenate([i for i, _, _ in parts])
    high = np.concatenate([j for _, j, _ in parts])
    scores = np.concatenate([np.full(len(i), s) for i, _, s in parts])
    ends, others = np.concatenate([low, high]), np.concatenate([high, low])
    order = np.lexsort((others, -np.concatenate([scores, scores]), ends))  # each end's echoes, best first
    in_order = ends[order]
    rank = np.arange(len(order)) - np.searchsorted(in_order, in_order, side="left")
    kept = np.unique(order[rank < best] % len(low))
    kept = kept[np.lexsort((high[kept], low[kept]))]
    return list(zip(low[kept].tolist(), high[kept].tolist(), scores[kept].tolist(), strict=True))


def echo_pairs(
    passages: Sequence[Passage], *, threshold: float = THRESHOLD, progress: Progress | None = None
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of passages from different groups whose texts overlap >= threshold."""
    sets = shingle_sets([p.text for p in passages])
    return similar_sets(sets, [p.group for p in passages], threshold=threshold, progress=progress)


@dataclass
class EchoStats:
    """What add_echoes found."""

    measures: int = 0
    compared: int = 0
    echoes: int = 0
    vertical: int = 0
    horizontal: int = 0
    implements: int = 0


def _rank(graph: nx.MultiDiGraph, doc: str) -> tuple[str, int, str]:
    """Order in which reuse flows between peers: earlier issue date first, then higher level, then uid."""
    level = level_rank(graph, doc)
    return (node_properties(graph, doc).get("issueDate") or "9999", 1 if level is None else -level, doc)


def orient(graph: nx.MultiDiGraph, doc_a: str, doc_b: str) -> tuple[bool, Direction]:
    """(whether the edge runs a -> b, "vertical" or "horizontal").

    Vertical when the two documents' levels differ, whatever their provinces: the edge runs from the lower
    level to the higher. Horizontal at the same level (or when a level is unknown): from the later document
    to the earlier.
    """
    level_a, level_b = level_rank(graph, doc_a), level_rank(graph, doc_b)
    if level_a is not None and level_b is not None and level_a != level_b:
        return level_a < level_b, "vertical"
    return _rank(graph, doc_a) > _rank(graph, doc_b), "horizontal"


def _clear(graph: nx.MultiDiGraph) -> None:
    stale = [
        (u, v, k)
        for u, v, k, data in graph.edges(keys=True, data=True)
        if data["type"] == "ECHOES"
        or (data["type"] == "IMPLEMENTS" and data.get("properties", {}).get("via") == "reuse")
    ]
    graph.remove_edges_from(stale)


def add_echoes(
    graph: nx.MultiDiGraph, *, progress: Progress | None = None, sketches: Sketches | None = None
) -> EchoStats:
    """Add ECHOES between measures of different documents and IMPLEMENTS {via: reuse} between their documents.

    Measures are the Measure nodes under each Document (HAS_MEASURE, PART_OF) with a `text`. A measure whose
    words have a sketch in `sketches` is not sketched again; the sketches made are added to it. Running it
    again replaces the edges of the previous run.
    """
    _clear(graph)
    passages = sorted(  # by measure: the order in which echoes of equal overlap are kept (BEST_ECHOES)
        (
            Passage(m, doc, node_properties(graph, m)["text"])
            for doc in nodes_with_label(graph, "Document")
            for m in measures_of(graph, [doc])
            if node_properties(graph, m).get("text")
        ),
        key=lambda p: p.key,
    )
    stats = EchoStats(measures=len(passages))
    distinct = list(dict.fromkeys(p.text for p in passages))  # a text printed in many documents once
    key_of = dict(zip(distinct, word_keys(distinct), strict=True))
    keys = [key_of[p.text] for p in passages]
    text_of = {key: text for text, key in key_of.items()}  # one text of each word key
    del key_of
    known: Sketches = {} if sketches is None else sketches
    sets: dict[bytes, set[str]] = {}  # one shingle set for all measures of the same words

    def shingles_of(i: int) -> set[str]:
        key = keys[i]
        if key not in sets:
            sets[key] = shingles(next(tokenize([text_of[key]])))
        return sets[key]

    new: dict[bytes, int] = {}
    for i, key in enumerate(keys):
        if key not in known:
            new.setdefault(key, i)
    for key, made in zip(new, sketch([shingles_of(i) for i in new.values()]), strict=True):
        known[key] = made
    measured = [known[key] for key in keys]
    stats.compared = sum(1 for s in measured if s.size >= MIN_SHINGLES)
    per_documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    directions: dict[tuple[str, str], Direction] = {}
    groups = [p.group for p in passages]
    oriented = cache(partial(orient, graph))  # once per two documents, not per two measures
    for i, j, score in similar_sketches(measured, groups, shingles_of, keys=keys, progress=progress):
        a, b = passages[i], passages[j]
        forward, direction = oriented(a.group, b.group)
        src, dst = (a, b) if forward else (b, a)
        graph.add_edge(
            src.key,
            dst.key,
            type="ECHOES",
            properties={"similarity": round(score, 3), "direction": direction},
        )
        stats.echoes += 1
        stats.vertical += direction == "vertical"
        stats.horizontal += direction == "horizontal"
        per_documents[(src.group, dst.group)].add(src.key)
        directions[(src.group, dst.group)] = direction
    sizes: dict[str, int] = defaultdict(int)
    for p in passages:
        sizes[p.group] += 1
    for (source, target), measures in sorted(per_documents.items()):
        if len(measures) >= MIN_DOCUMENT_ECHOES:
            score = round(len(measures) / sizes[source], 3)
            props = {
                "via": "reuse",
                "score": score,
                "direction": directions[(source, target)],
                "measures": len(measures),
            }
            graph.add_edge(source, target, type="IMPLEMENTS", properties=props)
            stats.implements += 1
    return stats
