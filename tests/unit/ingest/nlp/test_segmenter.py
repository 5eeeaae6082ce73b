"""spaCy zh + pkuseg, offline: segmentation, the cache, unit names in running text, keywords, missing model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.lexicon.textmask import mask_unit_lists
from ingest.nlp import segmenter as nlp
from tests.support.gold_measure_texts import GoldMeasure
from tests.support.paths import ROOT


def test_tokenize_segments_words_offline() -> None:
    [words] = nlp.tokenize(["由市商务委牵头，推动口岸查验无陪同比例达到70%以上。"])
    assert "".join(words) == "由市商务委牵头，推动口岸查验无陪同比例达到70%以上。"
    for word in ("牵头", "推动", "口岸", "查验", "比例", "达到", "以上"):
        assert word in words
    assert len(words) < 20  # words, not characters


def test_tokenize_drops_whitespace_and_keeps_order() -> None:
    texts = ["优化 营商 环境", "深化“放管服”改革", "优化 营商 环境"]
    out = nlp.tokenize(texts)
    assert out[0] == out[2]
    assert " " not in out[0] and "".join(out[0]) == "优化营商环境"
    assert "".join(out[1]) == texts[1]


def test_cache_returns_the_same_words_without_segmenting_again(monkeypatch) -> None:
    text = "全面推行证明事项告知承诺制。"
    first = nlp.tokenize([text])

    def fail(_texts):
        raise AssertionError("segmented a cached text again")

    monkeypatch.setattr(nlp, "_segment", fail)
    monkeypatch.setattr(nlp, "_segment_parallel", fail)
    assert nlp.tokenize([text]) == first


def test_find_units_longest_names_without_overlap() -> None:
    text = "由市商务委牵头，市税务局、上海海关配合，上海市商务委员会负责统筹。"
    names = ["市商务委", "市税务局", "上海海关", "上海市商务委员会", "商务委", "海关"]
    found = nlp.find_units(text, names)
    assert found == [
        (1, 5, "市商务委"),
        (8, 12, "市税务局"),
        (13, 17, "上海海关"),
        (20, 28, "上海市商务委员会"),
    ]
    assert all(text[s:e] == name for s, e, name in found)
    assert nlp.find_units(text, []) == [] and nlp.find_units("", names) == []


def test_find_units_in_a_sample_measure(gold_measures: tuple[GoldMeasure, ...]) -> None:
    m = next(g for g in gold_measures if g.doc_id == "上海-01" and g.entry["no"] == "3")
    found = [name for _, _, name in nlp.find_units(m.text, ["市税务局", "上海海关", "市商务委", "市财政局"])]
    assert found == ["市税务局", "上海海关", "市商务委"]


def test_measure_keywords_are_content_words_not_units_or_boilerplate() -> None:
    text = (
        "提升出口退税便利度。推动出口退税证明电子化开具和使用，实现全流程无纸化。进一步加快出口退税速度，"
        "正常出口退税平均办理时间压缩至3个工作日内。（市税务局、上海海关、市商务委）"
    )
    words = nlp.measure_keywords(text, 5)
    assert len(words) == 5
    assert words[0] in ("出口", "退税")
    assert {"出口", "退税"} <= set(words)
    assert not {"进一步", "推动", "实现", "市税务局", "税务局", "海关"} & set(words)


def test_unit_lists_are_masked_but_other_parentheses_kept() -> None:
    text = "正常出口退（免）税压缩至3个工作日。（市税务局、上海海关）推行（一网通办）。（责任单位：各区政府）"
    masked = mask_unit_lists(text, "_")
    assert len(masked) == len(text)
    assert "（免）" in masked and "（一网通办）" in masked
    assert "市税务局" not in masked and "各区政府" not in masked


def test_missing_model_is_a_one_line_input_error(tmp_path) -> None:
    code = "from ingest.nlp import segmenter as nlp\ntry:\n    nlp.tokenize(['测试'])\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
    env = {**os.environ, nlp.MODEL_ENV: str(tmp_path / "nowhere")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=True
    )
    line = out.stdout.strip()
    assert line.startswith("InputError ") and "\n" not in line
    assert str(tmp_path / "nowhere") in line and "install_pkuseg_model.sh" in line


def test_model_is_installed_where_setup_puts_it() -> None:
    """scripts/setup.sh installs the model into the venv; a second run of the script is a no-op."""
    if os.environ.get(nlp.MODEL_ENV):
        pytest.skip("the model directory is set by $POLICY_KG_PKUSEG_MODEL")
    assert all((nlp.model_dir() / f).is_file() for f in nlp.MODEL_FILES)
    assert Path(sys.prefix) in nlp.model_dir().parents
    again = subprocess.run(
        ["bash", "scripts/install_pkuseg_model.sh"], cwd=ROOT, capture_output=True, text=True
    )
    assert again.returncode == 0 and again.stdout == ""


def test_keywords_segment_the_printed_text_once_for_every_caller(monkeypatch) -> None:
    """measure_keywords segments the text as printed, so tokenize (the echo work) finds it cached."""
    text = "深化不动产登记改革，推行带押过户。（市规划资源局、市税务局）"
    words = nlp.measure_keywords(text, 3)
    assert "不动产" in words or "不动产登记" in words

    def fail(_texts):
        raise AssertionError("segmented the same text twice")

    monkeypatch.setattr(nlp, "_segment_parallel", fail)
    assert "".join(nlp.tokenize([text])[0]) == text
