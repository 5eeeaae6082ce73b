"""The compiled pkuseg model gives pkuseg's own words: on the answer key's measures of the sample and on
texts made of what pkuseg treats apart (digits, letters, its renamed punctuation, whitespace, the ends)."""

from __future__ import annotations

import contextlib
import io

import pytest
from spacy.lang.zh import Chinese, ChineseTokenizer

from ingest.nlp import segmenter as nlp
from tests.support.gold_measure_texts import GoldMeasure

EDGES = [
    "",
    "改",
    "改革",
    "  深化 “放管服”\u3000改革\n",
    "2023年12月31日前完成70%以上，ＡＢＣ类企业１２３家",
    "推行e-CNY、5G+工业互联网、A/B/C级纳税人: 3.5亿元*2",
    "金**项目和**年*",
    "\ufdd0\ufdd1字符与数字1混排",
    "由市商务委牵头，推动口岸查验无陪同比例达到70%以上。" * 3,
]


@pytest.fixture(scope="module")
def pkuseg_cut():
    """pkuseg as spaCy loads it (the 800 MB dict of feature strings)."""
    chinese = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    tokenizer = chinese.tokenizer
    assert isinstance(tokenizer, ChineseTokenizer)
    with contextlib.redirect_stderr(io.StringIO()):
        tokenizer.initialize(pkuseg_model=str(nlp.model_dir()))
    assert tokenizer.pkuseg_seg is not None
    return tokenizer.pkuseg_seg.cut


def test_the_compiled_model_cuts_as_pkuseg(pkuseg_cut, gold_measures: tuple[GoldMeasure, ...]) -> None:
    texts = [m.text for m in gold_measures] + EDGES
    assert sum(map(len, texts)) > 10_000
    assert nlp.model().cut(texts) == [pkuseg_cut(text) for text in texts]


def test_a_batch_cuts_each_text_as_alone(gold_measures: tuple[GoldMeasure, ...]) -> None:
    texts = [m.text for m in gold_measures[:30]] + EDGES
    alone = [nlp.model().cut([text])[0] for text in texts]
    assert nlp.model().cut(texts) == alone
    assert all("".join(words) == "".join(text.split()) for words, text in zip(alone, texts, strict=True))
