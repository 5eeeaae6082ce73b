"""docs/queries.md is in step with the headers of queries/*.cypher (regenerate with scripts/gen_query_docs.py)."""

from __future__ import annotations

from kg.neo4j.catalogue import load_catalogue
from kg.neo4j.querydocs import catalogue_from_markdown
from tests.support.paths import DOCS

DOC = DOCS / "queries.md"


def test_docs_queries_md_documents_every_query_as_its_header_declares() -> None:
    documented = catalogue_from_markdown(DOC.read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    assert sorted(documented) == sorted(catalogue)
    for name, query in catalogue.items():
        doc = documented[name]
        assert doc["description"] == query.description, name
        assert doc["params"] == [(p.name, p.type, p.default) for p in query.params], name
        assert doc["columns"] == list(query.columns), name


def test_every_documented_query_has_an_example() -> None:
    sections = DOC.read_text(encoding="utf-8").split("\n## `")[1:]
    assert len(sections) >= 15
    without = [
        s.split("`")[0] for s in sections if "\n| " not in s.split("Example: ")[-1] and "(no rows" not in s
    ]
    assert without == []
