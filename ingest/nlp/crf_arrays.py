"""pkuseg's CRF segmentation with its model compiled into arrays: the same words, several times faster.

pkuseg (spacy_pkuseg 1.0) looks up about 70 feature strings per character in a dict of 2.6 million
(features.pkl): a second's unpickling, 600 MB, and a cache miss per lookup. `compile_model` turns that dict
once into integer keys (a character, a pair of characters, or a pair of vocabulary words, each coded in
64 bits) in an open-addressing hash table of numpy arrays, saved next to the model; `CompiledModel.cut`
then computes every character's features for a batch of texts with numpy, adds the weights of
its features in pkuseg's order (so the scores are the same floats) and decodes with pkuseg's own
Viterbi. The words are pkuseg's `cut` words, post-processing with its default dictionary included
(tests/sample/test_crf_arrays.py compares them on the answer key's measures).
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

NUM, LETTER = 0x110000, 0x110001  # the codes of pkuseg's **Num and **Letter, past every character's
HIDDEN = "*"  # a digit or letter in the text words are looked up in (no word pkuseg can match holds one)
NO_WORD = 0  # the word id of "**noWord"
LENGTHS = (6, 5, 4, 3, 2)  # pkuseg's word features, longest first (config.wordMax .. wordMin)
KEYWORDS = "-._,|/*:"  # pkuseg renames these to "&" before anything else
DIGITS = "0123456789.几二三四五六七八九十千万亿兆零１２３４５６７８９０％"
LETTERS = (
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｇｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ／・－"
)
# feature kinds, in the order pkuseg appends a character's features (after "$$", always feature 0)
CHAR_KINDS = ("c", "c-1", "c-1c", "c1", "cc1", "c-2", "c-2c-1", "c2")
KIND = {name: n for n, name in enumerate((*CHAR_KINDS, "ww.l", "ww.r"))}
BATCH_CHARS = 100_000
FILE = "policy-kg-crf2-{identity}.npz"  # the number: this layout of the arrays
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

RENAMED: dict[int, str] = {ord(c): "&" for c in KEYWORDS}
HIDING: dict[int, str] = {**{ord(c): HIDDEN for c in DIGITS + LETTERS}, **RENAMED}
DIGIT_CODES = np.array(sorted({ord(c) for c in DIGITS} - set(RENAMED)), dtype=np.int64)
LETTER_CODES = np.array(sorted({ord(c) for c in LETTERS} - set(RENAMED)), dtype=np.int64)
_TOKEN = re.compile(r"\*\*noWord|\*\*Num|\*\*Letter|\*|[^*]")


class Postprocess(Protocol):
    def __call__(self, sent: list[str]) -> list[str]: ...


def _code(kind: int, left: int, right: int = 0) -> int:
    return (kind << 42) | (left << 21) | right


def _node(token: str) -> int | None:
    """The code of one of pkuseg's nodes: a character, **Num or **Letter."""
    if token in ("**Num", "**Letter"):
        return NUM if token == "**Num" else LETTER
    return ord(token) if len(token) == 1 else None


def _chars(word: str) -> int:
    """Two or three characters in one code."""
    code = 0
    for char in word:
        code = code << 21 | ord(char)
    return code


def _hash(keys: Ints, bits: int) -> Ints:
    mixed = keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


def _hash_table(keys: Ints, values: Ints) -> tuple[Ints, Ints]:
    """Linear probing, filled a probe distance at a time (each slot tried is taken by then, so a lookup
    that meets an empty slot has missed)."""
    bits = max(4, int(2 * len(keys)).bit_length())
    slots = np.full(1 << bits, -1, dtype=np.int64)
    found = np.zeros(1 << bits, dtype=np.int64)
    home, todo, step = _hash(keys, bits), np.arange(len(keys)), 0
    while len(todo):
        at = (home[todo] + step) & ((1 << bits) - 1)
        free = slots[at] == -1
        at, todo, rest = at[free], todo[free], todo[~free]
        at, first = np.unique(at, return_index=True)
        slots[at], found[at] = keys[todo[first]], values[todo[first]]
        taken = np.ones(len(todo), dtype=bool)
        taken[first] = False
        todo = np.concatenate([rest, todo[taken]])
        step += 1
    return slots, found


