#!/usr/bin/env bash
# The werkomgeving behind nginx with TLS, as docs/werkomgeving.md describes it: a real nginx from
# Debian, a self-signed certificate made here, `zicht server --behind-tls --trusted-proxy`.
#
#   bash Tests/nginx/run.sh PATH/TO/zicht
#
# Checks over HTTPS: the security headers arrive through the proxy (and HSTS from nginx), cookies are
# `__Host-` with Secure, HttpOnly and SameSite=Strict, a login works end to end, plain HTTP is
# redirected, and a forged X-Forwarded-For is never believed: neither sent to nginx (which replaces
# it) nor sent to zicht directly from an address that is not the proxy's. Exits 1 on any failure.
set -euo pipefail
ZICHT="${1:?usage: run.sh PATH/TO/zicht}"
ZICHT="$(cd "$(dirname "$ZICHT")" && pwd)/$(basename "$ZICHT")"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. Benchmarks/lib.sh   # apt_install

for tool in nginx openssl curl; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || apt_install "$tool"
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

WORK="$(mktemp -d /tmp/zicht-nginx.XXXXXX)"
failures=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; failures=$((failures + 1)); }
cleanup() {
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
ZICHT_PORT=$(free_port); TLS_PORT=$(free_port); HTTP_PORT=$(free_port)

# A certificate for 127.0.0.1, valid for a day.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1

"$ZICHT" init "$WORK/project" >/dev/null
PASSWORD=$("$ZICHT" account create "$WORK/project" --username lezer1 --name "L. Lezer" --role lezer | tail -n 1)
# nginx connects to zicht from 127.0.0.2 (proxy_bind), the one address zicht trusts.
"$ZICHT" server "$WORK/project" --port "$ZICHT_PORT" --behind-tls --trusted-proxy 127.0.0.2 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server_tokens off;
    server {
        listen 127.0.0.1:$HTTP_PORT;
        return 301 https://127.0.0.1:$TLS_PORT\$request_uri;
    }
    server {
        listen 127.0.0.1:$TLS_PORT ssl;
        ssl_certificate $WORK/cert.pem;
        ssl_certificate_key $WORK/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        client_max_body_size 12m;
        add_header Strict-Transport-Security "max-age=31536000" always;
        location / {
            proxy_pass http://127.0.0.1:$ZICHT_PORT;
            proxy_bind 127.0.0.2;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto https;
        }
    }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx.conf" -t >/dev/null 2>&1 || { "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx.conf" -t; exit 1; }
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx.conf"

BASE="https://127.0.0.1:$TLS_PORT"
CURL=(curl -s --cacert "$WORK/cert.pem" --max-time 20)
for _ in $(seq 1 120); do
    "${CURL[@]}" -f -o /dev/null "$BASE/werkomgeving/inloggen" 2>/dev/null && break
    sleep 0.5
done

headers=$("${CURL[@]}" -D - -o /dev/null "$BASE/werkomgeving/inloggen")
grep -qi '^strict-transport-security: max-age=' <<<"$headers" && ok "HSTS from nginx" || bad "no Strict-Transport-Security"
grep -qi "^content-security-policy: .*frame-ancestors 'none'" <<<"$headers" && ok "CSP with frame-ancestors 'none' through the proxy" || bad "no CSP through the proxy"
grep -qi '^x-content-type-options: nosniff' <<<"$headers" && ok "nosniff" || bad "no X-Content-Type-Options"
grep -qi '^referrer-policy: no-referrer' <<<"$headers" && ok "Referrer-Policy" || bad "no Referrer-Policy"
cookie=$(grep -i '^set-cookie: __Host-zicht_inlog=' <<<"$headers" || true)
if [ -n "$cookie" ] && grep -q 'Secure' <<<"$cookie" && grep -q 'HttpOnly' <<<"$cookie" && grep -q 'SameSite=Strict' <<<"$cookie" && grep -q 'Path=/' <<<"$cookie"; then
    ok "login cookie: __Host- prefix, Secure, HttpOnly, SameSite=Strict, Path=/"
else
    bad "login cookie lacks a flag: $cookie"
fi

redirect=$(curl -s -D - -o /dev/null --max-time 10 "http://127.0.0.1:$HTTP_PORT/werkomgeving/" | tr -d '\r')
grep -q "^Location: https://127.0.0.1:$TLS_PORT/werkomgeving/" <<<"$redirect" && ok "plain HTTP redirected to HTTPS" || bad "no redirect to HTTPS: $redirect"

# Log in over TLS, sending a forged X-Forwarded-For that nginx must replace.
JAR="$WORK/cookies"
token=$("${CURL[@]}" -c "$JAR" -b "$JAR" "$BASE/werkomgeving/inloggen" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
login=$("${CURL[@]}" -c "$JAR" -b "$JAR" -D - -o /dev/null -H 'X-Forwarded-For: 203.0.113.66' \
    --data-urlencode "csrf=$token" --data-urlencode "gebruikersnaam=lezer1" --data-urlencode "wachtwoord=$PASSWORD" "$BASE/werkomgeving/inloggen" | tr -d '\r')
grep -q '^Location: /werkomgeving/nieuw-wachtwoord' <<<"$login" && ok "login over TLS asks for a new password" || bad "login over TLS: $login"
grep -qi '^set-cookie: __Host-zicht_sessie=.*Secure' <<<"$login" && ok "session cookie is __Host- and Secure" || bad "session cookie: $login"
token=$("${CURL[@]}" -c "$JAR" -b "$JAR" "$BASE/werkomgeving/nieuw-wachtwoord" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
changed=$("${CURL[@]}" -c "$JAR" -b "$JAR" -D - -o /dev/null --data-urlencode "csrf=$token" \
    --data-urlencode "wachtwoord=een lang nieuw wachtwoord" --data-urlencode "herhaling=een lang nieuw wachtwoord" "$BASE/werkomgeving/nieuw-wachtwoord" | tr -d '\r')
grep -q '^Location: /werkomgeving/$' <<<"$changed" && ok "new password set over TLS" || bad "new password: $changed"
status=$("${CURL[@]}" -b "$JAR" -o /dev/null -w '%{http_code}' "$BASE/werkomgeving/")
[ "$status" = 200 ] && ok "the page list opens over TLS" || bad "page list over TLS: $status"

# Straight to zicht from 127.0.0.1, which is not the trusted proxy: its X-Forwarded-For is ignored.
curl -s -o /dev/null --max-time 10 -H 'X-Forwarded-For: 198.51.100.77' "http://127.0.0.1:$ZICHT_PORT/werkomgeving/inloggen"
curl -s -o /dev/null --max-time 10 -H 'X-Forwarded-For: 198.51.100.77' --data "csrf=x&gebruikersnaam=lezer1&wachtwoord=fout" \
    "http://127.0.0.1:$ZICHT_PORT/werkomgeving/inloggen"

origins=$(python3 - "$WORK/project/.werkomgeving/werkomgeving.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(" ".join(sorted({row[0] for row in db.execute("SELECT origin FROM audit WHERE action IN ('login', 'csrf', 'password.change')")})))
PY
)
if grep -q '203.0.113.66\|198.51.100.77' <<<"$origins"; then
    bad "a forged X-Forwarded-For reached the audit log: $origins"
elif grep -q '127.0.0.1' <<<"$origins"; then
    ok "audit origins are the real client addresses ($origins)"
else
    bad "unexpected audit origins: $origins"
fi
"$ZICHT" audit verify "$WORK/project" >/dev/null && ok "audit chain intact" || bad "zicht audit verify failed"

if [ "$failures" -gt 0 ]; then
    echo "nginx: $failures failed"; cat "$WORK/server.log" "$WORK/nginx/logs/error.log" 2>/dev/null | tail -n 20; exit 1
fi
echo "nginx: all checks passed"
