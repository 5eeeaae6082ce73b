"""Document records → one networkx MultiDiGraph: each document's part (kg.build.document) merged, then linked:
versions, agencies placed in regions, citations and repeals resolved (and the citations that carry out a
higher-level document as IMPLEMENTS), statuses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import TypeVar

import networkx as nx

from ingest.extractors.jurisdiction import (
    jurisdiction_of,
    jurisdiction_of_cited_title,
    jurisdiction_of_doc_number,
)
from ingest.lexicon.docnumber import parse_doc_number
from ingest.lexicon.regulations import regulations
from ingest.records import DocNumber, DocumentRecord, Jurisdiction
from kg.build.agencies import AgencyResolver
from kg.build.document import DocumentPart, Lines, NodeLines, add_part, doc_number_text, document_parts
from kg.build.implements import add_citation_implements
from kg.build.links import DocumentLinks
from kg.build.regions import add_region_chain
from kg.build.regulations import (
    add_versions,
    expire_revised,
    in_force_from,
    in_force_on,
    work_uid,
)
from kg.build.uids import stable_uid
from kg.graphmodel import Status

TITLE_MATCH_SIMILARITY = 0.6  # enough when the doc number already matches
T = TypeVar("T")


@dataclass
class BuildReport:
    """What the build noticed: citations resolved or not, clashes and other warnings."""

    citations_resolved: int = 0
    citations_external: int = 0
    warnings: list[str] = field(default_factory=list)


def external_uid(title: str | None, number: str | None) -> str:
    """A document known only from citations: keyed by its title, or by its number when no title is printed."""
    return stable_uid("doc", "external", title if title else number)


def unique_documents(
    sources: list[tuple[str, list[T]]], uid: Callable[[T], str]
) -> tuple[list[T], dict[str, list[str]]]:
    """The documents (records or parts) of several sources with each kept once (the first, in the order
    given), and the files that hold each document, by document uid."""
    kept: list[T] = []
    holders: dict[str, list[str]] = {}
    for file, documents in sources:
        for document in documents:
            key = uid(document)
            if key not in holders:
                kept.append(document)
                holders[key] = []
            if file not in holders[key]:
                holders[key].append(file)
    return kept, holders


def build_graph(
    records: list[DocumentRecord], *, as_of: date, holders: dict[str, list[str]] | None = None
) -> tuple[nx.MultiDiGraph, BuildReport]:
    """The whole graph of the records; `holders` lists the files that hold each document (default: the
    document's own source)."""
    return link_parts(document_parts(records), as_of=as_of, holders=holders)


def link_parts(
    parts: list[DocumentPart],
    *,
    as_of: date,
    holders: dict[str, list[str]] | None = None,
    lines: Lines | None = None,
    node_lines: NodeLines | None = None,
) -> tuple[nx.MultiDiGraph, BuildReport]:
    """The whole graph of the documents' parts (kg.build.document), linked: versions, agencies placed,
    citations and repeals resolved, statuses as of `as_of`. The graph.json lines of the parts'
    relationships go into `lines`, those of their nodes into `node_lines` (kg.build.document.add_part)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    report = BuildReport()
    known: Lines = {} if lines is None else lines
    kept: NodeLines = {} if node_lines is None else node_lines
    for part in parts:
        add_part(graph, part, (holders or {}).get(part.links.uid, [part.links.source]), known, kept)
    links = [part.links for part in parts]
    add_versions(graph, links, AgencyResolver())
    _place_agencies(graph)
    index = CorpusIndex(links)
    report.warnings += index.clash_warnings()
    for link in links:
        _add_citations(graph, link, index, report)
        _add_repeals(graph, link, index)
    add_citation_implements(graph)
    set_statuses(graph, as_of)
    expire_revised(graph, index.starts, as_of)
    return graph, report


def _place_agencies(graph: nx.MultiDiGraph) -> None:
    """IN_REGION for every agency whose canonical name (or scope) names a division."""
    agencies = [(u, d["properties"]) for u, d in graph.nodes(data=True) if "Agency" in d["labels"]]
    for uid, props in agencies:
        where = jurisdiction_of([n for n in (props.get("name"), props.get("region")) if n])
        if where.adcode:
            graph.add_edge(uid, add_region_chain(graph, where), type="IN_REGION", properties={})


class CorpusIndex:
    """Corpus documents by number and by title, for resolving citations; numbers may clash. Versions of one
    work share a title: `works` and `starts` (the day each is in force from) choose among them."""

    def __init__(self, documents: list[DocumentLinks]) -> None:
        self.by_number: dict[str, list[str]] = defaultdict(list)
        self.by_title: dict[str, list[str]] = defaultdict(list)
        self.titles: dict[str, list[str]] = defaultdict(list)
        self.works: dict[str, str | None] = {}
        self.starts: dict[str, str | None] = {}
        for document in documents:
            uid = document.uid
            self.works[uid], self.starts[uid] = work_uid(document), in_force_from(document)
            header, number = document.header, doc_number_text(document.header.doc_number)
            if number and uid not in self.by_number[number]:
                self.by_number[number].append(uid)
            for title in {t for t in (header.title, header.subject_title) if t is not None}:
                self.by_title[cited_form(title)].append(uid)
                self.titles[uid].append(title)

    def clash_warnings(self) -> list[str]:
        return [
            f"doc number {number} is printed on {len(uids)} different notices; they are kept apart"
            for number, uids in sorted(self.by_number.items())
            if len(uids) > 1
        ]

    def resolve(
        self, title: str | None, number: str | None, citing: str, on: str | None = None
    ) -> str | None:
        """The corpus document a citation names: by title (`cited_form`), else by number when the title agrees. A
        title that versions of one work share names the version in force on `on` (the citing document's
        date), else the newest."""
        by_title = [u for u in self.by_title.get(cited_form(title or ""), []) if u != citing]
        if number:
            both = [u for u in by_title if u in self.by_number.get(number, [])]
            if both:
                return both[0]
        by_title = self._one_version(by_title, on)
        if len(by_title) == 1:
            return by_title[0]
        candidates = [u for u in self.by_number.get(number or "", []) if u != citing]
        if title:
            candidates = [u for u in candidates if any(_titles_agree(title, t) for t in self.titles[u])]
        return candidates[0] if len(candidates) == 1 else None

    def _one_version(self, uids: list[str], on: str | None) -> list[str]:
        """The version in force on `on` when `uids` are all versions of one work; else `uids`."""
        works = {self.works.get(u) for u in uids}
        if len(uids) < 2 or len(works) != 1 or None in works:
            return uids
        chosen = in_force_on([(u, self.starts.get(u)) for u in uids], on)
        return [chosen] if chosen else uids


def cited_form(title: str) -> str:
    """The title as citations match it: a national law or regulation is cited with or without the state's
    name (《市场主体登记管理条例》 for 中华人民共和国市场主体登记管理条例, and the other way round), so it is
    dropped (regulations.toml's `state_prefix`)."""
    prefix = regulations().state_prefix
    return title.removeprefix(prefix) if len(title) > len(prefix) else title


def _titles_agree(cited: str, own: str) -> bool:
    return cited in own or own in cited or SequenceMatcher(None, cited, own).ratio() >= TITLE_MATCH_SIMILARITY


def _cited_document(
    graph: nx.MultiDiGraph, title: str | None, number: str | None, citing: str, index: CorpusIndex
) -> tuple[str, bool]:
    """(uid, in corpus) of the cited document; creates the inCorpus:false node when needed."""
    resolved = index.resolve(title, number, citing, graph.nodes[citing]["properties"].get("issueDate"))
    if resolved:
        return resolved, True
    uid = external_uid(title, number)
    if uid not in graph:
        parsed = parse_doc_number(number) if number else None
        where = cited_jurisdiction(title, parsed)
        graph.add_node(
            uid,
            labels=["Document"],
            properties={
                "uid": uid,
                "title": title or number,
                "docNumber": number,
                "docAgencyCode": parsed.agency_code if parsed else None,
                "docYear": parsed.year if parsed else None,
                "docSeq": parsed.seq if parsed else None,
                "inCorpus": False,
                "level": where.level,
                "province": where.province,
                "city": where.city,
                "district": where.district,
            },
        )
        if where.level:
            graph.add_edge(uid, add_region_chain(graph, where), type="IN_REGION", properties={})
    elif number and not graph.nodes[uid]["properties"].get("docNumber"):
        graph.nodes[uid]["properties"]["docNumber"] = number
    return uid, False


def cited_jurisdiction(title: str | None, number: DocNumber | None) -> Jurisdiction:
    """Level of a document known only by citation: from the body its title names, else its number's prefix."""
    if title:
        where = jurisdiction_of_cited_title(title)
        if where.level:
            return where
    return jurisdiction_of_doc_number(number.agency_code if number else None)


def _add_citations(
    graph: nx.MultiDiGraph, document: DocumentLinks, index: CorpusIndex, report: BuildReport
) -> None:
    uid = document.uid
    for citation in document.citations:
        target, in_corpus = _cited_document(graph, citation.title, citation.doc_number, uid, index)
        report.citations_resolved += in_corpus
        report.citations_external += not in_corpus
        graph.add_edge(
            uid,
            target,
            type="CITES",
            properties={
                "asPrinted": citation.as_printed,
                "page": citation.page,
                "purpose": citation.purpose,
                "article": citation.article,
                "citedTitle": citation.title,
                "citedDocNumber": citation.doc_number,
            },
        )


def _add_repeals(graph: nx.MultiDiGraph, document: DocumentLinks, index: CorpusIndex) -> None:
    uid = document.uid
    for repeal in document.repeals:
        target, _ = _cited_document(graph, repeal.title, repeal.doc_number, uid, index)
        graph.add_edge(
            uid,
            target,
            type="SUPERSEDES",
            properties={
                "asPrinted": repeal.as_printed,
                "page": repeal.page,
                "repealedTitle": repeal.title,
                "repealedDocNumber": repeal.doc_number,
            },
        )


def set_statuses(graph: nx.MultiDiGraph, as_of: date) -> None:
    """status: repealed when superseded, else expired / not_yet / in_force as of `as_of` (corpus documents)."""
    day = as_of.isoformat()
    for uid, data in graph.nodes(data=True):
        if "Document" not in data["labels"]:
            continue
        props = data["properties"]
        status: Status
        if any(d["type"] == "SUPERSEDES" for _, _, d in graph.in_edges(uid, data=True)):
            status = "repealed"
        elif not props.get("inCorpus"):
            continue
        elif props.get("expiryDate") and props["expiryDate"] < day:
            status = "expired"
        elif props.get("effectiveDate") and props["effectiveDate"] > day:
            status = "not_yet"
        else:
            status = "in_force"
        props["status"] = status
