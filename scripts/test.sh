#!/usr/bin/env bash
# Run the whole test suite from scratch: set up, lint, then pytest (which starts the local Neo4j itself).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
