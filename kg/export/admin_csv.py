"""CSV files for `neo4j-admin database import full`: one nodes file per label set, one file per relationship type.

Headers follow the import tool: `uid:ID` and `:LABEL` for nodes, `:START_ID`, `:END_ID` and `:TYPE` for
relationships, typed property columns such as `pageStart:int`, `aliases:string[]` or `issueDate:date`. The
directory also gets `import.args`, the options that load it (run neo4j-admin from that directory).
`kg export --to csv` writes the graph as graph.json holds it; `kg load --bulk` writes the loader's rows
(kg.neo4j.bulk) through the same `write_import_files`.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.texts import free_characters, value_texts
from kg.graphmodel import node_labels, node_properties, relationships

ARGS_FILE = "import.args"
_INT32 = range(-(2**31), 2**31)
_DELIMITER_CHOICES = ("|", "¦", "\u241f")
_SAFE = re.compile(r"[^0-9A-Za-z_]+")


NodeLine = tuple[str, list[str], dict[str, Any]]  # uid, labels, properties (uid among them or not)
RelationshipLine = tuple[str, str, str, dict[str, Any]]  # start, end, type, properties


def _scalar_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {date}:
        return "date"
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "int" if all(v in _INT32 for v in values) else "long"
    if kinds <= {int, float} and bool not in kinds:
        return "double"
    return "string"


def column_type(values: list[Any]) -> str:
    """The neo4j-admin type of a property column holding `values` (lists become arrays)."""
    if all(isinstance(v, list) for v in values):
        return _scalar_type([x for v in values for x in v] or [""]) + "[]"
    return _scalar_type([v for v in values if not isinstance(v, list)] or [""])


def _cell(value: Any, kind: str, delimiter: str) -> str:
    if isinstance(value, list):
        if not kind.endswith("[]"):
            return json.dumps(value, ensure_ascii=False)
        return delimiter.join(_cell(v, kind[:-2], delimiter) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if kind == "string" and not isinstance(value, str):
        return str(value)
    return repr(value) if isinstance(value, float) else str(value)


def _converter(values: list[Any], kind: str, delimiter: str) -> Callable[[Any], str] | None:
    """How a column's values become cells; None where csv.writer's own str() gives what `_cell` gives (a
    column of strings, of integers, of numbers or of dates only)."""
    plain = {"string": (str,), "int": (int,), "long": (int,), "double": (int, float), "date": (date,)}
    if all(type(v) in plain.get(kind, ()) for v in values):
        return None
    return lambda value: _cell(value, kind, delimiter)


def _columns(props: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Each property key's values, in row order (rows without the key left out)."""
    values: dict[str, list[Any]] = defaultdict(list)
    for row in props:
        for key, value in row.items():
            values[key].append(value)
    return values


def _strings(column: list[Any]) -> list[str]:
    """The texts of a column: its values when all are strings (the common case, checked at C speed), else
    its strings and the items of its lists."""
    try:
        "".join(column)
        return column
    except TypeError:
        return list(value_texts(column))


def _breaks(text: str) -> bool:
    return "\n" in text or "\r" in text


def _array_delimiter(texts: Iterable[str]) -> str:
    if free := free_characters(texts, _DELIMITER_CHOICES, 1):
        return free[0]
    raise ValueError("no array delimiter is free: list values contain all of " + " ".join(_DELIMITER_CHOICES))


def _write(
    path: Path,
    fixed: list[str],
    fixed_rows: list[list[str]],
    props: list[dict[str, Any]],
    columns: dict[str, list[Any]],
    delimiter: str,
) -> None:
    keys = sorted(columns)
    kinds = {k: column_type(columns[k]) for k in keys}
    cells = [(k, _converter(columns[k], kinds[k], delimiter)) for k in keys]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fixed + [f"{k}:{kinds[k]}" for k in keys])
        writer.writerows(
            head + [row.get(k, "") if cell is None else cell(row[k]) if k in row else "" for k, cell in cells]
            for head, row in zip(fixed_rows, props, strict=True)
        )


def write_admin_csv(graph: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    """Write the import files of the graph into `out_dir` (created) and return them, import.args last."""
    nodes = [(n, node_labels(graph, n), node_properties(graph, n)) for n in graph]
    return write_import_files(nodes, list(relationships(graph)), out_dir)


def write_import_files(
    nodes: Iterable[NodeLine], rels: Iterable[RelationshipLine], out_dir: Path
) -> list[Path]:
    """Write the import files of these nodes and relationships into `out_dir` (created) and return them,
    import.args last."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_labels: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for uid, labels, props in nodes:
        by_labels[tuple(labels)].append((uid, {k: v for k, v in props.items() if k != "uid"}))
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for start, end, rel_type, props in rels:
        by_type[rel_type].append((start, end, props))
    node_files = [
        (f"nodes_{_SAFE.sub('_', '_'.join(labels)) or 'unlabelled'}.csv", labels, rows)
        for labels, rows in sorted(by_labels.items())
    ]
    rel_files = [
        (f"relationships_{_SAFE.sub('_', rel_type)}.csv", rel_type, rows)
        for rel_type, rows in sorted(by_type.items())
    ]
    node_columns = [_columns([p for _, p in rows]) for _, _, rows in node_files]
    rel_columns = [_columns([p for _, _, p in rows]) for _, _, rows in rel_files]
    every_column = [v for c in [*node_columns, *rel_columns] for v in c.values()]
    delimiter = _array_delimiter(str(x) for c in every_column for v in c if isinstance(v, list) for x in v)
    multiline = any(_breaks("\0".join(_strings(column))) for column in every_column)
    written, args = [], [f"--array-delimiter={delimiter}", f"--multiline-fields={str(multiline).lower()}"]
    for (name, label_set, rows), columns in zip(node_files, node_columns, strict=True):
        heads = [[uid, delimiter.join(label_set)] for uid, _ in rows]
        _write(out_dir / name, ["uid:ID", ":LABEL"], heads, [p for _, p in rows], columns, delimiter)
        written.append(out_dir / name)
        args.append(f"--nodes={name}")
    for (name, rel_type, rels_of_type), columns in zip(rel_files, rel_columns, strict=True):
        heads = [[s, e, rel_type] for s, e, _ in rels_of_type]
        _write(
            out_dir / name,
            [":START_ID", ":END_ID", ":TYPE"],
            heads,
            [p for _, _, p in rels_of_type],
            columns,
            delimiter,
        )
        written.append(out_dir / name)
        args.append(f"--relationships={name}")
    args_path = out_dir / ARGS_FILE
    args_path.write_text("\n".join(args) + "\n", encoding="utf-8")
    return [*written, args_path]
