"""spaCy `zh` with pkuseg word segmentation, fully offline: tokens, unit names in running text, keywords.

The pkuseg default model (features.pkl, weights.npz) is installed by scripts/install_pkuseg_model.sh into
`<venv>/share/pkuseg/default` (or the directory named by $POLICY_KG_PKUSEG_MODEL); nothing is downloaded at
run time. The first load compiles the model's feature dict into arrays (ingest.nlp.crf_arrays, kept next to
the model or in the cache; scripts/setup.sh does it once), which segment the sample's measures (450k
characters) in under 2 s of CPU, pkuseg's own words; `segmentations` caches results by text hash and splits
large batches over the machine's cores.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.cores import usable_cores
from ingest.errors import InputError
from ingest.lexicon.textmask import mask_unit_lists
from ingest.nlp.crf_arrays import FILE as COMPILED
from ingest.nlp.crf_arrays import CompiledModel, compile_model
from ingest.nlp.token_cache import TokenCache
from ingest.sources.page_cache import cache_root

if TYPE_CHECKING:  # spaCy is imported where it is used: the segmentation cache is checked without it
    from spacy.matcher import PhraseMatcher
    from spacy.vocab import Vocab

MODEL_ENV = "POLICY_KG_PKUSEG_MODEL"
MODEL_FILES = ("features.pkl", "weights.npz")
_PARALLEL_CHARS = 60_000  # below this, one process is faster than starting a second one
_STOPWORDS_FILE = Path(__file__).parents[1] / "data" / "keyword_stopwords.txt"
_cache: dict[bytes, tuple[str, ...]] = {}


def model_dir() -> Path:
    """Where the pkuseg model is read from."""
    return Path(os.environ.get(MODEL_ENV) or Path(sys.prefix) / "share" / "pkuseg" / "default")


def _identity() -> str:
    """The installed model's files by size and change time: the key of its compiled form and its cache."""
    path = model_dir()
    parts = []
    for name in MODEL_FILES:
        stat = (path / name).stat() if (path / name).exists() else None
        parts.append(f"{name}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}")
    return ";".join(parts)


@cache
def model() -> CompiledModel:
    """pkuseg's model, compiled into arrays (ingest.nlp.crf_arrays) the first time it is used: kept next to
    the model, or in the policy-kg cache where the model's folder cannot be written (loaded once)."""
    path = model_dir()
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise InputError(
            str(path),
            f"pkuseg model missing ({', '.join(missing)}); run bash scripts/install_pkuseg_model.sh",
        )
    digest = hashlib.blake2b(_identity().encode(), digest_size=8).hexdigest()
    name = COMPILED.format(identity=digest)
    places = [path / name, cache_root() / "pkuseg" / name]
    found = next((place for place in places if place.is_file()), None)
    if found is None:
        for place in places:
            try:
                place.parent.mkdir(parents=True, exist_ok=True)
                compile_model(path / "features.pkl", path / "weights.npz", place)
            except OSError:
                continue
            found = place
            break
        else:
            raise InputError(str(path), "cannot write the compiled pkuseg model next to it or in the cache")
    import spacy_pkuseg

    default = Path(spacy_pkuseg.__file__).parent / "dicts" / "default.pkl"  # pkuseg's post-processing words
    return CompiledModel(found, spacy_pkuseg.Postprocesser(None, [str(default)]))


