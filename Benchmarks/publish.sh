#!/usr/bin/env bash
# Publishing benchmark: `zicht build` against Hugo on the same generated document.
#
#   bash Benchmarks/publish.sh            from the repository root (or from anywhere: it finds the root)
#   INPUT=cycle bash Benchmarks/publish.sh   (or Benchmarks/cycle.sh) a cycle of DOCUMENTS documents
#                                            of PAGES pages with financial tables instead of one document
#
# Installs Hugo, GNU time and libsqlite3-dev from Debian's packages when they are missing, builds
# `zicht` and `zicht-bench` in release mode into .build-bench (never the default .build), and
# generates a simulated document with GOALS goal pages as a Zicht project and as a Hugo site with the
# same content. It builds each once to check the output (one HTML page per goal in both), then times
# RUNS cold builds of each, alternating, and prints a Markdown table. Settings, from the environment:
#   GOALS=2000  RUNS=5  SEED=1  KEEP=1 (keep the temporary folder and print where it is)
#   INPUT=site (one document of GOALS goals) | cycle (DOCUMENTS=10 documents of PAGES=300 pages each)
#   QUIET_WAIT=20 (seconds to wait before each run for other processes to leave the CPUs idle)
#   TMPDIR (where the temporary folder goes; TMPDIR=/dev/shm measures without the disk)
#   BIN (a folder holding release builds of zicht and zicht-bench: skips building)
#
# Cold builds: every run writes into a new, non-existent output folder; Hugo also gets a new, empty
# --cacheDir and --ignoreCache, and its resources/ folder and build lock are deleted, so neither tool
# can reuse anything from an earlier run. Outputs are deleted only at the end: on this machine's ext4,
# creating files right after deleting thousands is slow (the kernel skips recently freed inodes), which
# would charge one tool for the other's deletions. The operating system's file cache is not dropped:
# both read the same 17 MB of sources, which stay in memory after the check builds.
set -euo pipefail

GOALS="${GOALS:-2000}"
INPUT="${INPUT:-site}"
DOCUMENTS="${DOCUMENTS:-10}"
PAGES="${PAGES:-300}"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"
SCRATCH=".build-bench"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "publish.sh: $*"; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------
if ! command -v hugo >/dev/null 2>&1; then
    log "Installing Hugo (Debian package 'hugo')..."
    apt_install hugo
fi
if ! dpkg -s libsqlite3-dev >/dev/null 2>&1; then
    log "Installing the SQLite headers that GRDB builds against (Debian package 'libsqlite3-dev')..."
    apt_install libsqlite3-dev
fi
if [ ! -x /usr/bin/time ]; then
    log "Installing GNU time (Debian package 'time')..."
    apt_install time
fi
command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-publish.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'log "Kept $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

# --- Build ------------------------------------------------------------------------------------------
if [ -n "${BIN:-}" ]; then
    log "Using zicht and zicht-bench from $BIN"
else
    log "Building zicht and zicht-bench in release mode (--scratch-path $SCRATCH)..."
    for product in zicht zicht-bench; do
        if ! swift build -c release --scratch-path "$SCRATCH" --product "$product" >"$WORK/build.log" 2>&1; then
            cat "$WORK/build.log" >&2
            fail "swift build --product $product failed"
        fi
    done
    BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
fi

# --- Content ----------------------------------------------------------------------------------------
case "$INPUT" in
site)
    log "Generating $GOALS goals (seed $SEED)..."
    "$BIN/zicht-bench" generate-site --goals "$GOALS" --seed "$SEED" \
        --zicht "$WORK/zicht" --hugo "$WORK/hugo" --manifest "$WORK/goals.txt" >&2
    ;;
cycle)
    log "Generating a cycle of $DOCUMENTS documents of $PAGES pages (seed $SEED)..."
    "$BIN/zicht-bench" generate-cycle --documents "$DOCUMENTS" --pages "$PAGES" --seed "$SEED" \
        --zicht "$WORK/zicht" --hugo "$WORK/hugo" --manifest "$WORK/goals.txt" >&2
    ;;
*) fail "INPUT must be site or cycle, found '$INPUT'" ;;
esac
GOALS=$(wc -l <"$WORK/goals.txt")

# --- Quiet machine -------------------------------------------------------------------------------

# --- One run ----------------------------------------------------------------------------------------
# run TOOL OUT: a cold build of TOOL into the new folder OUT under /usr/bin/time -v; prints
# "wall_ms cpu_ms peak_rss_kb html_pages files bytes".
run() {
    local tool="$1" out="$2"
    [ ! -e "$out" ] || fail "$out exists"
    rm -rf "$WORK/hugo/resources" "$WORK/hugo/.hugo_build.lock"
    local cmd
    if [ "$tool" = zicht ]; then
        cmd=("$BIN/zicht" build "$WORK/zicht" --out "$out")
    else
        cmd=(hugo --quiet --source "$WORK/hugo" --destination "$out" --cacheDir "$out.cache" --ignoreCache)
    fi
    local start end
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "${cmd[@]}" >"$WORK/run.out" 2>"$WORK/run.err"; then
        cat "$WORK/run.out" "$WORK/run.err" >&2
        fail "$tool build failed"
    fi
    end=$(date +%s%N)
    local rss cpu pages files bytes
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    cpu=$(awk -F': ' '/User time \(seconds\)/ {u=$2} /System time \(seconds\)/ {s=$2} END {printf "%d", (u + s) * 1000}' "$WORK/time.txt")
    pages=$(find "$out" -type f -name '*.html' | wc -l)
    files=$(find "$out" -type f | wc -l)
    bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    echo "$(((end - start) / 1000000)) $cpu $rss $pages $files $bytes"
}

