"""Score a graph.json against an answer key in the format of shared/eval (ANNOTATION.md)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ingest.errors import InputError
from kg.eval.measures import score_measures

FIELDS = {
    "title": "title",
    "date": "issueDate",
    "doc_number": "docNumber",
    "doc_type": "docType",
    "province": "province",
    "city": "city",
    "district": "district",
    "level": "level",
    "page_start": "pageStart",
    "draft": "draft",
    "effective_date": "effectiveDate",
    "expiry_date": "expiryDate",
    "validity_text": "validityText",
}
MIN_TITLE_SIMILARITY = 0.5
_SPACE = re.compile(r"\s+")


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The answer key: a JSON array of document objects."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"not an answer key ({err.__class__.__name__})") from None
    if not isinstance(data, list) or not all(isinstance(d, dict) and "id" in d for d in data):
        raise InputError(str(path), "not an answer key (expected a JSON array of documents with ids)")
    return data


def _norm(value: Any) -> Any:
    return _SPACE.sub("", value) if isinstance(value, str) else value


def _section(gold_id: str) -> str:
    return gold_id.rsplit("-", 1)[0]


def match_documents(gold: list[dict[str, Any]], graph: dict[str, Any]) -> dict[str, str]:
    """Gold id → corpus Document uid: same first page, most similar title (each document used once)."""
    docs = [n for n in graph["nodes"] if "Document" in n["labels"] and n["properties"].get("inCorpus")]
    by_page: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        by_page[doc["properties"].get("pageStart")].append(doc)
    matched: dict[str, str] = {}
    used: set[str] = set()
    for entry in gold:
        best, best_score = None, MIN_TITLE_SIMILARITY
        for doc in by_page.get(entry.get("page_start"), []):
            if doc["id"] in used:
                continue
            score = SequenceMatcher(
                None, _norm(entry.get("title") or ""), doc["properties"].get("title", "")
            ).ratio()
            if score >= best_score:
                best, best_score = doc, score
        if best:
            matched[entry["id"]] = best["id"]
            used.add(best["id"])
    return matched


def _in_scope(gold: list[dict[str, Any]], graph: dict[str, Any]) -> list[str]:
    """Predicted corpus documents inside the page ranges the key annotates (per key section)."""
    ranges = defaultdict(list)
    for entry in gold:
        ranges[_section(entry["id"])].append(entry["page_start"])
    spans = [(min(p), max(p)) for p in ranges.values()]
    return [
        n["id"]
        for n in graph["nodes"]
        if "Document" in n["labels"]
        and n["properties"].get("inCorpus")
        and any(lo <= n["properties"].get("pageStart", -1) <= hi for lo, hi in spans)
    ]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision and recall
        else (0.0 if tp + fp + fn else None)
    )
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _pairs(
    graph: dict[str, Any], uid: str, rel_type: str, title_key: str, number_key: str
) -> set[tuple[str, str | None]]:
    return {
        (_norm(r["properties"].get(title_key) or ""), r["properties"].get(number_key))
        for r in graph["relationships"]
        if r["type"] == rel_type and r["start"] == uid
    }


def evaluate(gold: list[dict[str, Any]], graph: dict[str, Any]) -> dict[str, Any]:
    """Segmentation P/R, per-field accuracy, citation and supersedes P/R/F1, and measure scores."""
    matched = match_documents(gold, graph)
    scope = _in_scope(gold, graph)
    props = {n["id"]: n["properties"] for n in graph["nodes"]}
    correct: dict[str, int] = defaultdict(int)
    mistakes: list[dict[str, Any]] = []
    counts = {"citations": [0, 0, 0], "citation_titles": [0, 0, 0], "supersedes": [0, 0, 0]}
    for entry in gold:
        uid = matched.get(entry["id"])
        if uid is None:
            mistakes.append(
                {"id": entry["id"], "field": "segmentation", "gold": entry.get("title"), "got": None}
            )
        got = props.get(uid, {})
        for gold_field, prop in FIELDS.items():
            if gold_field not in entry:
                continue
            ok = uid is not None and _norm(entry[gold_field]) == got.get(
                prop, False if prop == "draft" else None
            )
            correct[gold_field] += ok
            if uid and not ok:
                mistakes.append(
                    {"id": entry["id"], "field": gold_field, "gold": entry[gold_field], "got": got.get(prop)}
                )
        issuers = got.get("issuers", [])
        ok = uid is not None and {_norm(i) for i in entry.get("issuers", [])} == set(issuers)
        correct["issuers"] += ok
        if uid and not ok:
            mistakes.append(
                {"id": entry["id"], "field": "issuers", "gold": entry.get("issuers"), "got": issuers}
            )
        for key, rel, tkey, nkey, gold_key in (
            ("citations", "CITES", "citedTitle", "citedDocNumber", "citations"),
            ("supersedes", "SUPERSEDES", "repealedTitle", "repealedDocNumber", "supersedes"),
        ):
            gold_set = {
                (_norm(c.get("title") or ""), _norm(c.get("doc_number"))) for c in entry.get(gold_key, [])
            }
            got_set = _pairs(graph, uid, rel, tkey, nkey) if uid else set()
            _count(counts[key], gold_set, got_set)
            if key == "citations":
                _count(counts["citation_titles"], {t for t, _ in gold_set}, {t for t, _ in got_set})
            for missing in gold_set - got_set:
                mistakes.append({"id": entry["id"], "field": key, "gold": missing, "got": None})
            for extra in got_set - gold_set:
                mistakes.append({"id": entry["id"], "field": key, "gold": None, "got": extra})
    total = len(gold)
    seg_tp = len(matched)
    result: dict[str, Any] = {
        "documents": total,
        "segmentation": {
            "precision": seg_tp / len(scope) if scope else None,
            "recall": seg_tp / total if total else None,
            "matched": seg_tp,
            "predicted_in_scope": len(scope),
        },
        "fields": {f: correct[f] / total for f in [*FIELDS, "issuers"] if total},
        "citations": _prf(*counts["citations"]),
        "citation_titles": _prf(*counts["citation_titles"]),
        "supersedes": _prf(*counts["supersedes"]),
        "mistakes": mistakes,
    }
    if any(entry.get("measures") is not None for entry in gold):
        result["measures"] = score_measures(gold, graph, matched)
    return result


def _count(tally: list[int], gold: set, got: set) -> None:
    tally[0] += len(gold & got)
    tally[1] += len(got - gold)
    tally[2] += len(gold - got)
