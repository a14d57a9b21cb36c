#!/usr/bin/env bash
# The API on loopback (issue 14): wrk with a redacteur's bearer token against
#   1. GET /api/v1/documenten                                   (the list of documents)
#   2. GET /api/v1/documenten/jaarverslag-2019/paginas/7.2.1    (one page with its sections and text)
#   3. GET /api/v1/openapi.json                                 (public, no token)
# on the demo, SQLite by default; DATABASE=postgres://… runs the same on PostgreSQL.
#
#   bash Benchmarks/api.sh          DURATION=10 CONNECTIONS=32 THREADS=2; BIN=folder with a release zicht
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
command -v wrk >/dev/null || apt_install wrk
bin="${BIN:-}"
if [ -z "$bin" ]; then
    swift build -c release --scratch-path .build-bench --product zicht >&2
    bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)"
fi
zicht="$bin/zicht"
work="$(mktemp -d "${TMPDIR:-/tmp}/zicht-api.XXXXXX")"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
database=()
[ -n "${DATABASE:-}" ] && database=(--database "$DATABASE")

"$zicht" init "$work/project" >/dev/null
"$zicht" account create "$work/project" "${database[@]}" --username red --name Redacteur --role redacteur >/dev/null
token=$("$zicht" account token "$work/project" "${database[@]}" --username red --name bench | tail -n 1 | awk '{print $NF}')
"$zicht" server "$work/project" "${database[@]}" --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/openapi.json" && break; sleep 0.5; done
page="/api/v1/documenten/jaarverslag-2019/paginas/7.2.1"
for path in /api/v1/documenten "$page"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
    [ "$code" = 200 ] || { echo "api.sh: $path answered $code" >&2; exit 1; }
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD); ${DATABASE:+PostgreSQL}${DATABASE:-SQLite}"
for path in /api/v1/documenten "$page"; do
    echo "== GET $path (bearer token), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" \
        | grep -E "Requests/sec|Latency  |  50%|  90%|  99%|Non-2xx"
done
echo "== GET /api/v1/openapi.json (public), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port/api/v1/openapi.json" | grep -E "Requests/sec|  50%|  99%|Non-2xx"
