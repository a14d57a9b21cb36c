#!/usr/bin/env bash
# Rebuild benchmark (issue 11): a full build of the demo with a warm snapshot, and the time from
# saving an edited goal to `zicht serve` answering with the edit, on the demo and on a generated
# 2,000-goal document; beside it `hugo server` on the same 2,000-goal document when Hugo is installed.
#
#   bash Benchmarks/rebuild.sh            from anywhere; it finds the repository root
#
# Builds `zicht` and `zicht-bench` in release mode into $SCRATCH (default .build-bench). Settings from
# the environment: RUNS=20 (edits per site), BUILDS=10 (timed warm builds), GOALS=2000, HUGO=1 (0 skips
# Hugo), QUIET_WAIT=20 (seconds to wait for idle CPUs before each part), KEEP=1 keeps the work folder.
#
# The edit latency is measured from the rename that saves the page (as editors save) to the first
# HTTP answer that contains the new text, polled every 2 ms by Benchmarks/edit_latency.py. It includes
# the watcher's polling interval (50 ms for zicht serve: 25 ms on average).
set -euo pipefail

RUNS="${RUNS:-20}"
BUILDS="${BUILDS:-10}"
GOALS="${GOALS:-2000}"
SCRATCH="${SCRATCH:-.build-bench}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh
log() { printf '%s\n' "$*" >&2; }
fail() { log "rebuild.sh: $*"; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-rebuild.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ "${KEEP:-0}" = 1 ]; then log "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "Building zicht and zicht-bench in release mode (--scratch-path $SCRATCH)..."
for product in zicht zicht-bench; do
    swift build -c release --scratch-path "$SCRATCH" --product "$product" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "swift build --product $product failed"; }
done
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# --- Full build with a warm snapshot ----------------------------------------------------------------
"$BIN/zicht" init "$WORK/demo" >/dev/null
"$BIN/zicht" build "$WORK/demo" --out "$WORK/demo-site" >/dev/null   # fills the snapshot
wait_for_quiet >/dev/null
times=()
for _ in $(seq "$BUILDS"); do
    start=$(now_ms)
    "$BIN/zicht" build "$WORK/demo" --out "$WORK/demo-site" >/dev/null
    times+=($(( $(now_ms) - start )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "warm_demo_build_ms median=$(sed -n "$(( (BUILDS + 1) / 2 ))p" <<<"$sorted") min=$(head -1 <<<"$sorted") max=$(tail -1 <<<"$sorted") runs=$BUILDS"

# --- Edit latency ------------------------------------------------------------------------------------
# serve_and_measure NAME PROJECT PAGE_FILE PAGE_PATH OLD_TEXT
serve_and_measure() {
    local name="$1" project="$2" file="$3" path="$4" old="$5" port
    port=$(free_port)
    "$BIN/zicht" serve "$project" --port "$port" --out "$WORK/$name-site" >"$WORK/$name-serve.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 600); do grep -q "Zicht is serving" "$WORK/$name-serve.log" && break; sleep 0.1; done
    grep -q "Zicht is serving" "$WORK/$name-serve.log" || { cat "$WORK/$name-serve.log" >&2; fail "zicht serve did not start"; }
    wait_for_quiet >/dev/null
    python3 Benchmarks/edit_latency.py "http://127.0.0.1:$port/$path" "$file" "$old" "$RUNS" >"$WORK/$name-latency.txt"
    echo "zicht_edit_latency site=$name $(tail -1 "$WORK/$name-latency.txt") runs=$RUNS updates=$(grep -c '^Updated: ' "$WORK/$name-serve.log" || true) full=$(grep -c '^Rebuilt: ' "$WORK/$name-serve.log" || true)"
    kill "${pids[-1]}" 2>/dev/null || true
}

serve_and_measure demo "$WORK/demo" "$WORK/demo/content/jaarverslag-2019/7-fysiek-domein/7-2-veiligheid/7-2-2-fysieke-veiligheid.md" \
    "jaarverslag-2019/doel/7-2-2-fysieke-veiligheid/" "De brandweer rukte in 2019 uit"

"$BIN/zicht-bench" generate-site --goals "$GOALS" --seed 1 --zicht "$WORK/gen" --hugo "$WORK/hugo" --manifest "$WORK/goals.txt" >/dev/null
page="$(sed -n '1000p' "$WORK/goals.txt")"
[ -n "$page" ] || fail "no goal 1000 in the manifest"
goal_file="$(grep -rl --include='*.md' "^kind: doel" "$WORK/gen/content" | while read -r f; do
    id=$(sed -n 's/^id: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$f" | head -1)
    case "$page" in doel/"${id//./-}"-*) echo "$f"; break ;; esac
done)"
[ -n "$goal_file" ] || fail "cannot find the content file of $page"
first_sentence="$(awk '/^## /{body=1; next} body && NF {print; exit}' "$goal_file" | cut -d. -f1)"
serve_and_measure "goals-$GOALS" "$WORK/gen" "$goal_file" "$page" "$first_sentence"

# --- Hugo server on the same document --------------------------------------------------------------
if [ "${HUGO:-1}" = 1 ] && command -v hugo >/dev/null 2>&1; then
    hugo_file="$(grep -rlF "url: \"/$page\"" "$WORK/hugo/content" | head -1)"
    [ -n "$hugo_file" ] && grep -qF "$first_sentence" "$hugo_file" || fail "the Hugo site has no page $page with the same text"
    port=$(free_port)
    (cd "$WORK/hugo" && hugo server --port "$port" --bind 127.0.0.1 --disableLiveReload --watch --poll 50ms >"$WORK/hugo-serve.log" 2>&1) &
    pids+=($!)
    for _ in $(seq 1200); do grep -q "Web Server is available" "$WORK/hugo-serve.log" && break; sleep 0.1; done
    grep -q "Web Server is available" "$WORK/hugo-serve.log" || { cat "$WORK/hugo-serve.log" >&2; fail "hugo server did not start"; }
    # The generated Hugo pages set their URL (the same path as Zicht's) in the front matter.
    hugo_path="$(sed -n 's/^url: *"\{0,1\}\/\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$hugo_file" | head -1)"
    [ -n "$hugo_path" ] || fail "no url: in $hugo_file"
    wait_for_quiet >/dev/null
    python3 Benchmarks/edit_latency.py "http://127.0.0.1:$port/$hugo_path" "$hugo_file" "$first_sentence" "$RUNS" >"$WORK/hugo-latency.txt" \
        && echo "hugo_edit_latency site=goals-$GOALS $(tail -1 "$WORK/hugo-latency.txt") runs=$RUNS ($(hugo version | cut -d' ' -f1-2))" \
        || echo "hugo_edit_latency: failed, see $WORK/hugo-serve.log (KEEP=1 keeps it)"
else
    echo "hugo_edit_latency: skipped (HUGO=0 or hugo not installed; apt-get install hugo)"
fi