def compile_model(features: Path, weights: Path, out: Path) -> None:
    """Write pkuseg's model (features.pkl, weights.npz) as the arrays `CompiledModel` reads."""
    with features.open("rb") as handle:
        data = pickle.load(handle)  # pkuseg's own model file  # noqa: S301
    # a word with "*" is never one pkuseg's window holds (its "*" are in **Num and **Letter alone)
    words = [w for w in data["unigram"] if HIDDEN not in w]
    word_id = {w: n + 1 for n, w in enumerate(words)}  # 0 is **noWord
    word_id["**noWord"] = NO_WORD
    npz = np.load(weights)
    n_tag, n_feature = (int(size) for size in npz["sizes"])
    left_words = np.full(len(words) + 1, n_feature, dtype=np.int64)  # n_feature: the zero row
    right_words = left_words.copy()
    keys: list[int] = []
    values: list[int] = []
    for name, index in data["feature_to_idx"].items():
        kind, _, rest = name.partition(".")
        if kind in ("c", "c-1", "c1", "c-2", "c2"):
            if (node := _node(rest)) is not None:
                keys.append(_code(KIND[kind], node))
                values.append(index)
        elif kind in ("c-1c", "cc1", "c-2c-1"):
            pair = [_node(part) for part in rest.split(".")]
            if len(pair) == 2 and pair[0] is not None and pair[1] is not None:
                keys.append(_code(KIND[kind], pair[0], pair[1]))
                values.append(index)
        elif kind in ("w-1", "w1") and (n := word_id.get(rest)) is not None:
            (left_words if kind == "w-1" else right_words)[n] = index
        elif kind == "ww":
            side, _, pair_text = rest.partition(".")
            tokens = _TOKEN.findall(pair_text)
            if tokens.count("*") == 1:
                cut = tokens.index("*")
                sides = ["".join(part) for part in (tokens[:cut], tokens[cut + 1 :])]
                ids = [NO_WORD if s == "**noWord" else word_id.get(s) for s in sides]
                if ids[0] is not None and ids[1] is not None:
                    keys.append(_code(KIND[f"ww.{side}"], ids[0], ids[1]))
                    values.append(index)
    slots, found = _hash_table(np.array(keys, dtype=np.int64), np.array(values, dtype=np.int64))
    short: dict[int, tuple[list[int], list[int]]] = {2: ([], []), 3: ([], [])}  # codes and ids of words
    longer: set[int] = set()  # the first three characters of the longer words
    for n, w in enumerate(words, start=1):
        if 2 <= len(w) <= 3:
            short[len(w)][0].append(_chars(w))
            short[len(w)][1].append(n)
        elif len(w) > 3:
            longer.add(_chars(w[:3]))
    tables: dict[str, object] = {}
    starting = (sorted(longer), [1] * len(longer))
    for name, (codes, word_ids) in (("pairs", short[2]), ("triples", short[3]), ("longer", starting)):
        tables[f"{name}_slots"], tables[f"{name}_found"] = _hash_table(
            np.array(codes, dtype=np.int64), np.array(word_ids, dtype=np.int64)
        )
    node_weights = np.zeros((n_feature + 1, n_tag))
    node_weights[:n_feature] = npz["w"][: n_feature * n_tag].reshape(n_feature, n_tag)
    from spacy_pkuseg.inference import getLogYY

    _, edge = getLogYY([], n_tag, n_feature * n_tag, npz["w"], 1.0)  # the transitions' scores, as pkuseg's
    starts = np.array(["B" in tag for tag, _ in sorted(data["tag_to_idx"].items(), key=lambda kv: kv[1])])
    temporary = out.with_name(out.name + f".{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        arrays: dict[str, object] = {
            "words": "\n".join(words),
            "left_words": left_words,
            "right_words": right_words,
            "slots": slots,
            "found": found,
            "node_weights": node_weights,
            "edge": edge,
            "starts": starts,
            **tables,
        }
        np.savez(handle, **arrays)  # type: ignore[arg-type]
    temporary.replace(out)


