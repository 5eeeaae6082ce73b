"""Echo detection scales sub-quadratically: synthetic corpora 1x, 5x and 20x the sample's size.

The sample holds about 3,000 measures in 86 notices. Each synthetic notice has 35 measures of 30-90 words
drawn from a Zipf-distributed vocabulary; one measure in five restates a measure of an earlier notice with
15% of its words changed (the planted echoes). Word lists stand in for pkuseg output, so the run times
the LSH pairing (kg.build.echoes.similar_sets), not segmentation. Printed: seconds at each size, the ratio to 1x,
the ratio n^2 would predict, and the share of planted echoes found.

    .venv/bin/python bench/bench_echoes.py
"""

from __future__ import annotations

import random
import time

from kg.build.echoes import MIN_SHINGLES, SHINGLE_SIZE, THRESHOLD, overlap, similar_sets

SAMPLE_DOCUMENTS = 86
MEASURES_PER_DOCUMENT = 35
VOCABULARY = 8000
SCALES = (1, 5, 20)


def synthetic_corpus(
    documents: int, seed: int = 7
) -> tuple[list[list[str]], list[str], set[tuple[int, int]]]:
    """Token lists, their document ids, and the planted (original, copy) index pairs."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(VOCABULARY)]
    weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
    texts: list[list[str]] = []
    groups: list[str] = []
    planted: set[tuple[int, int]] = set()
    for doc in range(documents):
        for _ in range(MEASURES_PER_DOCUMENT):
            if doc and rng.random() < 0.2:
                source = rng.randrange(doc * MEASURES_PER_DOCUMENT)
                copy = [w if rng.random() > 0.15 else rng.choices(words, weights)[0] for w in texts[source]]
                planted.add((source, len(texts)))
                texts.append(copy)
            else:
                texts.append(rng.choices(words, weights, k=rng.randint(30, 90)))
            groups.append(f"d{doc}")
    return texts, groups, planted


def shingles(tokens: list[str]) -> set[str]:
    return {" ".join(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)}


def all_pairs(sets: list[set[str]], groups: list[str]) -> set[tuple[int, int]]:
    """The quadratic baseline: every cross-document pair compared exactly."""
    usable = [i for i, s in enumerate(sets) if len(s) >= MIN_SHINGLES]
    return {
        (i, j)
        for a, i in enumerate(usable)
        for j in usable[a + 1 :]
        if groups[i] != groups[j] and overlap(sets[i], sets[j]) >= THRESHOLD
    }


def main() -> None:
    baseline: float | None = None
    print(
        f"{'scale':>5} {'measures':>9} {'seconds':>8} {'x 1x':>7} {'n^2 x':>7} {'pairs':>7} {'planted found':>13}"
    )
    for scale in SCALES:
        texts, groups, planted = synthetic_corpus(SAMPLE_DOCUMENTS * scale)
        sets = [shingles(t) for t in texts]
        start = time.perf_counter()
        pairs = similar_sets(sets, groups)
        seconds = time.perf_counter() - start
        found = {(i, j) for i, j, _ in pairs}
        if baseline is None:
            baseline = seconds
            start = time.perf_counter()
            exact = all_pairs(sets, groups)
            brute = time.perf_counter() - start
            print(
                f"all-pairs at 1x: {brute:.1f} s, {len(exact)} pairs, LSH found {len(found & exact)}; "
                f"n^2 predicts ~{brute * SCALES[-1] ** 2:.0f} s at {SCALES[-1]}x"
            )
        recall = len(found & planted) / len(planted)
        print(
            f"{scale:>5} {len(texts):>9} {seconds:>8.2f} {seconds / baseline:>7.1f} {scale**2:>7} "
            f"{len(pairs):>7} {recall:>13.1%}"
        )


if __name__ == "__main__":
    main()
