"""The extraction budget: a block that runs past its CPU seconds is cut off (even inside a backtracking
regex), a document over its budget fails alone naming the file, the document and the stage, and the
source's other documents are still extracted."""

from __future__ import annotations

import pickle
import re
import threading
import time

import pytest

from ingest.budget import BUDGET_ENV, Budget, OverBudget, StageWatch, budget, within
from ingest.errors import InputError
from ingest.pipeline import BudgetExceeded, DocumentsLeftOut, extract_source
from tests.support.adversarial import COMPILATION_ENTRY, lines_source

CATASTROPHIC = re.compile(r"(a+)+$")  # backtracks 2^n steps on a run of a's that does not end the text


def test_a_regex_stuck_backtracking_is_cut_off_at_the_budget() -> None:
    start = time.process_time()
    with pytest.raises(OverBudget) as raised, within(0.3, StageWatch(stage="targets")):
        CATASTROPHIC.match("a" * 40 + "b")
    assert raised.value.stage == "targets" and raised.value.seconds == 0.3
    assert time.process_time() - start < 5


def test_a_block_within_its_budget_runs_to_its_end_and_leaves_no_timer() -> None:
    watch = StageWatch(timed=True)
    with within(5.0, watch):
        watch.start("header")
        sum(range(100_000))
        watch.start("")
    assert set(watch.spent) == {"header"}
    CATASTROPHIC.match("a" * 18 + "b")  # slow enough to meet a timer left running, were there one


def test_off_the_main_thread_the_stage_that_overran_is_named_when_the_next_starts() -> None:
    raised: list[OverBudget] = []

    def extract() -> None:
        watch = StageWatch()
        try:
            with within(0.2, watch):
                watch.start("units")
                CATASTROPHIC.match("a" * 24 + "b")
                watch.start("deadlines")
        except OverBudget as over:
            raised.append(over)

    thread = threading.Thread(target=extract)
    thread.start()
    thread.join()
    assert [over.stage for over in raised] == ["units"]


def test_the_budget_grows_with_the_text_and_can_be_set_in_the_environment(monkeypatch) -> None:
    assert Budget(5, 0.05).seconds("字" * 1000) == pytest.approx(5.15)
    monkeypatch.setenv(BUDGET_ENV, "1,0.5")
    assert budget() == Budget(1.0, 0.5)
    monkeypatch.setenv(BUDGET_ENV, "fast")
    with pytest.raises(InputError, match=BUDGET_ENV):
        budget()


def _compilation(hostile_lines: list[str]) -> list[str]:
    """Three entries; the second's body holds `hostile_lines`."""
    entries = [COMPILATION_ENTRY.format(n=n).splitlines() for n in (1, 2, 3)]
    return [*entries[0], *entries[1], *hostile_lines, *entries[2]]


def test_a_document_over_its_budget_fails_alone_and_the_others_are_extracted(monkeypatch) -> None:
    extract_source(lines_source(_compilation([]), "warm.txt"))  # tables and patterns loaded once
    monkeypatch.setenv(BUDGET_ENV, "0.05,0")  # a short entry takes milliseconds, 300 KB of text far more
    hostile = ["推进改革，市商务委负责，2023年底前完成。" * 10] * 1000
    with pytest.raises(DocumentsLeftOut) as raised:
        extract_source(lines_source(_compilation(hostile), "compilation.txt"))
    partial = raised.value
    assert [record.header.doc_number.text for record in partial.records if record.header.doc_number] == [
        "沪府办规〔2023〕1号",
        "沪府办规〔2023〕3号",
    ]
    [failed] = partial.left_out
    message = str(failed)
    assert message.startswith("compilation.txt: document 2 (2.上海市人民政府办公厅关于印发《上海")
    assert f"in stage {failed.stage}" in message and "\n" not in message
    assert str(partial) == message
    copy = pickle.loads(pickle.dumps(partial))  # a worker process can send it back
    assert str(copy) == message and len(copy.records) == 2


def test_a_file_of_one_document_over_its_budget_is_named_with_the_stage(monkeypatch) -> None:
    extract_source(lines_source(_compilation([]), "warm.txt"))
    monkeypatch.setenv(BUDGET_ENV, "0.05,0")
    lines = COMPILATION_ENTRY.format(n=1).splitlines()[1:] + ["推进改革，市商务委负责。" * 10] * 2000
    with pytest.raises(BudgetExceeded, match=r"^notice\.txt: (document 1|the file) .* in stage \w+$"):
        extract_source(lines_source(lines, "notice.txt"))


def test_a_budget_inside_another_leaves_the_outer_one_running() -> None:
    with pytest.raises(OverBudget) as raised, within(0.5, StageWatch(stage="outer")):
        with within(5.0, StageWatch(stage="inner")):
            sum(range(1000))
        CATASTROPHIC.match("a" * 40 + "b")
    assert raised.value.stage == "outer"
