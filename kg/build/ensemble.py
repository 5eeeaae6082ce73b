"""The candidates of an LSH Ensemble, exactly as datasketch's MinHashLSHEnsemble gives them when every set is
indexed and each is queried, computed on the signatures with numpy.

The ensemble splits the indexed sets into partitions by size (datasketch's `optimal_partitions`, the sets
assigned in order of size). A query of size q looks into each partition with the bands (b, r) datasketch's
parameter table gives for the partition's largest size over q: a set of the partition is a candidate when
one of the first b bands of r hash values equals the query's. Here each band of a partition is matched
against the queries that look at it in one pass (a sorted array of band values, or a dict for wide bands,
which come one to a query), a block of queries at a time: the same candidates as datasketch's index and
query (tests compare the two), without its per-band byte swapping and storage layers, and given query by
query, so that the candidate pairs of a large corpus (which grow with the square of the measures that
restate one another) are never all held.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


BLOCK = 2048  # queries whose candidates are found together
COMPACT = 1 << 22  # band matches held before duplicates (a pair found by several bands) are dropped


def ensemble_candidates(
    sizes: Sequence[int],
    signatures: Sequence[bytes],
    *,
    threshold: float,
    num_perm: int,
    num_part: int,
    copies: Sequence[int] | None = None,
) -> Iterator[tuple[int, npt.NDArray[np.int64]]]:
    """Each set i, in order, with the sets j != i (ascending) among the candidates of its query, for sets of
    these sizes and signatures (`num_perm` hash values each, as bytes) in MinHashLSHEnsemble(threshold,
    num_perm, num_part) holding them all. `copies`: how many indexed sets each one stands for (identical
    sets are given once; the partitions by size count every copy). The candidates are found BLOCK queries at
    a time, so the pairs of the whole index are never held at once."""
    import numpy as np
    from datasketch import MinHashLSHEnsemble
    from datasketch.lshensemble_partition import optimal_partitions

    if not sizes:
        return
    table = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm, num_part=num_part)
    width = len(signatures[0]) // num_perm  # bytes of one hash value
    values = np.frombuffer(b"".join(signatures), dtype=np.dtype(f"V{width}")).reshape(len(sizes), num_perm)
    counted: Counter[int] = Counter()
    for size, count in zip(sizes, copies or [1] * len(sizes), strict=True):
        counted[size] += count
    domain, counts = np.array(sorted(counted.most_common())).T
    uppers = [int(upper) for _, upper in optimal_partitions(domain, counts, num_part)]
    members: list[list[int]] = [[] for _ in uppers]
    part = 0
    for i in sorted(range(len(sizes)), key=sizes.__getitem__):  # as MinHashLSHEnsemble.index assigns them
        if sizes[i] > uppers[part]:
            part += 1
        members[part].append(i)
    queried = np.array(sizes, dtype=float)
    looks = []  # per partition: its members and the bands (b, r) each query looks at in it
    for upper, inside in zip(uppers, members, strict=True):
        at = np.minimum(
            np.searchsorted(table.xqs, float(upper) / queried, side="left"), len(table.params) - 1
        )
        looks.append((inside, *table.params[at].T))
    n = len(sizes)
    for start in range(0, n, BLOCK):
        block = np.arange(start, min(n, start + BLOCK))
        found: list[npt.NDArray[np.int64]] = []
        held = 0
        for inside, b, r in looks:
            b, r = b[block], r[block]
            for rows in sorted(set(r.tolist())):
                for k in range(int(b[r == rows].max())):
                    queries = block[(r == rows) & (b > k)]
                    member_bands = _band(values, inside, k, rows)
                    query_bands = _band(values, queries, k, rows)
                    found.append(_matches(member_bands, inside, query_bands, queries, n))
                    held += len(found[-1])
                    if held > COMPACT:
                        found = [np.unique(np.concatenate(found))]
                        held = len(found[0])
        pairs = np.unique(np.concatenate(found)) if found else np.array([], dtype=np.int64)
        starts, ends = np.divmod(pairs, n)
        bounds = np.searchsorted(starts, np.append(block, block[-1] + 1))
        for i, low, high in zip(block.tolist(), bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            others = ends[low:high]
            yield i, others[others != i]


def _band(
    values: npt.NDArray[np.void], rows: Sequence[int] | npt.NDArray[np.int64], k: int, r: int
) -> npt.NDArray[np.generic]:
    """Band k (hash values k*r to (k+1)*r) of the given rows, one value each: an unsigned integer when the
    band is 4 or 8 bytes (equal exactly when the bytes are), else the bytes."""
    import numpy as np

    band = np.ascontiguousarray(values[rows, k * r : (k + 1) * r])
    size = band.dtype.itemsize * r
    if size in (4, 8):
        return band.view(np.uint32 if size == 4 else np.uint64).ravel()
    return band.view(f"V{size}").ravel()


def _matches(
    member_bands: npt.NDArray[np.generic],
    members: Sequence[int],
    query_bands: npt.NDArray[np.generic],
    queries: npt.NDArray[np.int64],
    n: int,
) -> npt.NDArray[np.int64]:
    """query * n + member for every query and member whose bands are equal (n: the number of sets): by a
    sorted array for bands held in an integer, by a dict for wider ones (numpy compares raw bytes slowly)."""
    import numpy as np

    if member_bands.dtype.kind == "V":
        held: dict[bytes, list[int]] = defaultdict(list)
        for member, band in zip(members, member_bands.tolist(), strict=True):
            held[band].append(member)
        pairs = [
            q * n + m
            for q, band in zip(queries.tolist(), query_bands.tolist(), strict=True)
            for m in held.get(band, ())
        ]
        return np.array(pairs, dtype=np.int64)
    order = np.argsort(member_bands, kind="stable")
    ordered = member_bands[order]
    low = np.searchsorted(ordered, query_bands, side="left")
    high = np.searchsorted(ordered, query_bands, side="right")
    hits = high - low
    if not hits.any():
        return np.array([], dtype=np.int64)
    who = np.repeat(queries, hits)
    first = np.repeat(low - np.cumsum(hits) + hits, hits) + np.arange(int(hits.sum()))
    return who.astype(np.int64) * n + np.asarray(members, dtype=np.int64)[order[first]]
