"""The Browser guide (kg/data/browser-guide.html) is in step with queries/*.cypher and its page table
(regenerate with scripts/gen_browser_guide.py); its queries carry the example values; a page table that
leaves a query out, or names one twice or one that does not exist, is refused."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ingest.lexicon.tables import TableError
from kg.neo4j.browser import GUIDE_SOURCE, STYLE_SOURCE
from kg.neo4j.catalogue import load_catalogue
from kg.neo4j.guide import load_guide, render_guide, runnable

CATALOGUE = load_catalogue()
PAGES = ("Who leads what", "Dependency chains", "Stale references", "Indicators and targets", "Text reuse")


class _Slides(HTMLParser):
    """Per <slide>: its heading and the text of its runnable blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[dict[str, list[str]]] = []
        self._into: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "slide":
            self.slides.append({"h3": [], "runnable": []})
        elif tag == "h3" or (tag == "pre" and ("class", "runnable") in attrs):
            self._into = "h3" if tag == "h3" else "runnable"
            self.slides[-1][self._into].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h3", "pre"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into:
            self.slides[-1][self._into][-1] += data


def _slides() -> list[dict[str, list[str]]]:
    parser = _Slides()
    parser.feed(GUIDE_SOURCE.read_text(encoding="utf-8"))
    return parser.slides


def test_the_guide_file_is_what_the_generator_writes() -> None:
    assert GUIDE_SOURCE.read_text(encoding="utf-8") == render_guide(load_guide(), CATALOGUE)


def test_a_page_per_area_holding_every_canned_query_once_with_its_values_written_in() -> None:
    slides = _slides()
    titles = [s["h3"][0].split(". ", 1)[1] for s in slides]
    assert titles[0] == "What is in the graph" and set(PAGES) <= set(titles)
    blocks = [b for s in slides for b in s["runnable"]]
    named = [b.splitlines()[0].removeprefix("// ") for b in blocks if b.startswith("// ")]
    assert sorted(named) == sorted(CATALOGUE)
    assert all(not re.search(r"\$\w", b) for b in blocks)
    stale = next(s for s in slides if s["h3"][0].endswith("Stale references"))
    assert runnable(CATALOGUE["stale-references"]) in stale["runnable"]
    assert "date('2023-12-31')" in runnable(CATALOGUE["stale-references"])
    assert "'徐汇区'" in runnable(CATALOGUE["dependency-chain-up"])
    assert "LIMIT 20" in runnable(CATALOGUE["lead-agency-workload"])


@pytest.mark.parametrize(
    ("queries", "reason"),
    [
        ('["label-counts"]', "on no page"),
        ('["label-counts", "label-counts"]', "on two pages"),
        ('["label-counts", "no-such-query"]', "no such canned query"),
    ],
)
def test_a_page_table_that_misplaces_a_query_is_refused(tmp_path: Path, queries: str, reason: str) -> None:
    table = tmp_path / "pages.toml"
    table.write_text(
        f'title = "t"\n[[page]]\ntitle = "p"\nintro = "i"\npicture = "RETURN 1"\nqueries = {queries}\n',
        encoding="utf-8",
    )
    with pytest.raises(TableError, match=reason):
        render_guide(load_guide(table), CATALOGUE)


def test_the_style_captions_the_labels_by_title_name_and_number() -> None:
    rules = re.findall(r"^(node\.\w+|relationship) \{$(.*?)^\}", STYLE_SOURCE.read_text(), re.M | re.S)
    captions = {rule: m.group(1) for rule, body in rules if (m := re.search(r"caption: '([^']*)'", body))}
    assert {
        "node.Document": "{docNumber} {title}",
        "node.Agency": "{name}",
        "node.ResponsibleUnit": "{name}",
        "node.Measure": "{number} {heading}",
        "node.Region": "{name}",
        "relationship": "<type>",
    }.items() <= captions.items()
