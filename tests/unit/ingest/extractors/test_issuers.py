"""The signature block and the body names a notice prints elsewhere, on short texts written for the tests."""

from __future__ import annotations

from ingest.extractors.issuers import printed_names, signature_block
from ingest.segment import segment_pages
from ingest.sources.text import parse_text_dump
from tests.support.notice_texts import GARBLED_SIGNATURE


def garbled_notice():
    return next(iter(segment_pages(parse_text_dump(GARBLED_SIGNATURE), "t.txt")))


def test_signature_block_keeps_the_names_as_printed() -> None:
    assert [name for name, _ in signature_block(garbled_notice(), "2023-05-30")] == [
        "黄石市往房和城多建设局",
        "贡石市公安晟",
        "黄石市水务最",
    ]


def test_printed_names_are_the_bodies_named_outside_the_signature_block() -> None:
    names = printed_names(garbled_notice(), "2023-05-30")
    assert {"市住房城乡建设局", "市水务局", "市公安局"} <= set(names)
    assert not {"黄石市往房和城多建设局", "贡石市公安晟", "黄石市水务最"} & set(names)


def test_the_end_of_a_unit_clause_above_the_signature_is_no_issuer() -> None:
    text = GARBLED_SIGNATURE.replace(
        "黄石市往房和城多建设局\n贡石市公安晟\n黄石市水务最\n",
        "1.加强社会监督。（市行政审批服务局、\n市大数据中心牵头）\n黄石市人民政府办公室\n",
    )
    doc = next(iter(segment_pages(parse_text_dump(text), "t.txt")))
    assert [name for name, _ in signature_block(doc, "2023-05-30")] == ["黄石市人民政府办公室"]
