#!/usr/bin/env bash
# `npm run bench`: the benchmarks on the project's Node 24 (.node-version), whatever Node is first on
# PATH, with the locked packages; PostgreSQL and RabbitMQ are started by the bench itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
bash scripts/ensure-deps.sh
npm run --silent build
exec node "dist/bench/${BENCH_SCRIPT:-run}.js" "$@"
