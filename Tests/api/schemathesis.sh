#!/usr/bin/env bash
# Fuzzes the running API with schemathesis (PyPI) against its own OpenAPI document: a fresh copy of
# the example project, `zicht server` on a free port of 127.0.0.1, and three runs, each bounded in
# time: with a redacteur's token, with a lezer's token, and without a token. Every answer must be no
# server error and must match the document (status code, content type, headers, schema).
#
# Usage: Tests/api/schemathesis.sh PATH_TO_ZICHT      (MAX_TIME=60 seconds per run by default)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${SCHEMATHESIS_VENV:-$ROOT/.venv-schemathesis}
MAX_TIME=${MAX_TIME:-60}
ZICHT=$(realpath "${1:?usage: $0 PATH_TO_ZICHT}")
log() { echo "schemathesis.sh: $*"; }

if [ ! -x "$VENV/bin/schemathesis" ] || ! cmp -s "$HERE/schemathesis-requirements.txt" "$VENV/.zicht-requirements.txt"; then
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/schemathesis-requirements.txt"
    cp "$HERE/schemathesis-requirements.txt" "$VENV/.zicht-requirements.txt"
fi

TMP=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

"$ZICHT" init "$TMP/project" >/dev/null
"$ZICHT" account create "$TMP/project" --username red --name "Ruud Redacteur" --role redacteur >/dev/null
"$ZICHT" account create "$TMP/project" --username lees --name "Lies Lezer" --role lezer >/dev/null
red=$("$ZICHT" account token "$TMP/project" --username red --name schemathesis --days 1 | tail -n 1)
lees=$("$ZICHT" account token "$TMP/project" --username lees --name schemathesis --days 1 | tail -n 1)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ZICHT" server "$TMP/project" --port "$PORT" >"$TMP/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
    grep -q "^Zicht is serving" "$TMP/server.log" && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
grep -q "^Zicht is serving" "$TMP/server.log" || { log "the server did not start:"; cat "$TMP/server.log"; exit 1; }

BASE="http://127.0.0.1:$PORT/api/v1"
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
run() {
    local who=$1; shift
    log "run: $who (at most $MAX_TIME s)"
    # Publishing builds a whole site (seconds in a debug build): a generous timeout per request.
    (cd "$TMP" && "$VENV/bin/schemathesis" run "$BASE/openapi.json" --url "$BASE" --checks "$CHECKS" \
        --phases examples,coverage,fuzzing --max-time "$MAX_TIME" --request-timeout 60 --workers 1 \
        --seed 20261207 --no-color "$@") >"$TMP/$who.log" 2>&1 || { tail -n 80 "$TMP/$who.log"; log "FAILED: $who"; return 1; }
    grep -E "test cases|generated" "$TMP/$who.log" | tail -n 1
}
status=0
# Revoking would end the run's own token: that operation is tested by the Swift tests instead.
run redacteur -H "Authorization: Bearer $red" --exclude-operation-id revokeApiToken || status=1
run lezer -H "Authorization: Bearer $lees" --exclude-operation-id revokeApiToken || status=1
run "zonder-token" || status=1
if grep -q "error\|Internal" "$TMP/server.log"; then log "the server logged errors:"; grep "error\|Internal" "$TMP/server.log" | head -n 20; status=1; fi
[ "$status" -eq 0 ] && log "passed: no server error, every answer as the document says"
exit "$status"
