"""One document's part of the graph: the nodes and relationships its record alone gives (the document, its
issuers and approvals, regions, validity deadlines, measures with their units, deadlines, targets and
indicators), and its links (kg.build.links) for what joins it to the other documents.

A part depends on nothing but its record, so a corpus keeps the parts of its sources and builds only those
of a new source. `add_part` merges a part into the graph as building the document there would have: a node
the graph has is kept, except that an agency gains the part's labels and printed forms, in order; a WITHIN
between two regions is not repeated. A part's relationships are final (linking adds others but never
changes these): each has the properties graph.json gives it and carries its graph.json line, so writing
the graph does not encode them again and a corpus stores them as those lines. A part's nodes carry their
graph.json lines too, written as they are while linking leaves the node as the part built it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ingest.records import DocNumber, DocumentRecord, IssuerRole
from kg.build.agencies import AgencyResolver, ensure_agency_node, issuer_names
from kg.build.links import DocumentLinks, document_links
from kg.build.measures import add_measure_subgraph, ensure_deadline_node
from kg.build.regions import add_region_chain
from kg.build.regulations import add_approvals
from kg.build.uids import stable_uid
from kg.graphjson import EdgeId, KeptNode, node_line, relationship_row, row_line

Properties = dict[str, object]
NodeRow = tuple[str, list[str], Properties]  # uid, labels, properties
EdgeRow = tuple[str, str, str, Properties, str | None, str]  # start, end, type, properties, key, line
Lines = dict[EdgeId, str]  # graph.json lines of the graph's edges that came from parts
NodeLines = dict[str, KeptNode]  # by uid: labels and properties of a node as a part gave it, and its line


@dataclass(frozen=True)
class DocumentPart:
    """A document's links and the nodes and relationships of its own, in the order it built them, and the
    nodes' graph.json lines."""

    links: DocumentLinks
    nodes: list[NodeRow]
    edges: list[EdgeRow]
    node_lines: list[str]


def document_uid(record: DocumentRecord) -> str:
    """Content-scoped: number, title and date (never the position in the compilation, never the file)."""
    header = record.header
    return stable_uid("doc", doc_number_text(header.doc_number), header.title, header.issue_date)


def doc_number_text(number: DocNumber | None) -> str | None:
    return number.text if number else None


def document_parts(records: list[DocumentRecord]) -> list[DocumentPart]:
    """The part of each record (one agency resolver for all: a name printed again resolves once)."""
    agencies = AgencyResolver()
    return [document_part(record, agencies) for record in records]


def document_part(record: DocumentRecord, agencies: AgencyResolver) -> DocumentPart:
    """The part of one record."""
    uid = document_uid(record)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    _add_document(graph, uid, record)
    _add_issuers(graph, uid, record, agencies)
    add_approvals(graph, uid, record, agencies)
    add_measure_subgraph(graph, uid, record, agencies)
    nodes = [(node, data["labels"], data["properties"]) for node, data in graph.nodes(data=True)]
    edges: list[EdgeRow] = []
    for start, end, key, data in graph.edges(keys=True, data=True):
        row = relationship_row(start, end, data)  # the properties as graph.json holds them
        named = key if isinstance(key, str) else None
        edges.append((start, end, row["type"], row["properties"], named, row_line(row)))
    lines = [node_line(*node) for node in nodes]
    return DocumentPart(document_links(uid, record), nodes, edges, lines)


