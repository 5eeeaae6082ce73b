"""Agency summaries from graph.json: each canonical agency with its printed forms and how often it is
assigned work or issues a document (`kg agencies`)."""

from __future__ import annotations


def agency_summary(graph: dict) -> dict:
    """From graph.json: canonical agencies with aliases and assignment counts, most assigned first.

    Also counts how many distinct printed forms (ASSIGNS and ISSUES asPrinted) became how many nodes.
    """
    counts: dict[str, dict[str, int]] = {}
    printed: set[str] = set()
    for rel in graph["relationships"]:
        if rel["type"] == "ASSIGNS":
            agency = rel["end"]
            role = rel["properties"].get("role", "responsible")
        elif rel["type"] == "ISSUES":
            agency, role = rel["start"], "issues"
        else:
            continue
        tally = counts.setdefault(agency, _no_counts())
        tally[role] = tally.get(role, 0) + 1
        tally["assignments"] += role != "issues"
        if rel["properties"].get("asPrinted"):
            printed.add(rel["properties"]["asPrinted"])
    rows = []
    for node in graph["nodes"]:
        if "Agency" not in node["labels"]:
            continue
        props = node["properties"]
        rows.append(
            {
                "name": props.get("name"),
                "kind": props.get("kind"),
                "level": props.get("level"),
                "region": props.get("region"),
                "aliases": props.get("aliases", []),
                **counts.get(node["id"], _no_counts()),
                "uid": node["id"],
            }
        )
    rows.sort(key=lambda r: (-r["assignments"], -r["issues"], r["name"] or ""))
    aliases = sum(len(r["aliases"]) for r in rows)
    return {"printed_strings": len(printed), "printed_forms": aliases, "agencies": len(rows), "rows": rows}


def _no_counts() -> dict[str, int]:
    return {"assignments": 0, "lead": 0, "support": 0, "responsible": 0, "issues": 0}
