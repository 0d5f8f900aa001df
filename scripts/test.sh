#!/usr/bin/env bash
# Installs everything the tests need (Node 24, npm packages, PostgreSQL, RabbitMQ, Chromium) and runs every test.
# Ends with one plain line "N passed, N failed" read from the runner's JSON report.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
bash scripts/ensure-deps.sh

TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh)"
TEST_AMQP_URL="$(bash scripts/ensure-rabbitmq.sh)"
# The end-to-end tests drive Debian's Chromium (no browser download).
CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)"
export TEST_DATABASE_URL TEST_AMQP_URL CHROMIUM_PATH
# Every server is here: nothing may be left out (test/support/requirements.ts).
unset ARENDENAV_TEST_SERVERS

npm run --silent typecheck
npm run --silent lint
# The multi-process tests run the compiled hub, as production does: they build it first when any source
# changed (test/support/built-dist.ts), and a failed build fails them.

mkdir -p .tmp
rm -rf .tmp/vitest-report.json .tmp/test-output .tmp/tmp
# The tests' temporary folders (inboxes, data dirs) go here, so what they leave can be checked after.
mkdir -p .tmp/tmp
status=0
TMPDIR="$PWD/.tmp/tmp" npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json || status=$?
# After the whole suite: no personnummer and no party name in anything the hub logged or exported as
# metrics, and no export file left in clear with personal data (nothing lingers).
node scripts/scan-test-output.mjs .tmp/test-output --files .tmp/tmp || status=1
node scripts/test-summary.mjs .tmp/vitest-report.json || status=1
exit "$status"
