#!/usr/bin/env bash
# The werkomgeving under load, on loopback (issue 13, part 10):
#   1. public pages through `zicht server` next to nginx serving the same published files, in one run;
#   2. logged-in page reads (the page list of the werkomgeving);
#   3. saves one after another (each checked by a build, stored with its audit line), and the time
#      from a save until the preview shows it.
#
#   bash Benchmarks/werkomgeving.sh          DURATION=10 CONNECTIONS=32 SAVES=30; BIN=folder with zicht
#
# Builds `zicht` in release mode into .build-bench (unless BIN is given), installs wrk and nginx from
# Debian when missing, copies the demo with `zicht init`, makes an auteur account and logs it in.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
SAVES="${SAVES:-30}"
command -v wrk >/dev/null || apt_install wrk
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
bin="${BIN:-}"
if [ -z "$bin" ]; then
    swift build -c release --scratch-path .build-bench --product zicht >&2
    bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)"
fi
zicht="$bin/zicht"

work="$(mktemp -d "${TMPDIR:-/tmp}/zicht-werkomgeving.XXXXXX")"
server=""
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
zport=$(free_port); nport=$(free_port)

"$zicht" init "$work/project" >/dev/null
password=$("$zicht" account create "$work/project" --username auteur1 --name "A. Auteur" --role auteur --assign begroting-2019/7.2 | tail -n 1)
"$zicht" server "$work/project" --port "$zport" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$zport/werkomgeving/inloggen" && break; sleep 0.5; done

mkdir -p "$work/nginx"
# nginx's workers run as an unprivileged user: let them read the published files.
chmod -R a+rX "$work"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    include /etc/nginx/mime.types;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server { listen 127.0.0.1:$nport; root $work/project/.werkomgeving/publiek; }
}
CONF
"$NGINX" -p "$work/nginx" -c "$work/nginx.conf"

page="/jaarverslag-2019/doel/7-2-1-sociale-veiligheid/"
cmp <(curl -s "http://127.0.0.1:$zport$page") <(curl -s "http://127.0.0.1:$nport$page") || { echo "the two servers serve different bytes" >&2; exit 1; }
size=$(curl -s "http://127.0.0.1:$zport$page" | wc -c)

run_wrk() {  # URL [HEADER] → "requests/s errors"
    local out
    if [ -n "${2:-}" ]; then out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -H "$2" "$1"); else out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$1"); fi
    local rps errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {n += $5} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
    echo "$rps $errors"
}

echo "Public page $page ($size bytes), wrk -t2 -c$CONNECTIONS -d${DURATION}s, alternating:"
z1=$(run_wrk "http://127.0.0.1:$zport$page"); n1=$(run_wrk "http://127.0.0.1:$nport$page")
n2=$(run_wrk "http://127.0.0.1:$nport$page"); z2=$(run_wrk "http://127.0.0.1:$zport$page")
echo "  zicht server: $z1 | $z2   (requests/s errors)"
echo "  nginx:        $n1 | $n2"

# Log the auteur in (new password on first login) and take its session cookie.
jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$zport/werkomgeving/inloggen" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$token" --data-urlencode "gebruikersnaam=auteur1" --data-urlencode "wachtwoord=$password" "http://127.0.0.1:$zport/werkomgeving/inloggen"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$zport/werkomgeving/nieuw-wachtwoord" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$token" --data-urlencode "wachtwoord=een lang benchmark wachtwoord" --data-urlencode "herhaling=een lang benchmark wachtwoord" "http://127.0.0.1:$zport/werkomgeving/nieuw-wachtwoord"
cookie="zicht_sessie=$(awk '$6 == "zicht_sessie" {print $7}' "$jar")"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$zport/werkomgeving/")" = 200 ] || { echo "login failed" >&2; exit 1; }

echo "Logged-in page list (/werkomgeving/, a session check and an audit-free read per request):"
echo "  zicht server: $(run_wrk "http://127.0.0.1:$zport/werkomgeving/" "Cookie: $cookie")"

echo "Saves, one after another ($SAVES), each checked by a build and stored with its audit line:"
python3 Benchmarks/werkomgeving_saves.py "http://127.0.0.1:$zport" "$cookie" \
    content/begroting-2019/7-fysiek-domein/7-2-veiligheid/7-2-2-fysieke-veiligheid.md begroting-2019/doel/7-2-2-fysieke-veiligheid/ "$SAVES"
"$zicht" audit verify "$work/project"
