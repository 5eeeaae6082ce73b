"""What links regulations and rules beyond citations: the bodies that approved them, and versions of one work.

Versions: corpus documents of the regulation genre with the same title in the same jurisdiction are
expressions of one work (eli:LegalResource). They share `workUid` (a hash of title and place, so it
does not depend on which versions are in the corpus), and each newer version REVISES the one before it
(ordered by the date it was made: adopted, else issued, published or in force). The REVISES edge carries
the step the newer one prints (修正 amended, 修订 revised), its date and the amending decision it names.
A version is in force from the latest of its dates (an amended text that keeps 本条例自2011年6月1日起施行
is in force from its amendment); once a newer version is in force, the older one is expired. A version
that prints no history takes its missing dates, and its maker when it names none, from the step a newer
version prints for it (上海市促进农业科技进步若干规定 2007, whose 2024 text prints 2007年10月10日…常务委员会…
通过): that ISSUES edge names the document it was read in (`evidenceIn`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import networkx as nx

from ingest.extractors.regulation import GENRE, approvals
from ingest.records import DocumentRecord, EnactmentRecord
from kg.build.agencies import AgencyResolver, ensure_agency_node
from kg.build.links import DocumentLinks
from kg.build.uids import stable_uid

MAKING = ("adopted", "amended", "revised")


def work_uid(record: DocumentLinks) -> str | None:
    """The work a regulation is a version of: its title and place (None for a notice: its own work)."""
    if record.genre != GENRE:
        return None
    where = record.jurisdiction
    return stable_uid("work", record.header.title, where.province, where.city, where.district)


def version_date(record: DocumentLinks) -> str | None:
    """When the version was made: adopted, else issued, published, or in force."""
    header = record.header
    return header.adopted_date or header.issue_date or header.published_date or header.effective_date


def in_force_from(record: DocumentLinks) -> str | None:
    """The latest of the version's dates: it is in force from then on."""
    header = record.header
    dates = [
        d for d in (header.adopted_date, header.issue_date, header.published_date, header.effective_date) if d
    ]
    return max(dates) if dates else None


def in_force_on(versions: Iterable[tuple[str, str | None]], day: str | None) -> str | None:
    """Of (uid, in force from) pairs, the version in force on `day`: the latest that started by then; the
    newest when none had started (or no day is given)."""
    ordered = sorted(versions, key=lambda v: v[1] or "")
    if not ordered:
        return None
    started = [uid for uid, start in ordered if day and start and start <= day]
    return started[-1] if started else ordered[-1][0]


def add_approvals(
    graph: nx.MultiDiGraph, doc_uid: str, record: DocumentRecord, agencies: AgencyResolver
) -> None:
    """(Agency)-[:APPROVES]->(Document) for each approval of the text (a city regulation by its province's
    congress), with its date, words as printed and page."""
    for step in approvals(record.header):
        agency = agencies.resolve(step.body or "", record.jurisdiction)
        ensure_agency_node(graph, agency, step.body or "")
        properties = {"date": step.date, "asPrinted": step.as_printed, "page": step.page}
        graph.add_edge(agency.uid, doc_uid, type="APPROVES", properties=properties)


def add_versions(graph: nx.MultiDiGraph, documents: list[DocumentLinks], agencies: AgencyResolver) -> None:
    """workUid on every regulation, REVISES between consecutive versions of a work, and a maker for a
    version that prints none."""
    works: dict[str, list[tuple[str, DocumentLinks]]] = defaultdict(list)
    for document in documents:
        work = work_uid(document)
        if work:
            graph.nodes[document.uid]["properties"]["workUid"] = work
            works[work].append((document.uid, document))
    for versions in works.values():
        versions.sort(key=lambda v: version_date(v[1]) or "")
        for (old_uid, old), (new_uid, new) in zip(versions, versions[1:], strict=False):
            if version_date(old) == version_date(new):
                continue
            graph.add_edge(new_uid, old_uid, type="REVISES", properties=_revision(new))
            _fill_from_history(graph, old_uid, old, new_uid, new, agencies)


def _revision(newer: DocumentLinks) -> dict[str, object]:
    """The step by which the newer version was made (修正/修订), as it prints it."""
    steps = [s for s in newer.header.history if s.kind in ("amended", "revised")]
    step = max(steps, key=lambda s: s.date or "") if steps else None
    if step is None:
        return {"kind": "revised", "date": version_date(newer)}
    return {
        "kind": step.kind,
        "date": step.date,
        "decision": step.decision,
        "asPrinted": step.as_printed,
        "page": step.page,
    }


def _fill_from_history(
    graph: nx.MultiDiGraph,
    old_uid: str,
    old: DocumentLinks,
    new_uid: str,
    new: DocumentLinks,
    agencies: AgencyResolver,
) -> None:
    """What the newer version prints about the older one and the older one does not: the step that made
    it (the last making or publishing step on or before the older version is in force, before the newer
    one was made) gives its missing dates and, when it names none, its maker."""
    step = _step_for(new.header.history, in_force_from(old), version_date(new))
    if step is None:
        return
    properties = graph.nodes[old_uid]["properties"]
    dated = "publishedDate" if step.kind == "published" else "adoptedDate"
    properties[dated] = properties.get(dated) or step.date
    properties["issueDate"] = properties.get("issueDate") or step.date
    if old.header.issuers or not step.body:
        return
    agency = agencies.resolve(step.body, old.jurisdiction)
    ensure_agency_node(graph, agency, step.body)
    properties["issuers"] = [step.body]
    edge = {
        "role": "lead",
        "order": 1,
        "asPrinted": step.as_printed,
        "name": step.body,
        "page": step.page,
        "evidenceIn": new_uid,
    }
    graph.add_edge(agency.uid, old_uid, type="ISSUES", properties=edge)


def _step_for(
    history: list[EnactmentRecord], until: str | None, before: str | None
) -> EnactmentRecord | None:
    steps = [
        s
        for s in history
        if s.kind in (*MAKING, "published")
        and s.date
        and (not until or s.date <= until)
        and (not before or s.date < before)
    ]
    return max(steps, key=lambda s: (s.date or "", s.kind != "published")) if steps else None


def expire_revised(graph: nx.MultiDiGraph, starts: dict[str, str | None], as_of: date) -> None:
    """An older version whose newer version is in force as of `as_of` is expired."""
    day = as_of.isoformat()
    versions = [uid for uid, props in graph.nodes(data="properties") if props.get("workUid")]
    for newer, older, data in graph.out_edges(versions, data=True):
        if data["type"] != "REVISES":
            continue
        start = starts.get(newer)
        props = graph.nodes[older]["properties"]
        if start and start <= day and props.get("status") == "in_force":
            props["status"] = "expired"
