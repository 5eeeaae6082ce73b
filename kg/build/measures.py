"""The measure subgraph of one document: Measure nodes, HAS_MEASURE, PART_OF, ASSIGNS, deadlines, targets,
indicators (ADDRESSES).

Nodes follow the in-memory convention of kg.build.graph: `labels` and `properties` attributes per node,
`type` and `properties` per edge. Units resolve to Agency nodes through the shared AgencyResolver;
a body both issuing and assigned carries the labels Agency and ResponsibleUnit on one node.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ingest.extractors.regulation import GENRE as REGULATION
from ingest.records import DocumentRecord, Granularity, MeasureRecord
from kg.build.agencies import AgencyResolver, ensure_agency_node
from kg.build.uids import stable_uid


def measure_uid(doc_uid: str, path: str) -> str:
    """Stable per document and path (the path is unique within a document)."""
    return stable_uid("measure", doc_uid, path)


def add_measure_subgraph(
    graph: nx.MultiDiGraph, doc_uid: str, record: DocumentRecord, agencies: AgencyResolver
) -> None:
    """Add every measure of `record` under the Document node `doc_uid` (which must exist)."""
    # A regulation's maker (a congress) has no divisions its articles name: its units resolve by place.
    issuers = [] if record.genre == REGULATION else record.header.issuers
    full_names = [issuer.name for issuer in issuers if issuer.name]
    uids = {m.path: measure_uid(doc_uid, m.path) for m in record.measures}
    for measure in record.measures:
        uid = uids[measure.path]
        graph.add_node(
            uid,
            labels=["Measure"],
            properties=_measure_properties(uid, doc_uid, measure, record.text.ocr_pages),
        )
        graph.add_edge(doc_uid, uid, type="HAS_MEASURE", properties={})
        if measure.parent_path in uids:
            graph.add_edge(uid, uids[measure.parent_path], type="PART_OF", properties={})
        prefix = None
        for unit in measure.units:
            agency = agencies.resolve(unit.as_printed, record.jurisdiction, full_names, implied_prefix=prefix)
            if unit.kind != "generic":
                prefix = unit.as_printed[0] if unit.as_printed[0] in "省市区县" else prefix
            ensure_agency_node(graph, agency, unit.as_printed, responsible=True)
            graph.add_edge(
                uid,
                agency.uid,
                type="ASSIGNS",
                properties={
                    "role": unit.role,
                    "order": unit.order,
                    "asPrinted": unit.as_printed,
                    "page": unit.page,
                },
            )
        _add_deadlines(graph, uid, measure, record)
        _add_targets(graph, uid, measure, record)
        _add_indicators(graph, uid, measure)


def _measure_properties(
    uid: str, doc_uid: str, m: MeasureRecord, ocr_pages: tuple[int, ...]
) -> dict[str, Any]:
    props = {
        "uid": uid,
        "document": doc_uid,
        "number": m.number,
        "path": m.path,
        "no": m.no,
        "heading": m.heading,
        "text": m.text,
        "pageStart": m.page_start,
        "pageEnd": m.page_end,
        "charStart": m.char_start,
        "charEnd": m.char_end,
        "leaf": m.leaf,
        "chapter": m.chapter,
        "provisions": m.provisions,
        "ocr": True if any(m.page_start <= page <= m.page_end for page in ocr_pages) else None,
    }
    return {k: v for k, v in props.items() if v is not None}


def ensure_deadline_node(graph: nx.MultiDiGraph, date: str, granularity: Granularity) -> str:
    """One Deadline node per (date, granularity); returns its uid."""
    node = stable_uid("deadline", date, granularity)
    if node not in graph:
        graph.add_node(
            node, labels=["Deadline"], properties={"uid": node, "date": date, "granularity": granularity}
        )
    return node


def _add_deadlines(graph: nx.MultiDiGraph, uid: str, m: MeasureRecord, record: DocumentRecord) -> None:
    for d in m.deadlines:
        node = ensure_deadline_node(graph, d.date, d.granularity)
        page = record.text.page_at(d.offset)
        graph.add_edge(
            uid,
            node,
            type="HAS_DEADLINE",
            properties={"kind": d.kind, "asPrinted": d.as_printed, "page": page},
        )


def _add_targets(graph: nx.MultiDiGraph, uid: str, m: MeasureRecord, record: DocumentRecord) -> None:
    for t in m.targets:
        node = stable_uid("target", uid, t.offset - m.char_start, t.text)  # its place within the measure
        props = {
            "uid": node,
            "text": t.text,
            "metric": t.metric,
            "value": t.value,
            "unit": t.unit,
            "comparator": t.comparator,
        }
        graph.add_node(node, labels=["Target"], properties={k: v for k, v in props.items() if v is not None})
        page = record.text.page_at(t.offset)
        graph.add_edge(uid, node, type="SETS_TARGET", properties={"page": page, "asPrinted": t.text})


def _add_indicators(graph: nx.MultiDiGraph, uid: str, m: MeasureRecord) -> None:
    for hit in m.indicators:
        node = stable_uid("indicator", hit.system, hit.name)
        if node not in graph:
            props = {"uid": node, "name": hit.name, "system": hit.system, "bready": hit.bready}
            graph.add_node(
                node, labels=["Indicator"], properties={k: v for k, v in props.items() if v is not None}
            )
        graph.add_edge(uid, node, type="ADDRESSES", properties={"via": hit.via, "evidence": hit.evidence})
