"""Random text built from the genre's own pieces (digits, 、，。（）《》〔〕, 第X条, 牵头单位：, dates, 有效期,
印发《 …, each repeated into runs) goes through document extraction without an exception and within a
bounded CPU time per KB. Hypothesis draws the texts; derandomized, so every run tries the same ones."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.budget import StageWatch, within
from ingest.pipeline import extract_source
from tests.support.adversarial import NOTICE_HEAD, NOTICE_SIGNATURE, lines_source

PIECES = (
    *"0123456789",
    *"、，。；：（）《》〔〕【】",
    "\n",
    "第一条",
    "第十二条",
    "第三章",
    "一、",
    "（一）",
    "1.",
    "（1）",
    "牵头单位：",
    "责任单位：",
    "配合单位：",
    "市商务委",
    "市财政局",
    "各区人民政府",
    "牵头",
    "配合",
    "负责",
    "按职责分工负责",
    "等部门",
    "及",
    "其中",
    "2023年6月13日",
    "2023年底前",
    "6月底前完成",
    "第三季度",
    "到2025年",
    "有效期",
    "有效期至2025年12月31日",
    "有效期3年",
    "自2023年1月1日起施行",
    "本通知",
    "印发《",
    "关于",
    "的通知",
    "同时废止",
    "附件：",
    "沪府办规〔2023〕1号",
    "3天",
    "个工作日",
    "压缩至",
    "达到",
    "90%",
    "以上",
    "推进改革",
)
BASE_SECONDS = 1.0  # CPU seconds any text may take, however short (the first example loads the tables)
SECONDS_PER_KB = 0.2  # and per KB: far above what linear extraction needs, far below a quadratic one

runs = st.tuples(st.sampled_from(PIECES), st.integers(min_value=1, max_value=40))
texts = st.lists(runs, max_size=80).map(lambda drawn: "".join(piece * count for piece, count in drawn))


@settings(
    max_examples=120,
    derandomize=True,
    database=None,
    deadline=None,  # wall-clock on a loaded machine; the CPU bound below is the check
    suppress_health_check=[HealthCheck.too_slow],
)
@given(body=texts, framed=st.booleans())
def test_random_genre_text_extracts_without_error_in_bounded_time(body: str, framed: bool) -> None:
    lines = [line for line in body.split("\n") if line]
    if framed:
        lines = [*NOTICE_HEAD, *lines, *NOTICE_SIGNATURE]
    source = lines_source(lines, "fuzz.txt")
    kb = len("".join(lines).encode()) / 1000
    limit = BASE_SECONDS + SECONDS_PER_KB * kb
    start = time.process_time()
    with within(limit, StageWatch()):
        extract_source(source)
    assert time.process_time() - start <= limit
