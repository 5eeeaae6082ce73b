"""The stage list checks itself: every field a stage requires is assigned by an earlier stage."""

from __future__ import annotations

from dataclasses import replace

from ingest.pipeline import DOCUMENT_STAGES, MEASURE_STAGES, check_stages, extract_document, is_document
from tests.support.measure_texts import notice


def test_the_stage_lists_are_in_order() -> None:
    assert check_stages() == []


def test_a_stage_moved_before_what_it_requires_is_reported() -> None:
    measures = next(s for s in DOCUMENT_STAGES if s.name == "measures")
    reordered = [measures, *(s for s in DOCUMENT_STAGES if s is not measures)]
    assert check_stages(reordered) == [
        "measures: requires 'genre' before any stage assigns it",
        "measures: requires 'conventions' before any stage assigns it",
    ]


def test_a_field_no_record_has_is_reported() -> None:
    typo = replace(MEASURE_STAGES[0], assigns=("measure.unit",))
    assert check_stages(DOCUMENT_STAGES, [typo]) == ["units: no record has a field 'measure.unit'"]


def test_every_stage_assigns_something() -> None:
    assert all(stage.assigns for stage in (*DOCUMENT_STAGES, *MEASURE_STAGES))


def test_measure_stages_fill_measures_with_document_offsets() -> None:
    doc = notice(
        "关于印发《某市优化营商环境行动方案》的通知",
        "一、开办企业",
        "1.压缩开办时间。2023年6月底前，开办企业时间压缩至1个工作日内。（牵头单位：市市场监管局）",
    )
    record = extract_document(doc)
    [leaf] = [m for m in record.measures if m.leaf]
    assert [u.as_printed for u in leaf.units] == ["市市场监管局"]
    [deadline] = leaf.deadlines
    assert doc.text[deadline.offset :].startswith(deadline.as_printed)
    assert deadline.date == "2023-06-30"
    [target] = leaf.targets
    assert doc.text[target.offset :].startswith(target.text)
    assert [hit.name for hit in leaf.indicators] == ["开办企业"]


def test_a_text_with_no_genre_word_number_or_issuer_is_not_a_document() -> None:
    assert not is_document(extract_document(notice("今天天气很好。", "我们去公园散步。")))
    assert is_document(
        extract_document(notice("关于做好春节期间安全生产工作的通知", "各区政府：", "请认真落实。"))
    )


def test_a_notice_on_its_own_is_a_document_by_its_title_number_or_dated_signature() -> None:
    from tests.support.standalone_texts import PLAN_ON_ITS_OWN, RED_HEAD_PDF

    assert is_document(extract_document(notice(PLAN_ON_ITS_OWN)))
    assert is_document(extract_document(notice(RED_HEAD_PDF)))
    numbered = extract_document(notice("某某工作安排", "鄂政办发〔2023〕3 号", "请认真落实。"))
    assert numbered.header.doc_type is None and is_document(numbered)
    signed = extract_document(
        notice("各位同事：", "请按时参加会议。", "湖北省人民政府办公厅", "2023年3月2日")
    )
    assert is_document(signed)
    unsigned = extract_document(notice("各位同事：", "请按时参加会议。", "湖北省人民政府办公厅"))
    assert not is_document(unsigned)
