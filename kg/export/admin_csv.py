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
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

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


def _array_delimiter(rows: Iterable[dict[str, Any]]) -> str:
    texts = {str(x) for row in rows for v in row.values() if isinstance(v, list) for x in v}
    for choice in _DELIMITER_CHOICES:
        if not any(choice in t for t in texts):
            return choice
    raise ValueError("no array delimiter is free: list values contain all of " + " ".join(_DELIMITER_CHOICES))


def _write(
    path: Path, fixed: list[str], fixed_rows: list[list[str]], props: list[dict[str, Any]], delimiter: str
) -> None:
    keys = sorted({k for row in props for k in row})
    kinds = {k: column_type([row[k] for row in props if k in row]) for k in keys}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fixed + [f"{k}:{kinds[k]}" for k in keys])
        for head, row in zip(fixed_rows, props, strict=True):
            writer.writerow(head + [_cell(row[k], kinds[k], delimiter) if k in row else "" for k in keys])


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
    delimiter = _array_delimiter(
        [p for rows in by_labels.values() for _, p in rows]
        + [p for rows in by_type.values() for _, _, p in rows]
    )
    written, args = [], [f"--array-delimiter={delimiter}", "--multiline-fields=true"]
    for label_set, rows in sorted(by_labels.items()):
        path = out_dir / f"nodes_{_SAFE.sub('_', '_'.join(label_set)) or 'unlabelled'}.csv"
        heads = [[uid, delimiter.join(label_set)] for uid, _ in rows]
        _write(path, ["uid:ID", ":LABEL"], heads, [p for _, p in rows], delimiter)
        written.append(path)
        args.append(f"--nodes={path.name}")
    for rel_type, rels_of_type in sorted(by_type.items()):
        path = out_dir / f"relationships_{_SAFE.sub('_', rel_type)}.csv"
        heads = [[s, e, rel_type] for s, e, _ in rels_of_type]
        _write(path, [":START_ID", ":END_ID", ":TYPE"], heads, [p for _, _, p in rels_of_type], delimiter)
        written.append(path)
        args.append(f"--relationships={path.name}")
    args_path = out_dir / ARGS_FILE
    args_path.write_text("\n".join(args) + "\n", encoding="utf-8")
    return [*written, args_path]
