"""kg.build.ensemble gives exactly the candidates datasketch's MinHashLSHEnsemble gives, all sets indexed and
each queried: on sets of many sizes (several partitions, every band width the parameter table uses),
with copies and near copies among them."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSHEnsemble

from kg.build import ensemble
from kg.build.echoes import MIN_SHINGLES, NUM_PERM, THRESHOLD, sketch
from kg.build.ensemble import ensemble_candidates


def _sets(count: int, seed: int) -> list[set[str]]:
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(3000)]
    sets: list[set[str]] = []
    for n in range(count):
        if sets and rng.random() < 0.3:  # a near copy of an earlier set, or a part of one
            base = sorted(rng.choice(sets))
            kept = [w for w in base if rng.random() < 0.8]
            sets.append(set(kept[: rng.randint(12, max(12, len(kept)))]) | {f"x{n}"})
        else:
            sets.append(set(rng.sample(words, rng.randint(12, 400))))
    return sets


def _datasketch_pairs(sizes: list[int], signatures: list[bytes]) -> set[tuple[int, int]]:
    like = MinHash(num_perm=NUM_PERM)
    dtype = like.hashvalues.dtype
    hashes = [
        LeanMinHash(seed=like.seed, hashvalues=np.frombuffer(s, dtype=dtype), scheme=like.scheme)
        for s in signatures
    ]
    index = MinHashLSHEnsemble(threshold=THRESHOLD * 0.8, num_perm=NUM_PERM, num_part=8)
    index.index((i, m, sizes[i]) for i, m in enumerate(hashes))
    return {(i, j) for i, m in enumerate(hashes) for j in index.query(m, sizes[i]) if i != j}


def _pairs(
    sizes: list[int], signatures: list[bytes], copies: list[int] | None = None
) -> set[tuple[int, int]]:
    found = ensemble_candidates(
        sizes, signatures, threshold=THRESHOLD * 0.8, num_perm=NUM_PERM, num_part=8, copies=copies
    )
    return {(i, j) for i, others in found for j in others.tolist()}


def test_the_candidates_are_datasketchs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ensemble, "BLOCK", 64)  # several blocks of queries
    monkeypatch.setattr(ensemble, "COMPACT", 1000)  # and duplicates dropped along the way
    for seed in (1, 2):
        sketches = [s for s in sketch(_sets(600, seed)) if s.size >= MIN_SHINGLES]
        sizes, signatures = [s.size for s in sketches], [s.hashvalues for s in sketches]
        ours = _pairs(sizes, signatures)
        assert len(ours) > 600
        assert ours == _datasketch_pairs(sizes, signatures)


def test_sets_given_once_for_their_copies_have_the_candidates_of_the_copies() -> None:
    """Identical sets given once with their number of copies: the partitions count the copies, so each
    distinct set's candidates are the other distinct sets its copies have among theirs."""
    sketches = [s for s in sketch(_sets(300, 3)) if s.size >= MIN_SHINGLES]
    copies = [1 + i % 4 for i in range(len(sketches))]
    every = [s for s, n in zip(sketches, copies, strict=True) for _ in range(n)]
    first = [sum(copies[:i]) for i in range(len(sketches))]
    of = {at + c: i for i, at in enumerate(first) for c in range(copies[i])}
    full = _datasketch_pairs([s.size for s in every], [s.hashvalues for s in every])
    expected = {(of[i], of[j]) for i, j in full if of[i] != of[j]}
    given_once = _pairs([s.size for s in sketches], [s.hashvalues for s in sketches], copies)
    assert len(expected) > 300 and given_once == expected


def test_no_sets_no_pairs() -> None:
    assert _pairs([], []) == set()