def warm_up() -> None:
    """Load what segmenting and keywords need (the model, spaCy's stop words) ahead of the first text."""
    model()
    _stopwords()


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _segment(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """pkuseg's words of each text (the spaCy tokenizer's tokens without its whitespace tokens)."""
    return [tuple(words) for words in model().cut(texts)]


def _segment_parallel(texts: list[str], workers: int) -> list[tuple[str, ...]]:
    """Segment over `workers` forked processes, which share the model loaded in this process."""
    if (
        workers < 2
        or sum(map(len, texts)) < _PARALLEL_CHARS
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _segment(texts)
    model()
    chunks = [texts[i::workers] for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_segment, chunks)
    out: list[tuple[str, ...]] = [()] * len(texts)
    for i, chunk in enumerate(results):
        out[i::workers] = chunk
    return out


def tokenize(texts: Sequence[str], *, workers: int | None = None) -> list[list[str]]:
    """pkuseg words of each text (whitespace dropped), cached by text hash in memory and on disk; the texts
    not cached are segmented over `workers` processes (default: the usable cores, at most 4)."""
    words = segmentations(texts, workers=workers)
    return [list(words[_key(t)]) for t in texts]


def segmentations(
    texts: Sequence[str], *, fork: bool = True, workers: int | None = None
) -> dict[bytes, tuple[str, ...]]:
    """The words of each text by its hash, from the caches or segmented now (and cached); with `fork`, a
    large batch is split over `workers` forked processes (never from a process that runs threads: a Dask
    worker)."""
    missing(texts)
    todo = {_key(t): t for t in texts if _key(t) not in _cache}
    if todo:
        count = (workers or min(usable_cores(), 4)) if fork else 1
        words = _segment_parallel(list(todo.values()), count)
        segmented = dict(zip(todo, map(_interned, words), strict=True))
        remember(segmented)
    return {key: _cache[key] for key in map(_key, texts)}


def _interned(words: Sequence[str]) -> tuple[str, ...]:
    """The words as one shared string each: the cache holds the words of every measure of the corpus, and
    a word read from disk or another process would otherwise be a new string in each."""
    return tuple(map(sys.intern, words))


def missing(texts: Sequence[str]) -> int:
    """How many of the texts no cache holds the words of; those the disk cache holds are read into memory."""
    todo = [key for key in map(_key, texts) if key not in _cache]
    if todo:
        _cache.update((key, _interned(words)) for key, words in _disk_cache().get_many(todo).items())
    return sum(1 for key in todo if key not in _cache)


def nothing_cached() -> bool:
    """Whether no text has been segmented by this model on this machine yet (nothing to find in the cache)."""
    return not _cache and _disk_cache().empty()


def remember(words: dict[bytes, tuple[str, ...]]) -> None:
    """Cache segmentations made elsewhere (by `segmentations` in a worker process), in memory and on disk."""
    new = {key: _interned(value) for key, value in words.items() if key not in _cache}
    _cache.update(new)
    _disk_cache().put_many(new)


@cache
def _disk_cache() -> TokenCache:
    """The per-user segmentation cache for the installed model (its files' sizes identify it)."""
    path = model_dir()
    sizes = ";".join(
        f"{name}:{(path / name).stat().st_size if (path / name).exists() else 0}" for name in MODEL_FILES
    )
    return TokenCache(f"pkuseg:{sizes}")


@cache
def _unit_matcher(names: tuple[str, ...]) -> tuple[Vocab, PhraseMatcher]:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    vocab = Vocab()
    matcher = PhraseMatcher(vocab)
    for name in names:
        matcher.add(name, [Doc(vocab, words=list(name), spaces=[False] * len(name))])
    return vocab, matcher


def find_units(text: str, names: Sequence[str]) -> list[tuple[int, int, str]]:
    """Gazetteer names printed in `text`: (start, end, name) character spans, longest first, no overlaps.

    A PhraseMatcher over single characters, so a name is found whatever the word segmentation does with it
    (pkuseg splits 市商务委 into 市/商务委 in one sentence and not in another).
    """
    wanted = tuple(sorted({n for n in names if n}))
    if not text or not wanted:
        return []
    vocab, matcher = _unit_matcher(wanted)
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    doc = Doc(vocab, words=list(text), spaces=[False] * len(text))
    spans = [doc[start:end] for _, start, end in matcher(doc)]
    return [(s.start, s.end, s.text) for s in sorted(filter_spans(spans), key=lambda s: s.start)]


@cache
def _stopwords() -> frozenset[str]:
    genre = _STOPWORDS_FILE.read_text(encoding="utf-8").split()
    from spacy.lang.zh.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(genre)


def _is_keyword(word: str, stop: frozenset[str]) -> bool:
    return len(word) >= 2 and word not in stop and all("\u4e00" <= c <= "\u9fff" for c in word)


def _outside_unit_lists(text: str, words: list[str]) -> list[str]:
    """The words of `text` that do not fall inside a unit-list parenthesis."""
    masked = mask_unit_lists(text, "\0")
    out, pos = [], 0
    for word in words:
        at = text.find(word, pos)
        if at < 0:
            continue
        pos = at + len(word)
        if "\0" not in masked[at:pos]:
            out.append(word)
    return out


def measure_keywords(text: str, k: int) -> list[str]:
    """The k content words of a measure, most frequent first (ties: longer, then earlier).

    Segments the measure text as printed (so the cache is shared with every other caller of `tokenize`),
    then drops words inside unit lists; stop words are spaCy's Chinese list plus the genre's action verbs
    and connectives (加强, 推进, 进一步 …, ingest/data/keyword_stopwords.txt); only words of two or more
    Chinese characters count.
    """
    stop = _stopwords()
    words = [w for w in _outside_unit_lists(text, tokenize([text])[0]) if _is_keyword(w, stop)]
    counts = Counter(words)
    first = {w: i for i, w in reversed(list(enumerate(words)))}
    return sorted(counts, key=lambda w: (-counts[w], -len(w), first[w]))[:k]
