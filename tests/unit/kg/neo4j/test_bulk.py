"""The rows a bulk load imports: the transactional loader's, with its key label and bookkeeping, typed columns,
and a graph a CSV column cannot hold refused."""

import csv
from pathlib import Path

import pytest

from ingest.errors import InputError
from kg.export.admin_csv import write_import_files
from kg.neo4j.bulk import check_columns, import_lines
from kg.neo4j.plan import plan_load
from tests.support.minigraph import mini_graph


def test_the_import_rows_carry_the_key_label_uids_and_bookkeeping() -> None:
    nodes, rels = import_lines(plan_load(mini_graph()))
    uid, labels, props = next(n for n in nodes if n[0] == "doc:zj")
    assert labels == ["Document", "Entity"] and props["uid"] == uid and props["loadedFrom"] == ["mini.txt"]
    assert all(len(str(r[3]["uid"])) == 32 for r in rels)
    check_columns(nodes, rels)


def test_dates_become_date_columns(tmp_path: Path) -> None:
    nodes, rels = import_lines(plan_load(mini_graph()))
    write_import_files(nodes, rels, tmp_path)
    with (tmp_path / "nodes_Document_Entity.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert "issueDate:date" in header and "uid:ID" in header


def test_a_property_with_two_types_under_one_label_is_refused() -> None:
    graph = mini_graph()
    docs = [n for n in graph["nodes"] if "Document" in n["labels"]]
    docs[0]["properties"]["pageStart"], docs[1]["properties"]["pageStart"] = 3, "三"
    nodes, rels = import_lines(plan_load(graph))
    with pytest.raises(InputError, match=r"Document\+Entity.pageStart holds int and string values"):
        check_columns(nodes, rels)


def test_multiline_parsing_is_asked_for_only_when_a_cell_breaks_a_line(tmp_path: Path) -> None:
    graph = mini_graph()
    nodes, rels = import_lines(plan_load(graph))
    write_import_files(nodes, rels, tmp_path / "one-line")
    assert "--multiline-fields=false" in (tmp_path / "one-line" / "import.args").read_text(encoding="utf-8")
    next(n for n in graph["nodes"] if "Document" in n["labels"])["properties"]["title"] += "\n（续）"
    nodes, rels = import_lines(plan_load(graph))
    write_import_files(nodes, rels, tmp_path / "broken")
    assert "--multiline-fields=true" in (tmp_path / "broken" / "import.args").read_text(encoding="utf-8")
