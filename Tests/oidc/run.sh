#!/usr/bin/env bash
# Logs into a REAL OpenID Connect provider with Zicht's relying party (ZichtWorkspace/OIDC).
#
# Starts django-oauth-toolkit (Tests/oidc/zichtidp: OIDC on, an RS256 key made for this run, Django
# groups as a `groups` claim) on 127.0.0.1 on a free port with a fresh SQLite database in a temporary
# folder, waits until its discovery document answers, runs OIDCProviderTests against it, then logs
# in through `zicht server --oidc` in headless Chromium (browser.py), and stops both.
# Fails when the tests fail, and also when they were skipped or did not reach their end.
#
# Usage: Tests/oidc/run.sh              run (creates the venv first when needed)
#        Tests/oidc/run.sh --venv-only  only create or update the venv ($OIDC_VENV, default .venv-oidc)
# Environment: OIDC_VENV; ZICHT_OIDC_SKIP_BUILD=1 when the tests are built already; ZICHT_OIDC_KEEP=1
# keeps the temporary folder (provider and werkomgeving databases, logs) for a look afterwards.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${OIDC_VENV:-$ROOT/.venv-oidc}
PY="$VENV/bin/python"
log() { echo "oidc/run.sh: $*"; }

# ---- the venv, pinned; reinstalled only when requirements.txt changed --------------------------
if [ ! -x "$PY" ] || ! cmp -s "$HERE/requirements.txt" "$VENV/.zicht-requirements.txt"; then
    log "installing the provider's Python packages into $VENV"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
    cp "$HERE/requirements.txt" "$VENV/.zicht-requirements.txt"
fi
[ "${1:-}" = "--venv-only" ] && exit 0

# ---- the Swift tests, built before the provider starts ------------------------------------------
if [ "${ZICHT_OIDC_SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && swift build --build-tests 2>&1 | tail -n 3)
fi

# ---- a fresh provider ------------------------------------------------------------------------------
STATE=$(mktemp -d "${TMPDIR:-/tmp}/zicht-oidc.XXXXXX")
server_pid=
zicht_pid=
cleanup() {
    for pid in "$zicht_pid" "$server_pid"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [ "${ZICHT_OIDC_KEEP:-}" = 1 ]; then log "kept $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

random() { "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))'; }
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DJANGO_SETTINGS_MODULE=zichtidp.settings
export ZICHT_IDP_STATE="$STATE"
export ZICHT_IDP_DJANGO_SECRET; ZICHT_IDP_DJANGO_SECRET=$(random)
export ZICHT_OIDC_ISSUER="http://127.0.0.1:$PORT/o"
export ZICHT_OIDC_CLIENT_ID="zicht-test"
export ZICHT_OIDC_CLIENT_SECRET; ZICHT_OIDC_CLIENT_SECRET=$(random)
export ZICHT_OIDC_PASSWORD; ZICHT_OIDC_PASSWORD=$(random)
# Nothing listens there: the test reads the redirect's Location instead of following it.
export ZICHT_OIDC_REDIRECT_URI="http://127.0.0.1:9/werkomgeving/inloggen/oidc"
# The browser test's werkomgeving: "localhost", another site than the provider's 127.0.0.1.
ZPORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ZICHT_OIDC_BROWSER_REDIRECT_URI="http://localhost:$ZPORT/werkomgeving/inloggen/oidc"
export ZICHT_OIDC_PROOF="$STATE/proof.txt"

"$PY" - "$STATE/oidc-key.pem" <<'PYTHON'
import sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
with open(sys.argv[1], "wb") as out:
    out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
PYTHON
cd "$HERE"
"$PY" manage.py migrate --verbosity 0
"$PY" manage.py zicht_setup
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$STATE/server.log" 2>&1 &
server_pid=$!

discovery="$ZICHT_OIDC_ISSUER/.well-known/openid-configuration"
if ! "$PY" - "$discovery" <<'PYTHON'
import sys, time, urllib.request

deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PYTHON
then
    log "the provider did not answer $discovery within 30 s; its log:"
    cat "$STATE/server.log"
    exit 1
fi
log "provider up at $ZICHT_OIDC_ISSUER"

# ---- the Swift tests ---------------------------------------------------------------------------------
cd "$ROOT"
status=0
swift test --skip-build --filter 'OIDCProviderTests|WorkspaceOIDCTests' 2>&1 | tee "$STATE/swift-test.log" || status=$?
if [ "$status" -ne 0 ]; then
    log "the tests failed (exit $status); the provider's log:"
    tail -n 40 "$STATE/server.log"
    exit 1
fi
if grep -q "skipped" "$STATE/swift-test.log"; then
    log "the tests were skipped, which is a failure here"
    exit 1
fi
# Each test writes one line when it reached its end; all must be there.
for step in redacteur-logged-in code-replay-refused no-mapped-group-refused tampered-state-refused wrong-verifier-refused server-login; do
    if ! grep -qx "$step" "$ZICHT_OIDC_PROOF" 2>/dev/null; then
        log "the tests did not reach: $step"
        exit 1
    fi
done

# ---- the same login in headless Chromium, through `zicht server --oidc` -----------------------------
ZICHT="$ROOT/.build/debug/zicht"
"$ZICHT" init "$STATE/project" >/dev/null
printf '%s\n' "$ZICHT_OIDC_CLIENT_SECRET" >"$STATE/oidc-secret"
cat >"$STATE/oidc.json" <<JSON
{"issuer": "$ZICHT_OIDC_ISSUER", "clientID": "$ZICHT_OIDC_CLIENT_ID", "clientSecretFile": "oidc-secret",
 "redirectURI": "$ZICHT_OIDC_BROWSER_REDIRECT_URI", "scopes": ["openid", "profile", "email", "groups"], "groupsClaim": "groups", "roles": {"zicht-redacteuren": "redacteur"}}
JSON
"$ZICHT" server "$STATE/project" --port "$ZPORT" --oidc "$STATE/oidc.json" >"$STATE/zicht.log" 2>&1 &
zicht_pid=$!
for _ in $(seq 1 600); do
    grep -q "^Zicht is serving" "$STATE/zicht.log" && break
    kill -0 "$zicht_pid" 2>/dev/null || break
    sleep 0.1
done
grep -q "^Zicht is serving" "$STATE/zicht.log" || { log "zicht server did not start:"; cat "$STATE/zicht.log"; exit 1; }
"$ROOT/Tests/browser/install.sh" >/dev/null
if ! "${BROWSER_VENV:-$ROOT/.venv-browser}/bin/python" "$HERE/browser.py" --base "http://localhost:$ZPORT" --password "$ZICHT_OIDC_PASSWORD"; then
    log "the browser login failed; zicht's log:"
    tail -n 30 "$STATE/zicht.log"
    exit 1
fi
echo "browser-login" >>"$ZICHT_OIDC_PROOF"
log "passed: $(wc -l <"$ZICHT_OIDC_PROOF") checks against a real provider"
