"""The texts an export writes, and characters none of them holds (to join or split them by)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice


def value_texts(values: Iterable[object]) -> Iterator[str]:
    """The strings among graph.json values, and the strings in their lists."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, str))


def free_characters(texts: Iterable[str], candidates: Iterable[str], wanted: int) -> list[str]:
    """The first `wanted` candidate characters that no text holds (fewer when the candidates run out)."""
    used = set(chain.from_iterable(texts))
    return list(islice((c for c in candidates if c not in used), wanted))
