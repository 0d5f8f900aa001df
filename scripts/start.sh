#!/usr/bin/env bash
# Installs what the hub needs (Node 24, npm packages) and starts it in demo mode on the embedded store.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
bash scripts/ensure-deps.sh
exec npm start
