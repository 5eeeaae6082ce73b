"""Where the tests find the repository's files: the bundled sample, the docs, the shared corpus."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "east-china-2023.txt"
DOCS = ROOT / "docs"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "dev-gold.json"
LAWS = SHARED / "corpus" / "laws"
