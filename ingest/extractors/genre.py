"""A document's genre: regulation or notice (the genres of ingest/data/genres.toml).

A document is a regulation when its title (the compilation heading's, the one its 公告 or 令 names, or
the title line it opens with) ends with a regulation's title word (条例, 办法, 规定, 细则, 决定) and it
is shaped like one: a promulgating cover, a history under its title (…会议通过, 国务院令第N号公布), or
articles from 第一条. Otherwise it is a notice: 关于印发《X办法》的通知 ends with 通知, and a 决定 printed
as a notice has none of these.
"""

from __future__ import annotations

from ingest.extractors.articles import has_articles
from ingest.extractors.regulation import GENRE, read_layout
from ingest.model import DocumentText
from ingest.records import GenreName


def genre_of(doc: DocumentText) -> GenreName:
    """`regulation` or `notice` (the default genre)."""
    layout = read_layout(doc)
    if layout is not None and (layout.cover or layout.history or has_articles(doc, layout.body_from)):
        return GENRE
    return "notice"
