"""Score the measures of a graph against the answer key (ANNOTATION.md): measures, (measure, unit) pairs, roles.

Measures match by the key's `no` (the graph's Measure.no); only leaf measures of the graph are compared.
Pairs are (no, unit as printed); role accuracy is counted on matched pairs. Deadlines and targets are
recalled when a printed phrase of the graph overlaps the key's phrase (one contains the other, or they
share the key's number).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, get_args

from ingest.records import UnitRole

ROLES: tuple[UnitRole, ...] = get_args(UnitRole)


def predicted_measures(graph: dict[str, Any], doc_uid: str) -> list[dict[str, Any]]:
    """The leaf measures of one document in graph.json, shaped like the key's entries."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    measure_ids = [
        r["end"] for r in graph["relationships"] if r["type"] == "HAS_MEASURE" and r["start"] == doc_uid
    ]
    out: dict[str, dict[str, Any]] = {}
    for mid in measure_ids:
        props = nodes[mid]["properties"]
        if props.get("leaf", True):
            out[mid] = {
                "no": props.get("no", props.get("number")),
                **{r: [] for r in ROLES},
                "deadlines": [],
                "targets": [],
            }
    assigns = sorted(
        (r for r in graph["relationships"] if r["type"] == "ASSIGNS" and r["start"] in out),
        key=lambda r: r["properties"].get("order", 0),
    )
    for r in assigns:
        role = r["properties"].get("role", "responsible")
        out[r["start"]][role if role in ROLES else "responsible"].append(r["properties"].get("asPrinted", ""))
    for r in graph["relationships"]:
        if r["start"] in out and r["type"] == "HAS_DEADLINE":
            out[r["start"]]["deadlines"].append(r["properties"].get("asPrinted", ""))
        elif r["start"] in out and r["type"] == "SETS_TARGET":
            target = nodes.get(r["end"], {}).get("properties", {})
            out[r["start"]]["targets"].append(target.get("text", r["properties"].get("asPrinted", "")))
    return list(out.values())


def compare(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, int]:
    """Counts for one document: measures, pairs, roles, deadlines, targets."""
    counts: dict[str, int] = defaultdict(int)
    by_no = {str(m["no"]): m for m in predicted}
    counts["gold_measures"] += len(gold)
    counts["pred_measures"] += len(predicted)
    gold_pairs = {(str(m["no"]), u): role for m in gold for role in ROLES for u in m.get(role) or []}
    pred_pairs = {(str(m["no"]), u): role for m in predicted for role in ROLES for u in m.get(role) or []}
    counts["gold_pairs"] += len(gold_pairs)
    counts["pred_pairs"] += len(pred_pairs)
    for key, role in gold_pairs.items():
        if key in pred_pairs:
            counts["matched_pairs"] += 1
            counts["role_correct"] += pred_pairs[key] == role
    for m in gold:
        p = by_no.get(str(m["no"]))
        if p is None:
            continue
        counts["matched_measures"] += 1
        for field in ("deadlines", "targets"):
            gold_phrases = m.get(field) or []
            counts[f"gold_{field}"] += len(gold_phrases)
            counts[f"found_{field}"] += sum(
                any(_overlaps(g, q) for q in p.get(field) or []) for g in gold_phrases
            )
    return counts


def _overlaps(gold: str, pred: str) -> bool:
    if not gold or not pred:
        return False
    if gold in pred or pred in gold:
        return True
    numbers = re.findall(r"\d+(?:\.\d+)?", gold)
    return bool(numbers) and all(n in pred for n in numbers)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def summarize(counts: dict[str, int]) -> dict[str, Any]:
    """Recall, precision and F1 figures from summed counts."""
    precision = _ratio(counts["matched_pairs"], counts["pred_pairs"])
    recall = _ratio(counts["matched_pairs"], counts["gold_pairs"])
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0
    return {
        "measure_recall": _ratio(counts["matched_measures"], counts["gold_measures"]),
        "measure_precision": _ratio(counts["matched_measures"], counts["pred_measures"]),
        "pair_precision": precision,
        "pair_recall": recall,
        "pair_f1": f1,
        "role_accuracy": _ratio(counts["role_correct"], counts["matched_pairs"]),
        "deadline_recall": _ratio(counts["found_deadlines"], counts["gold_deadlines"]),
        "target_recall": _ratio(counts["found_targets"], counts["gold_targets"]),
        **{k: counts[k] for k in sorted(counts)},
    }


def score_measures(
    gold_docs: list[dict[str, Any]], graph: dict[str, Any], doc_for_gold: dict[str, str]
) -> dict[str, Any]:
    """Score every key document with annotated measures; a key document with no matched uid scores zero."""
    total: dict[str, int] = defaultdict(int)
    per_doc: list[dict[str, Any]] = []
    for doc in gold_docs:
        if doc.get("measures") is None:
            continue
        uid = doc_for_gold.get(doc["id"])
        predicted = predicted_measures(graph, uid) if uid else []
        counts = compare(doc["measures"], predicted)
        for key, value in counts.items():
            total[key] += value
        per_doc.append({"id": doc["id"], "uid": uid, **summarize(counts)})
    return {**summarize(total), "documents": per_doc}
