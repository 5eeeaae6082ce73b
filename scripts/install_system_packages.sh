#!/usr/bin/env bash
# Debian packages the tests and the workbench need: chromium (headless checks of the HTML pages kg writes
# and of the Neo4j Browser) and a CJK font (fonts-wqy-microhei: Chinese in screenshots and in the scanned
# pages the OCR tests render). Skips what is already installed.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
