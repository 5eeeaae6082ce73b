"""The trace as a self-contained interactive HTML page (neo4j-viz: its JavaScript is inlined, no CDN)."""

from __future__ import annotations

from pathlib import Path

from neo4j_viz import Layout, Node, Relationship, VisualizationGraph

from kg.analysis.trace import Trace, TraceNode

LEVEL_COLOURS: dict[str | None, str] = {
    "national": "#d62728",
    "province": "#1f77b4",
    "city": "#2ca02c",
    "district": "#ff7f0e",
}
UNKNOWN_COLOUR = "#7f7f7f"
ROOT_COLOUR = "#9467bd"
INACTIVE_COLOUR = "#000000"
CROSS_PROVINCE_COLOUR = "#e377c2"
REUSE_COLOUR = "#17becf"
LINK_COLOUR = "#999999"
COLUMN, ROW = 160.0, 140.0


def _caption(node: TraceNode) -> str:
    text = node.document.get("title") or node.uid
    mark = " [已失效]" if node.inactive else ""
    return (text[:24] + "…" if len(text) > 24 else text) + mark


def _colour(node: TraceNode) -> str:
    if node.inactive:
        return INACTIVE_COLOUR
    return LEVEL_COLOURS.get(node.document.get("level"), UNKNOWN_COLOUR)


def _edge_caption(node: TraceNode) -> str:
    parts = []
    for link in node.links:
        label = link.type if link.via is None else f"{link.type}({link.via})"
        parts.append(label if link.direction is None else f"{label} {link.direction}")
    return ", ".join(parts) + (" 跨省" if node.cross_province else "")


def _positions(result: Trace) -> dict[str, tuple[float, float]]:
    """A tree layout: the document in the middle, upstream rows above it, downstream rows below."""
    places = {result.root.uid: (0.0, 0.0)}
    for side, sign in ((result.upstream, -1), (result.downstream, 1)):
        row, depth = list(side), 1
        while row:
            fresh = [n for n in row if n.uid not in places]
            for i, node in enumerate(fresh):
                places[node.uid] = ((i - (len(fresh) - 1) / 2) * COLUMN, sign * depth * ROW)
            row, depth = [c for n in row for c in n.children], depth + 1
    return places


def visualisation(result: Trace) -> VisualizationGraph:
    """Nodes coloured by level (black when repealed or expired); links pink across provinces, cyan for reuse."""
    places = _positions(result)
    x, y = places[result.root.uid]
    nodes = {
        result.root.uid: Node(
            id=result.root.uid, caption=_caption(result.root), color=ROOT_COLOUR, size=30, x=x, y=y
        )
    }
    rels = []

    def add(parent: str, child: TraceNode, upward: bool) -> None:
        if child.uid not in nodes:
            x, y = places[child.uid]
            nodes[child.uid] = Node(
                id=child.uid,
                caption=_caption(child),
                color=_colour(child),
                size=20,
                x=x,
                y=y,
                properties=child.document,
            )
        reuse = any(link.via == "reuse" for link in child.links)
        colour = CROSS_PROVINCE_COLOUR if child.cross_province else REUSE_COLOUR if reuse else LINK_COLOUR
        source, target = (parent, child.uid) if upward else (child.uid, parent)
        rels.append(Relationship(source=source, target=target, caption=_edge_caption(child), color=colour))
        for grandchild in child.children:
            add(child.uid, grandchild, upward)

    for top in result.upstream:
        add(result.root.uid, top, True)
    for top in result.downstream:
        add(result.root.uid, top, False)
    return VisualizationGraph(nodes=list(nodes.values()), relationships=rels)


def write_trace_html(result: Trace, path: Path) -> None:
    """Write the picture to `path`: one file that opens offline (nodes placed as a tree, free to drag)."""
    html = visualisation(result).render(layout=Layout.COORDINATE, height="800px", theme="light").data
    path.write_text(html, encoding="utf-8")
