#!/usr/bin/env bash
# Load test of `zicht serve` while it rebuilds: no response may be torn, unknown or failed.
#
#   bash Tests/serve/load.sh            from the repository root (or anywhere: it finds the root)
#
# Copies the bundled example project (with 19 instead of 999 permutations, so that it rebuilds
# faster) and builds its two versions once with `zicht build` as the known-good set: version B has
# one extra paragraph in content/jaarverslag-2019/leeswijzer.md. Then runs `zicht serve` on the project (127.0.0.1, a
# free port) and, for DURATION seconds, hammers it with wrk (THREADS threads, CONNECTIONS
# connections, Tests/serve/check.lua) while the site is replaced in two ways at once:
#   - the leeswijzer is switched between A and B every SWITCH seconds, so `zicht serve` rebuilds and
#     swaps the site itself (a rebuild takes several seconds under load);
#   - `zicht-bench swap-site` swaps copies of the two known-good builds into the same folder every
#     SWAP_EVERY seconds with the same AtomicDirectory code (many more swaps).
# check.lua counts a response as good only if it is a 200 whose body is exactly Content-Length bytes
# and equals one version of its file. The script fails unless every response was good, both versions
# were served, `zicht serve` rebuilt at least once (and never failed to), and at least 10 library
# swaps happened. It prints the result as its last lines, for BENCHMARKS.md. Takes about 45 s.
# Settings, from the environment:
#   DURATION=20  CONNECTIONS=32  THREADS=2  SWITCH=1.5  SWAP_EVERY=0.2
#   BIN=folder holding zicht and zicht-bench (default: `swift build`'s debug products)
#   KEEP=1 (keep the work folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SWITCH="${SWITCH:-1.5}"
SWAP_EVERY="${SWAP_EVERY:-0.2}"
# shellcheck source=../../Benchmarks/lib.sh
source Benchmarks/lib.sh

fail() { echo "load test: $*" >&2; exit 1; }

command -v wrk >/dev/null || apt_install wrk
bin="${BIN:-}"
if [ -z "$bin" ]; then
    swift build --product zicht 2>&1 | tail -n 1
    swift build --product zicht-bench 2>&1 | tail -n 1
    bin="$(swift build --show-bin-path)"
fi
zicht="$bin/zicht"

work="$(mktemp -d "${TMPDIR:-/tmp}/zicht-load.XXXXXX")"
server=""
switcher=""
swapper=""
cleanup() {
    [ -n "$swapper" ] && kill "$swapper" 2>/dev/null && wait "$swapper" 2>/dev/null
    [ -n "$switcher" ] && kill "$switcher" 2>/dev/null && wait "$switcher" 2>/dev/null
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Fixed build time, so that a rebuild of the same content gives the same bytes.
export SOURCE_DATE_EPOCH=1593590160
project="$work/project"
cp -R Sources/ZichtApp/Example "$project"
# Fewer permutations in the hot-spot and near-repeat tests: the same pages, rebuilt in half the time,
# so that the site is swapped more often during the run.
sed -i 's/permutations: 999/permutations: 19/' "$project/zicht.yaml"
page="$project/content/jaarverslag-2019/leeswijzer.md"
cp "$page" "$work/a.md"
{ cat "$page"; printf '\n%s\n' "Deze alinea staat alleen in versie B: de belastingtest wisselt haar aan en uit."; } > "$work/b.md"

echo "== Known-good builds"
# The first build imports the project's data into its snapshot; later builds reuse it unchanged.
"$zicht" build "$project" --out "$work/known-a" >/dev/null
cp "$work/b.md" "$page"
"$zicht" build "$project" --out "$work/known-b" >/dev/null
cp "$work/a.md" "$page"
"$zicht" build "$project" --out "$work/known-a2" >/dev/null
diff -r -q "$work/known-a" "$work/known-a2" >/dev/null || fail "two builds of version A differ; the known-good set would be wrong"
diff -q "$work/known-a/jaarverslag-2019/pagina/leeswijzer/index.html" "$work/known-b/jaarverslag-2019/pagina/leeswijzer/index.html" >/dev/null && fail "versions A and B do not differ"

echo "== zicht serve"
: >"$work/serve.log"
"$zicht" serve "$project" --port 0 >"$work/serve.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 600); do
    port="$(sed -n 's|.*Zicht is serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")"
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; fail "zicht serve stopped"; }
    sleep 0.2
done
[ -n "$port" ] || fail "zicht serve did not start within 120 s"
echo "listening on 127.0.0.1:$port"

paths=(/ /jaarverslag-2019/pagina/leeswijzer/ /jaarverslag-2019/pagina/leeswijzer/index.json /zoekindex.json /document.json /assets/zicht.css /assets/zoeken.js
       /jaarverslag-2019/doel/7-2-1-sociale-veiligheid/ /jaarverslag-2019/doel/7-2-1-sociale-veiligheid/index.json)
for path in "${paths[@]}"; do
    file="$path"; [ "${file: -1}" = "/" ] && file="${file}index.html"
    [ -f "$work/known-a$file" ] || fail "no $file in the built site"
done

# Switch the leeswijzer between A and B; each switch is one rename, so every build sees A or B.
(
    version=b
    while true; do
        sleep "$SWITCH"
        cp "$work/$version.md" "$work/next.md"
        mv -f "$work/next.md" "$page"
        if [ "$version" = a ]; then version=b; else version=a; fi
    done
) &
switcher=$!

"$bin/zicht-bench" swap-site "$work/known-a" "$work/known-b" --site "$project/site" \
    --every "$SWAP_EVERY" --seconds "$DURATION" >"$work/swaps.log" &
swapper=$!

echo "== wrk: ${DURATION}s, $THREADS threads, $CONNECTIONS connections, an edit every ${SWITCH}s, a swap every ${SWAP_EVERY}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s Tests/serve/check.lua \
    "http://127.0.0.1:$port" -- "$work/known-a" "$work/known-b" "${paths[@]}" | tee "$work/wrk.log"
kill "$switcher" && wait "$switcher" 2>/dev/null || true
switcher=""
wait "$swapper" || fail "zicht-bench swap-site failed"
swapper=""
swaps="$(sed -n 's/^swaps //p' "$work/swaps.log")"

rebuilds="$(grep -c -E "^(Rebuilt|Updated): " "$work/serve.log" || true)"
failed="$(grep -c "^Build failed" "$work/serve.log" || true)"
result="$(grep '^zicht-load requests=' "$work/wrk.log")" || fail "wrk printed no result"
value() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$result"; }
grep '^zicht-load first problem' "$work/wrk.log" || true
echo "$result rebuilds=$rebuilds failed_rebuilds=$failed swaps=$swaps"
[ "$(value torn)" = 0 ] || fail "torn responses"
[ "$(value unknown)" = 0 ] || fail "responses that are no known version"
[ "$(value non200)" = 0 ] || fail "responses other than 200"
[ "$(value socket_errors)" = 0 ] || fail "socket errors"
[ "$(value version_a)" -gt 0 ] && [ "$(value version_b)" -gt 0 ] || fail "not both versions were served"
[ "$rebuilds" -ge 1 ] || fail "only $rebuilds rebuilds during the run"
[ "$failed" = 0 ] || fail "$failed rebuilds failed"
[ "${swaps:-0}" -ge 10 ] || fail "only ${swaps:-0} library swaps during the run"
echo "load test passed: 0 torn, 0 unknown, 0 failed responses"
