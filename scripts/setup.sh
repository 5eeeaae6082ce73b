#!/usr/bin/env bash
# Set up everything policy-kg needs on a fresh machine: the virtualenv and the project,
# the offline pkuseg model, and a local Neo4j from Maven Central. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev,dask]'  # dask: the tests start a LocalCluster
bash scripts/install_pkuseg_model.sh
.venv/bin/python -c 'from ingest.nlp.segmenter import model; model()'  # compile it once (ingest.nlp.crf_arrays)
bash scripts/install_system_packages.sh
.venv/bin/kg neo4j install
