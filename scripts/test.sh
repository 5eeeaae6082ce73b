#!/usr/bin/env bash
# Run the whole test suite from scratch: set up, lint, type-check (mypy, configured in pyproject.toml),
# then pytest (which starts the local Neo4j itself).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
