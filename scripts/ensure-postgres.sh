#!/usr/bin/env bash
# Installs PostgreSQL from Debian packages when absent and starts a private, loopback-only cluster
# for tests and benchmarks (no systemd). Idempotent: a running cluster is reused.
# Prints the connection URL on stdout; everything else goes to stderr.
set -euo pipefail
PGPORT="${ARENDENAV_PG_PORT:-55432}"
# Not under TMPDIR: scripts/test.sh empties its own temporary folder before every run, and a cluster
# living there lost its data directory under the running server (every PostgreSQL test then failed).
PGROOT="${ARENDENAV_PG_DIR:-/var/tmp/arendenav-pg-$PGPORT}"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "ensure-postgres: installing PostgreSQL from Debian packages" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-contrib >&2
fi
BIN="$(pg_bin)"

# initdb refuses to run as root: use the postgres system user the Debian package creates.
if [ "$(id -u)" -eq 0 ]; then AS=(runuser -u postgres --); else AS=(); fi

# A cluster already serving this port is reused, wherever it was started from (another TMPDIR, say).
if [ -x "$BIN/pg_isready" ] && "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  PG_RUNNING=1
else
  PG_RUNNING=0
fi

if [ "$PG_RUNNING" -eq 0 ]; then
  mkdir -p "$PGROOT"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGROOT"; fi
fi
if [ "$PG_RUNNING" -eq 0 ] && [ ! -f "$PGROOT/data/PG_VERSION" ]; then
  echo "ensure-postgres: creating cluster in $PGROOT/data" >&2
  "${AS[@]}" "$BIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if [ "$PG_RUNNING" -eq 0 ] && ! "${AS[@]}" "$BIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
  echo "ensure-postgres: starting on 127.0.0.1:$PGPORT" >&2
  "${AS[@]}" "$BIN/pg_ctl" -D "$PGROOT/data" -w -l "$PGROOT/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c max_connections=200 -c fsync=${ARENDENAV_PG_FSYNC:-on} -c shared_buffers=512MB" \
    start >&2
fi
for db in arendenav; do
  if ! "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE $db" >&2
  fi
done
echo "postgres://postgres@127.0.0.1:$PGPORT/arendenav"
