"""Region nodes and the WITHIN hierarchy (district → city → province → China)."""

from __future__ import annotations

import networkx as nx

from ingest.lexicon.regions import Region, region_index
from ingest.records import Jurisdiction

CHINA_ADCODE = "100000"
CHINA_UID = f"region:{CHINA_ADCODE}"


def region_uid(adcode: str) -> str:
    return f"region:{adcode}"


def add_region_chain(graph: nx.MultiDiGraph, jurisdiction: Jurisdiction) -> str:
    """Add the jurisdiction's region and its ancestors (with WITHIN edges); return the lowest region's uid."""
    _ensure_china(graph)
    index = region_index()
    region = index.get(jurisdiction.adcode)
    if region is None:
        return CHINA_UID
    chain = index.chain(region)
    for region_in_chain in chain:
        _add_region(graph, region_in_chain)
    for lower, upper in zip(chain, [*chain[1:], None], strict=True):
        parent_uid = region_uid(upper.adcode) if upper else CHINA_UID
        if not graph.has_edge(region_uid(lower.adcode), parent_uid, key="WITHIN"):
            graph.add_edge(region_uid(lower.adcode), parent_uid, key="WITHIN", type="WITHIN", properties={})
    return region_uid(region.adcode)


def _add_region(graph: nx.MultiDiGraph, region: Region) -> None:
    uid = region_uid(region.adcode)
    if uid not in graph:
        graph.add_node(
            uid,
            labels=["Region"],
            properties={"uid": uid, "name": region.name, "level": region.level, "adcode": region.adcode},
        )


def _ensure_china(graph: nx.MultiDiGraph) -> None:
    if CHINA_UID not in graph:
        graph.add_node(
            CHINA_UID,
            labels=["Region"],
            properties={
                "uid": CHINA_UID,
                "name": "中华人民共和国",
                "level": "national",
                "adcode": CHINA_ADCODE,
            },
        )
