"""`kg` starts at once: importing the CLI loads none of the heavy libraries, and every command is there."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.paths import ROOT

COMMANDS = (
    "ingest",
    "stats",
    "eval",
    "agencies",
    "build",
    "load",
    "query",
    "cypher",
    "export",
    "trace",
    "neo4j",
)
# Heavy: those issue 9 names, and the libraries of the readers for web pages, Word files and OCR.
HEAVY = (
    "spacy",
    "spacy_pkuseg",
    "datasketch",
    "neo4j",
    "neo4j_viz",
    "pdfminer",
    "networkx",
    "trafilatura",
    "lxml",
    "docx",
    "rapidocr",
    "onnxruntime",
    "pypdfium2",
    "numpy",
    "PIL",
)
PROBE = f"""
import json, sys
import typer
import kg.cli.main
names = list(typer.main.get_command(kg.cli.main.app).commands)
print(json.dumps({{"heavy": sorted(m for m in {HEAVY!r} if m in sys.modules), "commands": names}}))
"""


def test_importing_the_cli_loads_no_heavy_library() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = json.loads(run.stdout)
    assert loaded["heavy"] == []
    assert set(COMMANDS) <= set(loaded["commands"])