def add_part(
    graph: nx.MultiDiGraph, part: DocumentPart, sources: list[str], lines: Lines, node_lines: NodeLines
) -> None:
    """Merge the part into `graph` (see the module docstring); its Document lists `sources`, the files that
    hold it. The graph gets copies of the part's node properties, so linking never changes the part; the
    nodes it adds go into `node_lines` with the part's labels, properties and lines. Its relationships are
    never changed after, so their graph.json lines go into `lines`."""
    nodes = graph.nodes
    for (uid, labels, properties), line in zip(part.nodes, part.node_lines, strict=True):
        if uid not in nodes:
            node_lines[uid] = (labels, properties, line)
            copied = dict(properties)
            if "aliases" in copied:
                copied["aliases"] = _aliases(properties)
            graph.add_node(uid, labels=list(labels), properties=copied)
        elif "Agency" in labels:
            node = nodes[uid]
            node["labels"] += [label for label in labels if label not in node["labels"]]
            aliases = node["properties"].setdefault("aliases", [])
            for alias in _aliases(properties):
                if alias not in aliases:
                    aliases.append(alias)
    nodes[part.links.uid]["properties"]["sources"] = sources
    for start, end, kind, properties, key, line in part.edges:
        if key is None:
            lines[start, end, graph.add_edge(start, end, type=kind, properties=properties)] = line
        elif not graph.has_edge(start, end, key=key):
            lines[start, end, graph.add_edge(start, end, key=key, type=kind, properties=properties)] = line


def _aliases(properties: Properties) -> list[str]:
    """A copy of an agency's printed forms."""
    aliases = properties.get("aliases")
    return [alias for alias in aliases if isinstance(alias, str)] if isinstance(aliases, list) else []


def _add_document(graph: nx.MultiDiGraph, uid: str, record: DocumentRecord) -> None:
    header, where, text = record.header, record.jurisdiction, record.text
    number = header.doc_number
    graph.add_node(
        uid,
        labels=["Document"],
        properties={
            "uid": uid,
            "title": header.title,
            "subjectTitle": header.subject_title,
            "docNumber": doc_number_text(number),
            "docAgencyCode": number.agency_code if number else None,
            "docYear": number.year if number else None,
            "docSeq": number.seq if number else None,
            "docType": header.doc_type,
            "issueDate": header.issue_date,
            "adoptedDate": header.adopted_date,
            "publishedDate": header.published_date,
            "effectiveDate": header.effective_date,
            "expiryDate": header.expiry_date,
            "validityText": header.validity_text,
            "draft": header.draft,
            "inCorpus": True,
            "recipients": header.recipients,
            "issuers": [issuer.name for issuer in header.issuers],
            "attachments": header.attachments,
            "level": where.level,
            "province": where.province,
            "city": where.city,
            "district": where.district,
            "pageStart": text.page_start,
            "pageEnd": text.page_end,
            "source": text.source,
            "sources": [text.source],
            "ocr": bool(text.ocr_pages),
            "compilationSection": text.section,
            "listNumber": text.list_number,
        },
    )
    region = add_region_chain(graph, where)
    graph.add_edge(uid, region, type="IN_REGION", properties={})
    for clause in header.validity_clauses:
        deadline = ensure_deadline_node(graph, clause.date, "day")
        properties = {"kind": clause.kind, "asPrinted": clause.as_printed, "page": clause.page}
        graph.add_edge(uid, deadline, type="HAS_DEADLINE", properties=properties)


def _add_issuers(
    graph: nx.MultiDiGraph, doc_uid: str, record: DocumentRecord, agencies: AgencyResolver
) -> None:
    names = issuer_names(record)
    full_names = [name for name, _ in names]
    graph.nodes[doc_uid]["properties"]["issuers"] = full_names
    for order, (issuer, (name, repaired)) in enumerate(zip(record.header.issuers, names, strict=True)):
        agency = agencies.resolve(name, record.jurisdiction, full_names)
        ensure_agency_node(graph, agency, issuer.as_printed)
        role: IssuerRole = "lead" if order == 0 else "joint"
        properties: dict[str, object] = {
            "role": role,
            "order": order + 1,
            "asPrinted": issuer.as_printed,
            "name": name,
            "page": issuer.page,
        }
        if repaired:
            properties["repaired"] = True
        graph.add_edge(agency.uid, doc_uid, type="ISSUES", properties=properties)
