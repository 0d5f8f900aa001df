#!/usr/bin/env bash
# Installs the npm packages the lockfile pins when node_modules is missing or older than it.
# `npm install` rather than `npm ci`: the lockfile can only name the platform builds a registry
# serves (some mirrors lack e.g. Biome's Android and Windows binaries), and `npm ci` refuses such a
# lockfile, while `npm install` installs exactly the locked versions and skips optional builds.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: npm install (locked versions)" >&2
  npm install --no-audit --no-fund >&2
fi
