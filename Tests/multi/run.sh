#!/usr/bin/env bash
# Two `zicht server` instances on one PostgreSQL behind nginx (round robin), all from Debian, on
# 127.0.0.1: saves, conflicts, sessions, one export at a time, the same public site, and kill -9 of
# one instance in the middle of saving. See Tests/multi/multi.py for the checks.
#   bash Tests/multi/run.sh [ZICHT_BINARY]      (default .build/debug/zicht)
set -euo pipefail
cd "$(dirname "$0")/../.."
ZICHT=$(realpath "${1:-.build/debug/zicht}")
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null; }
command -v psql >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
SERVER=$(bash Tests/postgres/start.sh)
exec python3 Tests/multi/multi.py --zicht "$ZICHT" --postgres "$SERVER"
