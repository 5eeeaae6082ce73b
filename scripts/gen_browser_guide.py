"""Write kg/data/browser-guide.html, the Neo4j Browser guide, from queries/*.cypher and kg/data/browser_guide.toml.

Run it after adding or changing a canned query (tests/unit/kg/neo4j/test_guide.py checks the file is in step);
the local server serves the new guide from its next start.

Usage: .venv/bin/python scripts/gen_browser_guide.py
"""

from __future__ import annotations

from kg.neo4j.browser import GUIDE_SOURCE
from kg.neo4j.catalogue import load_catalogue
from kg.neo4j.guide import load_guide, render_guide


def main() -> None:
    guide = load_guide()
    catalogue = load_catalogue()
    GUIDE_SOURCE.write_text(render_guide(guide, catalogue), encoding="utf-8")
    print(f"wrote {GUIDE_SOURCE} ({len(guide.pages)} pages, {len(catalogue)} queries)")


if __name__ == "__main__":
    main()
