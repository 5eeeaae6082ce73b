"""The regulations inside the sample compilation: every article under its own chapter, chapter titles as
structure (not measures, not glued to the article before them), the 公告 that promulgates one."""

from __future__ import annotations

import re
from typing import Any

from ingest.lexicon.dates import small_number

CHAPTER = re.compile(r"第[一二三四五六七八九十]+章")


def _regulations(sample_ingest: Any) -> dict[str, Any]:
    return {r.header.title: r for r in sample_ingest.documents if r.genre == "regulation"}


def test_the_sample_holds_four_regulations(sample_ingest: Any) -> None:
    assert sorted(_regulations(sample_ingest)) == [
        "临沂市优化营商环境条例",
        "云港市优化营商环境条例（征求意见稿）",
        "浙江省促进中小微企业发展条例",
        "潍坊市优化营商环境条例（草案送审稿）",
    ]


def test_every_article_sits_under_its_own_chapter(sample_ingest: Any) -> None:
    for title, record in _regulations(sample_ingest).items():
        measures = record.measures
        assert [m.number for m in measures] == [str(n) for n in range(1, len(measures) + 1)], title
        chapters = [int(_chapter_value(m.path)) for m in measures]
        assert chapters == sorted(chapters) and chapters[0] == 1, title
        assert len(set(chapters)) >= 5 and chapters.count(chapters[-1]) < len(measures) / 3, title
        assert all(m.chapter for m in measures), title


def test_chapter_titles_are_neither_measures_nor_article_text(sample_ingest: Any) -> None:
    for title, record in _regulations(sample_ingest).items():
        assert all(m.path.split("/")[-1].isdigit() for m in record.measures), title
        assert not [m.path for m in record.measures if CHAPTER.search(m.text)], title


def test_the_zhejiang_regulation_chapters_read_by_hand(sample_ingest: Any) -> None:
    record = _regulations(sample_ingest)["浙江省促进中小微企业发展条例"]
    by_number = {m.number: m for m in record.measures}
    assert len(record.measures) == 65
    assert (by_number["7"].path, by_number["7"].provisions) == ("第一章/7", "general")
    assert (by_number["8"].path, by_number["8"].chapter) == ("第二章/8", "创业扶持")
    assert (by_number["16"].path, by_number["64"].path) == ("第三章/16", "第九章/64")
    assert (by_number["65"].path, by_number["65"].chapter, by_number["65"].provisions) == (
        "第十章/65",
        "附则",
        "supplementary",
    )
    header = record.header
    assert header.doc_number and header.doc_number.text == "浙江省第十四届人民代表大会第一次会议公告第7号"
    assert [i.name for i in header.issuers] == ["浙江省人民代表大会"]
    assert "浙江省促进中小微企业发展条例" not in [c.title for c in record.citations]


def test_the_linyi_regulation_is_promulgated_and_approved(sample_ingest: Any) -> None:
    record = _regulations(sample_ingest)["临沂市优化营商环境条例"]
    header = record.header
    assert header.doc_number and header.doc_number.text == "临沂市人民代表大会常务委员会公告第18号"
    assert (header.adopted_date, header.published_date, header.effective_date) == (
        "2022-12-13",
        "2023-01-10",
        "2023-03-01",
    )
    assert [(s.body, s.date) for s in header.history if s.kind == "approved"] == [
        ("山东省人民代表大会常务委员会", "2023-01-10")
    ]


def _chapter_value(path: str) -> int:
    return small_number(path.split("/")[0].removeprefix("第").removesuffix("章")) or 0
