#!/usr/bin/env bash
# Installs the npm packages the lockfile pins when node_modules is missing or older than it.
# `npm install` rather than `npm ci`: it installs exactly the locked versions, skips optional builds for
# other platforms, and leaves a complete lockfile (every platform build listed) as it is. A mirror that
# lacked some platform builds once made `npm ci` refuse an incomplete lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: npm install (locked versions)" >&2
  npm install --no-audit --no-fund >&2
fi
