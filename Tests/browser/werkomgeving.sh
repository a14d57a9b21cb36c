#!/usr/bin/env bash
# End-to-end test of the werkomgeving in headless Chromium with axe-core (werkomgeving.py).
# Usage: Tests/browser/werkomgeving.sh PATH_TO_ZICHT [--self-test]
# Builds nothing: it takes the zicht binary. In a temporary folder it makes a fresh project
# (zicht init), the accounts beheer (beheerder), red (redacteur) and anna (auteur of
# begroting-2019/7.2), starts `zicht server` on 127.0.0.1 on a free port and runs the browser
# steps against it. The server is always stopped. Exit status 1 if any check failed.
# --self-test: runs steps 1 and 6 with two planted faults and passes only if exactly those fail.
# VENV as in install.sh; WERKOMGEVING_KEEP=1 keeps the temporary folder (project, server log).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-$(cd "$HERE/../.." && pwd)/.venv-browser}
export VENV

[ $# -ge 1 ] || { echo "usage: $0 PATH_TO_ZICHT [--self-test]" >&2; exit 2; }
ZICHT=$(realpath "$1")
MODE=${2:-}
[ -x "$ZICHT" ] || { echo "werkomgeving.sh: $ZICHT is not an executable" >&2; exit 2; }
"$HERE/install.sh" >/dev/null

TMP=$(mktemp -d)
SERVER_PID=
PY_PID=
# stop PID: TERM, up to 5 s to finish (the browser test then closes its browsers), then KILL
stop() {
    [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
cleanup() {
    stop "$PY_PID"
    stop "$SERVER_PID"
    if [ "${WERKOMGEVING_KEEP:-}" = 1 ]; then echo "werkomgeving.sh: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# The browser test in the background, so that a signal to this script stops it at once (bash runs
# a trap only after the foreground command has finished, but interrupts `wait`).
browser_test() {
    "$VENV/bin/python" "$HERE/werkomgeving.py" --base "$BASE" --passwords "$TMP/passwords.json" "$@" &
    PY_PID=$!
    wait "$PY_PID"
}

start=$(date +%s)
PROJECT="$TMP/project"
t0=$(date +%s); "$ZICHT" init "$PROJECT" >"$TMP/init.log" 2>&1 || { cat "$TMP/init.log"; exit 1; }

# account USER NAME ROLE [--assign REF]: the one-time password is the last line printed
account() {
    local user=$1 name=$2 role=$3; shift 3
    "$ZICHT" account create "$PROJECT" --username "$user" --name "$name" --role "$role" "$@" >"$TMP/account-$user.log" 2>&1 \
        || { cat "$TMP/account-$user.log"; exit 1; }
    tail -n 1 "$TMP/account-$user.log"
}
beheer=$(account beheer "Bea Beheerder" beheerder)
red=$(account red "Ruud Redacteur" redacteur)
anna=$(account anna "Anna Auteur" auteur --assign begroting-2019/7.2)
ana=$(account ana "Ana Analist" analist)
printf '{"beheer": "%s", "red": "%s", "anna": "%s", "ana": "%s"}\n' "$beheer" "$red" "$anna" "$ana" >"$TMP/passwords.json"

"$ZICHT" server "$PROJECT" --host 127.0.0.1 --port 0 >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
BASE=
for _ in $(seq 1 600); do  # at most 60 s: the first start builds the public site
    BASE=$(sed -n 's/^Zicht is serving the site on \(http:[^ ]*\) and .*/\1/p' "$TMP/server.log" | head -n 1)
    [ -n "$BASE" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$BASE" ]; then
    echo "werkomgeving.sh: the server did not start"; cat "$TMP/server.log"; exit 1
fi
echo "werkomgeving.sh: project and accounts ready, server on $BASE ($(( $(date +%s) - start ))s)"

rc=0
if [ "$MODE" = --self-test ]; then
    browser_test --steps 1,6 --plant >"$TMP/out.txt" 2>&1 || rc=$?
    problems=0
    want() { grep -qE -- "$1" "$TMP/out.txt" || { echo "selftest: not reported: $2"; problems=$((problems + 1)); }; }
    [ "$rc" -eq 1 ] || { echo "selftest: exit status $rc, expected 1"; problems=$((problems + 1)); }
    want '^FAIL 1 axe inloggen' "the unlabelled field planted on inloggen (axe)"
    want '^    \[critical\] label:' "axe rule 'label' for the planted field"
    want '^FAIL 6 page list: Tab first focuses the skip link' "the link planted before the skip link"
    want '^OK   6 inloggen: Tab first focuses the skip link' "the same keyboard check on a page without a plant"
    want '^OK   1 axe nieuw-wachtwoord' "a passing check next to the planted ones"
    want '^OK   1 beheer: the TOTP code opens the page list' "the TOTP login next to the planted faults"
    # Nothing else may fail: only the planted checks (and what follows from them in step 6).
    others=$(grep -E '^FAIL' "$TMP/out.txt" | grep -vE '^FAIL (1 axe inloggen|6 page list: (Tab first|Enter on the skip link))' || true)
    [ -z "$others" ] || { echo "selftest: unexpected failures:"; echo "$others"; problems=$((problems + 1)); }
    if [ "$problems" -ne 0 ]; then
        echo "--- output with planted faults"; cat "$TMP/out.txt"
        echo "--- server log"; tail -n 20 "$TMP/server.log"
        echo "werkomgeving selftest: $problems problem(s)"; exit 1
    fi
    echo "werkomgeving selftest: ok (the planted axe violation and skip-link fault fail, the rest passes; $(( $(date +%s) - start ))s)"
    exit 0
fi

browser_test || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "--- server log (last 30 lines)"; tail -n 30 "$TMP/server.log"
fi
echo "werkomgeving.sh: $(( $(date +%s) - start ))s in all"
exit "$rc"
