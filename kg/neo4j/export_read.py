"""Read a loaded graph back out of Neo4j into the in-memory graph of kg.graphjson (for `--from-neo4j`).

Undoes what kg.neo4j.loader adds: the key label `Entity`, the bookkeeping `loadedFrom` or `loadedCorpus`,
relationship uids, and Neo4j dates (back to ISO strings). Node uids stay: graph.json carries them as a property too.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from neo4j import Driver
from neo4j.time import Date, DateTime

from kg.neo4j.plan import CORPUS_KEY, SOURCES_KEY
from kg.neo4j.schema import KEY_LABEL

NODE_BOOKKEEPING = (SOURCES_KEY, CORPUS_KEY)
RELATIONSHIP_BOOKKEEPING = ("uid", SOURCES_KEY, CORPUS_KEY)

READ_NODES = f"MATCH (n:{KEY_LABEL}) RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props"
READ_RELATIONSHIPS = (
    f"MATCH (a:{KEY_LABEL})-[r]->(b:{KEY_LABEL}) "
    "RETURN a.uid AS start, b.uid AS end, type(r) AS type, properties(r) AS props"
)


def _plain(value: Any) -> Any:
    if isinstance(value, Date | DateTime):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _properties(props: dict[str, Any], bookkeeping: tuple[str, ...]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in props.items() if k not in bookkeeping}


def read_graph(driver: Driver, database: str) -> nx.MultiDiGraph:
    """Every node and relationship the loader wrote to `database`, as graph.json would hold them."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    with driver.session(database=database) as session:
        for row in session.run(READ_NODES):
            labels = sorted(label for label in row["labels"] if label != KEY_LABEL)
            graph.add_node(row["uid"], labels=labels, properties=_properties(row["props"], NODE_BOOKKEEPING))
        for row in session.run(READ_RELATIONSHIPS):
            graph.add_edge(
                row["start"],
                row["end"],
                type=row["type"],
                properties=_properties(row["props"], RELATIONSHIP_BOOKKEEPING),
            )
    return graph
