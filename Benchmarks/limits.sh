#!/usr/bin/env bash
# Bounded cost of the readers on hostile input (issue 10, part 6): times one read of each
# pathological file below with the reader the fuzz target uses (`zicht-fuzz READER FILE`, built in
# release mode without sanitizers), so that a limit or a faster algorithm shows up as a time.
#
#   bash Benchmarks/limits.sh          from anywhere; builds into $SCRATCH (default .build-limits)
#
# Inputs (generated into a temporary folder):
#   markdown-list     one line "- - - … x": a list nested 10,000 deep
#   markdown-quote    one line "> > > … x": a block quote nested 10,000 deep
#   markdown-indent   2,000 lines, line k indented 2k spaces and starting "- ": nested items
#   csv-columns       a StatLine header with 100,000 columns and 3 data rows
#   csv-line          a StatLine file whose second line is one 64 MiB field
#   geojson-vertices  one buurt whose ring has 1,000,000 vertices (a circle in RD New)
# Settings: SCRATCH=.build-limits, KEEP=1 (keep the folder), TIMEOUT=300 (seconds per read).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-limits}"
TIMEOUT="${TIMEOUT:-300}"
swift build -c release --scratch-path "$SCRATCH" --product zicht-fuzz 2>&1 | tail -n 1
fuzz="$SCRATCH/release/zicht-fuzz"
work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import math, sys
w = sys.argv[1]
open(f"{w}/markdown-list.md", "w").write("- " * 10_000 + "x\n")
open(f"{w}/markdown-quote.md", "w").write("> " * 10_000 + "x\n")
open(f"{w}/markdown-indent.md", "w").write("".join(" " * (2 * k) + "- item\n" for k in range(2_000)))
names = ["RegioS", "Perioden"] + [f"M{i}" for i in range(99_998)]
row = ";".join(["GM0193", "2015JJ00"] + ["1"] * 99_998)
open(f"{w}/csv-columns.csv", "w").write(";".join(names) + "\n" + (row + "\n") * 3)
open(f"{w}/csv-line.csv", "w").write("RegioS;Perioden;M\nGM0193;2015JJ00;" + "1" * (64 << 20) + "\n")
n = 1_000_000
ring = ",".join(f"[{200000 + 1000 * math.cos(2 * math.pi * k / n):.3f},{500000 + 1000 * math.sin(2 * math.pi * k / n):.3f}]" for k in range(n))
ring += ",[201000.000,500000.000]"
open(f"{w}/geojson-vertices.geojson", "w").write(
    '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[{"type":"Feature",'
    '"properties":{"STATCODE":"BU01931000","BU_NAAM":"Rond"},"geometry":{"type":"Polygon","coordinates":[[' + ring + ']]}}]}')
PY

run() { # NAME READER
    local file
    file=$(ls "$work/$1".*)
    local start end status=0
    start=$(date +%s.%N)
    timeout "$TIMEOUT" "$fuzz" "$2" "$file" >/dev/null 2>&1 || status=$?
    end=$(date +%s.%N)
    printf '%-18s %-10s %8.2f s%s\n' "$1" "$2" "$(echo "$end - $start" | bc)" "$([ "$status" = 124 ] && echo ' (stopped at the timeout)' || true)"
}
printf '%-18s %-10s %10s\n' input reader time
run markdown-list markdown
run markdown-quote markdown
run markdown-indent markdown
run csv-columns statline
run csv-line statline
run geojson-vertices geojson
