#!/usr/bin/env bash
# Install the pkuseg default segmentation model (features.pkl, weights.npz) for offline use.
# The model ships inside the pkuseg 0.0.25 source distribution on PyPI; we download that archive
# with pip (its setup.py needs numpy, Cython and wheel, so a throwaway venv provides them) and keep
# only the two model files. Idempotent: does nothing when the model is already there.
# Usage: bash scripts/install_pkuseg_model.sh [MODEL_DIR]   (default .venv/share/pkuseg/default)
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:-${POLICY_KG_PKUSEG_MODEL:-.venv/share/pkuseg/default}}"
if [ -s "$dest/features.pkl" ] && [ -s "$dest/weights.npz" ]; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q setuptools wheel numpy Cython
"$work/venv/bin/python" -m pip download -q --no-deps --no-binary :all: --no-build-isolation \
  pkuseg==0.0.25 -d "$work"
tar -xzf "$work/pkuseg-0.0.25.tar.gz" -C "$work" \
  pkuseg-0.0.25/pkuseg/models/default/features.pkl pkuseg-0.0.25/pkuseg/models/default/weights.npz
mkdir -p "$dest"
mv "$work/pkuseg-0.0.25/pkuseg/models/default/features.pkl" "$work/pkuseg-0.0.25/pkuseg/models/default/weights.npz" "$dest/"
echo "pkuseg model installed in $dest"