# --- Check ------------------------------------------------------------------------------------------
# Untimed first builds, which also bring the sources into the file cache; then one page per goal.
log "Checking both outputs..."
for tool in zicht hugo; do
    run "$tool" "$WORK/out-$tool-check" >/dev/null
    missing=0
    while read -r path; do
        [ -f "$WORK/out-$tool-check/${path}index.html" ] || missing=$((missing + 1))
    done <"$WORK/goals.txt"
    [ "$missing" -eq 0 ] || fail "$tool: $missing of $GOALS goal pages missing"
    # The first goal of a jaarverslag: in a cycle, its description comes from the begroting.
    first="$WORK/out-$tool-check/$(grep -m 1 '^jaarverslag' "$WORK/goals.txt" || head -n 1 "$WORK/goals.txt")index.html"
    parts=("Beschrijving doel" "Toelichting op realisatie doel" "Criteria" "Indicatoren" \
        "Kaderstellende nota" "Portefeuillehouder" "Kruimelpad" 'aria-current="page"' "Gebouwd op")
    [ "$INPUT" = site ] || parts+=("tekst uit Begroting")
    for part in "${parts[@]}"; do
        grep -q "$part" "$first" || fail "$tool: '$part' not found in $first"
    done
    links=$({ grep -oE 'href="(\.\./)+([a-z]+-[0-9]{4}/)?doel/[^"]*">doel [0-9.]*</a>' "$first" || true; } | sort -u | wc -l)
    [ "$links" -eq 3 ] || fail "$tool: expected 3 resolved goal references in $first, found $links"
    log "  $tool: all $GOALS goal pages present; $first has every section and 3 resolved references"
done
if [ "$INPUT" = cycle ]; then
    # Zicht adds up the money file; the generator gave Hugo its own totals. Both must agree, cell by
    # cell, on every programma's table and on the overview of every document.
    python3 Benchmarks/compare_tables.py "$WORK/out-zicht-check" "$WORK/out-hugo-check" >&2 \
        || fail "the financial tables of the two sites differ"
fi

# --- Timed runs -------------------------------------------------------------------------------------
: >"$WORK/results.txt"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= RUNS; i++)); do
    # Alternate which tool goes first, so neither always runs right after the other's writes.
    if ((i % 2)); then order="zicht hugo"; else order="hugo zicht"; fi
    for tool in $order; do
        background=$(wait_for_quiet)
        result=$(run "$tool" "$WORK/out-$tool-$i")
        echo "$tool $result $background" >>"$WORK/results.txt"
        log "  run $i $tool: $(echo "$result" | awk '{printf "%.2f s wall, %.2f s CPU, %d MiB peak RSS", $1 / 1000, $2 / 1000, $3 / 1024}') (CPUs ${background}% busy before the run)"
    done
done

# --- Report -----------------------------------------------------------------------------------------
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -v t="$1" -v c="$2" '$1 == t {print $c}' "$WORK/results.txt"; }

zicht_version="$("$BIN/zicht" --version)"
hugo_version="$(hugo version | awk '{print $2}')"
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average before the timed runs: $load_before"
echo "Versions: $(swift --version 2>/dev/null | head -n 1); zicht $zicht_version; hugo $hugo_version"
if [ "$INPUT" = cycle ]; then what="a cycle of $DOCUMENTS documents of $PAGES pages"; else what="one document"; fi
echo "Input: $what, $GOALS goal pages (seed $SEED); $RUNS cold builds each, alternating; work folder on $(df -T "$WORK" | awk 'NR == 2 {print $2}')"
echo "Other load: CPUs $(cut -d' ' -f8 "$WORK/results.txt" | sort -n | tail -n 1)% busy at most in the second before a run"
echo
echo "| Tool | HTML pages | Median wall (s) | Min–max wall (s) | Pages/s | Median CPU user+sys (s) | Peak RSS, median (MiB) | Files written | Output (MB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for tool in zicht hugo; do
    wall=$(column_of "$tool" 2 | median)
    min=$(column_of "$tool" 2 | sort -n | head -n 1)
    max=$(column_of "$tool" 2 | sort -n | tail -n 1)
    cpu=$(column_of "$tool" 3 | median)
    rss=$(column_of "$tool" 4 | median)
    pages=$(column_of "$tool" 5 | tail -n 1)
    files=$(column_of "$tool" 6 | tail -n 1)
    bytes=$(column_of "$tool" 7 | tail -n 1)
    if [ "$tool" = zicht ]; then name="zicht build ($zicht_version)"; else name="hugo ($hugo_version)"; fi
    awk -v n="$name" -v p="$pages" -v w="$wall" -v lo="$min" -v hi="$max" -v c="$cpu" -v r="$rss" -v f="$files" -v b="$bytes" \
        'BEGIN {printf "| %s | %d | %.2f | %.2f–%.2f | %.0f | %.2f | %.0f | %d | %.1f |\n", n, p, w / 1000, lo / 1000, hi / 1000, p / (w / 1000), c / 1000, r / 1024, f, b / 1e6}'
done
