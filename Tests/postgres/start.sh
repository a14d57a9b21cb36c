#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (once; later calls find it running) and prints
# its address. Debian's PostgreSQL (apt-get install postgresql); listens on 127.0.0.1 only; trust
# authentication, because nothing but the tests can reach it. As root it runs as the postgres user.
#   ZICHT_PG_PORT (default 54329), ZICHT_PG_DIR (default /tmp/zicht-test-postgres)
#   --stop   stops it
set -euo pipefail
PORT=${ZICHT_PG_PORT:-54329}
DIR=${ZICHT_PG_DIR:-/tmp/zicht-test-postgres}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "start.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# One at a time; `flock -o` keeps the lock out of the server's inherited descriptors.
if [ -z "${ZICHT_PG_LOCKED:-}" ]; then
  ZICHT_PG_LOCKED=1 exec flock -o "$DIR.lock" bash "$0" "$@"
fi
if [ "${1:-}" = --stop ]; then
  as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi
if ! as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  if [ ! -f "$DIR/PG_VERSION" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    as_postgres "$BIN/initdb" -D "$DIR" -U zicht --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  #: the server must not hold the lock of this script.
  as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=400" start >/dev/null
fi
echo "postgres://zicht@127.0.0.1:$PORT/postgres?sslmode=disable"
