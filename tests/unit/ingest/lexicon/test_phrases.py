"""PhraseFinder behaves like a longest-first regex alternation."""

import re

from ingest.lexicon.phrases import PhraseFinder


def test_leftmost_longest_without_overlaps():
    finder = PhraseFinder(["上海市", "上海", "海市", "黄浦区", "浦区"])
    assert finder.finditer("上海市黄浦区人民政府") == [(0, 3, "上海市"), (3, 6, "黄浦区")]


def test_agrees_with_a_regex_alternation():
    phrases = ["开办企业", "企业", "纳税", "纳税服务", "服务", "获得电力", "电力"]
    text = "优化开办企业服务，提升纳税服务水平，获得电力便利度，企业纳税"
    pattern = re.compile("|".join(sorted(phrases, key=lambda p: (-len(p), p))))
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    assert PhraseFinder(phrases).finditer(text) == expected


def test_empty_inputs():
    assert PhraseFinder([]).finditer("任何文字") == []
    assert PhraseFinder(["词"]).finditer("") == []
