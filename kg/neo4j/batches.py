"""A load cut into transactions of bounded size, each holding whole documents.

A unit is what must become visible at once: a corpus Document with its measures (HAS_MEASURE) and every node
all of whose relationships join it to them (a measure's Target). Every other node (agencies, regions,
indicators, deadlines, documents cited from outside the corpus) is shared and a unit of its own. Units are
ordered shared first, then documents in graph order, and a relationship goes with the later of its two ends'
units: it is written in the transaction that makes its second end visible, so whenever both ends can be
seen, so can it. Consecutive units are packed into batches of about `size` rows (nodes plus relationships);
a unit is never split, so a document larger than a batch has a batch of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.neo4j.plan import LoadPlan, NodeRow, RelationshipRow

MEMBERSHIP = "HAS_MEASURE"  # a Document's measures belong to it


@dataclass
class Batch:
    """One transaction's rows. `documents` are the corpus documents whose units it writes (empty for a batch
    of shared nodes); every node of such a batch belongs to one of them."""

    documents: list[str] = field(default_factory=list)
    nodes: list[NodeRow] = field(default_factory=list)
    relationships: list[RelationshipRow] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.nodes) + len(self.relationships)


def _is_root(node: NodeRow) -> bool:
    return "Document" in node["labels"] and node["props"].get("inCorpus") is not False


def unit_keys(plan: LoadPlan) -> dict[str, str]:
    """Each node's unit: the uid of the corpus document it belongs to, else its own uid (a shared node)."""
    unit = {n["uid"]: n["uid"] for n in plan.nodes}
    roots = {n["uid"] for n in plan.nodes if _is_root(n)}
    for rel in plan.relationships:
        if rel["type"] == MEMBERSHIP and rel["start"] in roots and rel["end"] not in roots:
            unit[rel["end"]] = rel["start"]
    members = {uid for uid, key in unit.items() if key != uid or uid in roots}
    neighbours: dict[str, set[str]] = {}
    for rel in plan.relationships:
        for node, other in ((rel["start"], rel["end"]), (rel["end"], rel["start"])):
            if node not in members:
                neighbours.setdefault(node, set()).add(unit[other] if other in members else "")
    for node, keys in neighbours.items():
        if len(keys) == 1 and "" not in keys:
            unit[node] = next(iter(keys))
    return unit


def plan_batches(plan: LoadPlan, size: int) -> list[Batch]:
    """The load's transactions in the order they run: shared nodes first, then documents."""
    unit = unit_keys(plan)
    order: dict[str, int] = {}
    for node in sorted(plan.nodes, key=lambda n: unit[n["uid"]] != n["uid"] or _is_root(n)):
        order.setdefault(unit[node["uid"]], len(order))
    nodes: list[list[NodeRow]] = [[] for _ in order]
    rels: list[list[RelationshipRow]] = [[] for _ in order]
    for node in plan.nodes:
        nodes[order[unit[node["uid"]]]].append(node)
    for rel in plan.relationships:
        rels[max(order[unit[rel["start"]]], order[unit[rel["end"]]])].append(rel)
    roots = {n["uid"] for n in plan.nodes if _is_root(n)}
    batches: list[Batch] = []
    current = Batch()
    for key, index in order.items():
        is_document = key in roots
        rows = len(nodes[index]) + len(rels[index])
        if current.rows and (current.rows + rows > size or bool(current.documents) != is_document):
            batches.append(current)
            current = Batch()
        if is_document:
            current.documents.append(key)
        current.nodes += nodes[index]
        current.relationships += rels[index]
    if current.rows:
        batches.append(current)
    return batches