class HashTable:
    """Integer keys to integer values, as `_hash_table` laid them out."""

    def __init__(self, slots: Ints, found: Ints) -> None:
        self.slots, self.found = slots, found
        self.bits = len(slots).bit_length() - 1

    def get(self, keys: Ints, missing: int) -> Ints:
        """The value of each key (`missing` where the table has none)."""
        out = np.full(len(keys), missing, dtype=np.int64)
        todo = np.arange(len(keys))
        home = _hash(keys, self.bits)
        step, mask = 0, len(self.slots) - 1
        while len(todo):
            at = (home[todo] + step) & mask
            slot = self.slots[at]
            hit = slot == keys[todo]
            out[todo[hit]] = self.found[at[hit]]
            todo = todo[~hit & (slot != -1)]
            step += 1
        return out


class CompiledModel:
    """pkuseg's model as arrays; `cut` segments as pkuseg's `cut` does (its user dictionary empty)."""

    def __init__(self, path: Path, postprocess: Postprocess) -> None:
        with np.load(path) as npz:
            self.word_id = {w: n + 1 for n, w in enumerate(str(npz["words"]).split("\n"))}
            self.left_words, self.right_words = npz["left_words"], npz["right_words"]
            self.features = HashTable(npz["slots"], npz["found"])
            self.pairs = HashTable(npz["pairs_slots"], npz["pairs_found"])
            self.triples = HashTable(npz["triples_slots"], npz["triples_found"])
            self.longer = HashTable(npz["longer_slots"], npz["longer_found"])
            self.node_weights, self.edge, self.starts = npz["node_weights"], npz["edge"], npz["starts"]
        self.word_id["**noWord"] = NO_WORD
        self.empty = self.word_id.get("", NO_WORD)  # what pkuseg's word window holds past either end
        self.zero = len(self.node_weights) - 1
        self.postprocess = postprocess

    def cut(self, texts: Sequence[str]) -> list[list[str]]:
        """pkuseg's words of each text (split at whitespace first, as pkuseg does)."""
        pieces = [(n, piece) for n, text in enumerate(texts) for piece in text.split()]
        out: list[list[str]] = [[] for _ in texts]
        start = 0
        while start < len(pieces):
            end, size = start, 0
            while end < len(pieces) and (size < BATCH_CHARS or end == start):
                size += len(pieces[end][1])
                end += 1
            batch = [piece for _, piece in pieces[start:end]]
            for (n, _), words in zip(pieces[start:end], self._cut_batch(batch), strict=True):
                out[n].extend(words)
            start = end
        return out

    def _cut_batch(self, pieces: list[str]) -> list[list[str]]:
        scores = self._scores(pieces)
        from spacy_pkuseg.inference import run_viterbi

        out, at = [], 0
        for piece in pieces:
            _, tags = run_viterbi(scores[at : at + len(piece)], self.edge)
            starts = self.starts[tags]
            starts[0] = True
            bounds = [*np.flatnonzero(starts).tolist(), len(piece)]
            out.append(self.postprocess([piece[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]))
            at += len(piece)
        return out

    def _scores(self, pieces: list[str]) -> npt.NDArray[np.float64]:
        """Each character's score per tag: the sum of its features' weights, added in pkuseg's order."""
        printed = "".join(pieces)
        size = len(printed)
        ords = np.frombuffer(printed.translate(RENAMED).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        ords = np.where(np.isin(ords, DIGIT_CODES), NUM, np.where(np.isin(ords, LETTER_CODES), LETTER, ords))
        text = printed.translate(HIDING)  # the words are looked up in this
        letters = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        lengths = np.array([len(n) for n in pieces], dtype=np.int64)
        first = np.repeat(np.cumsum(lengths) - lengths, lengths)
        before = np.arange(size) - first  # characters of its piece before each one
        after = np.repeat(lengths, lengths) - before - 1  # and after it

        def shifted(values: Ints, by: int, fill: int) -> Ints:
            """values[p - by] at each p (fill where that is outside the text)."""
            out = np.full(size, fill, dtype=np.int64)
            if by >= 0:
                out[by:] = values[: size - by] if by else values
            else:
                out[:by] = values[-by:]
            return out

        pair = ords << 21 | shifted(ords, -1, 0)  # this character and the next
        single = ords << 21
        char_keys = {
            "c": single,
            "c-1": shifted(single, 1, 0),
            "c-1c": shifted(pair, 1, 0),
            "c1": shifted(single, -1, 0),
            "cc1": pair,
            "c-2": shifted(single, 2, 0),
            "c-2c-1": shifted(pair, 2, 0),
            "c2": shifted(single, -2, 0),
        }
        valid = {"c-1": 1, "c-1c": 1, "c-2": 2, "c-2c-1": 2}
        ahead = {"c1": 1, "cc1": 1, "c2": 2}
        scores = np.empty((size, self.node_weights.shape[1]))
        scores[:] = self.node_weights[0]

        everyone = np.arange(size)

        def add(rows: Ints, index: Ints) -> None:
            """Add the weights of one feature of those characters (one each; none where it is the zero row):
            the same sums as pkuseg's, since adding 0.0 changes no score."""
            hit = index != self.zero
            scores[rows[hit]] += self.node_weights[index[hit]]

        def look_up(keys: Ints, where: Bools | None, fill: int = -1) -> None:
            """Add the feature of each key (of the characters `where` says, feature `fill` for the others)."""
            rows = everyone if where is None else np.flatnonzero(where)
            add(rows, self.features.get(keys[rows], self.zero))
            if fill >= 0 and fill != self.zero and where is not None:
                others = np.flatnonzero(~where)
                add(others, np.full(len(others), fill, dtype=np.int64))

        for name in CHAR_KINDS:
            where = (
                (before >= valid[name])
                if name in valid
                else (after >= ahead[name])
                if name in ahead
                else None
            )
            look_up(char_keys[name] | (KIND[name] << 42), where)
        starting = {
            n: np.where(after >= n - 1, ids, self.empty) for n, ids in self._words(text, letters).items()
        }
        ending = {n: np.where(before >= n - 1, shifted(starting[n], n - 1, 0), self.empty) for n in LENGTHS}
        ended = {n: np.where(before >= n, shifted(starting[n], n, 0), self.empty) for n in LENGTHS}
        following = {n: np.where(after >= 1, shifted(starting[n], -1, 0), self.empty) for n in LENGTHS}
        for n in LENGTHS:
            add(everyone, self.left_words[ending[n]])
        for n in LENGTHS:
            add(everyone, self.right_words[starting[n]])
        for kind, lefts, rights in (("ww.l", ended, starting), ("ww.r", ending, following)):
            neither = int(self.features.get(np.array([_code(KIND[kind], NO_WORD, NO_WORD)]), self.zero)[0])
            for a in LENGTHS:
                for b in LENGTHS:
                    where = (lefts[a] != NO_WORD) | (rights[b] != NO_WORD)
                    look_up((KIND[kind] << 42) | (lefts[a] << 21) | rights[b], where, neither)
        return scores

    def _words(self, text: str, letters: Ints) -> dict[int, Ints]:
        """The id of the vocabulary word of each length that starts at each character (NO_WORD where none
        does; a word may run on into the next piece, which the caller masks). Words of 2 and 3 characters
        are found by their codes; a longer one only where its first three characters start one."""
        size = len(text)
        pair = letters << 21
        pair[:-1] |= letters[1:]
        triple = pair << 21
        triple[:-2] |= letters[2:]
        found = {2: self.pairs.get(pair, NO_WORD), 3: self.triples.get(triple, NO_WORD)}
        candidates = np.flatnonzero(self.longer.get(triple, 0)).tolist()
        word = self.word_id.get
        for length in (4, 5, 6):
            ids = np.full(size, NO_WORD, dtype=np.int64)
            ids[candidates] = [word(text[p : p + length], NO_WORD) for p in candidates]
            found[length] = ids
        return found
