#!/usr/bin/env bash
# StatLine CSV benchmarks on one generated file, side by side with pandas and duckdb:
#   part "parse":  Zicht's StatLineCSVReader against pandas and duckdb reading the file;
#   part "import": a full `zicht import` (zicht-bench import: hash, parse, store in a new snapshot)
#                  against pandas read_csv + DataFrame.to_sql into SQLite and duckdb CREATE TABLE AS
#                  read_csv into a DuckDB file.
#
#   PART=import ROWS=1000000 bash Benchmarks/statline.sh     (only the import part, 1 M rows)
#
#   bash Benchmarks/statline.sh            from the repository root (or from anywhere: it finds the root)
#
# Builds zicht-bench in release mode into .build-bench (never the default .build), generates a file in
# the layout of CBS table 83648NED (BOM, CRLF, every field quoted, counts padded to 8 characters,
# 3% "       ." values) with ROWS rows, and times, side by side in each run:
#   - zicht-bench statline --parse FILE           (StatLineCSVReader, 1 MiB chunks, one thread)
#   - pandas.read_csv(FILE, sep=';', usecols=[count column], na_values for ".")
#   - duckdb read_csv(FILE, delim=';', count column typed DOUBLE, nullstr for "."), threads=1 and 2
# Every implementation sums TotaalGeregistreerdeMisdrijven_1 and counts its "." cells and prints
# "rows R sum S unknown U"; the script stops unless all print the same line. pandas and duckdb come
# from PyPI, pinned, in the virtual environment .venv-bench. Each is run RUNS times (the order rotates
# per run); the table gives the median wall time of the whole process (including Python's start and
# imports), the median time of the parse itself as measured inside the process, the CPU time and
# the peak RSS from /usr/bin/time -v. A second, 10× smaller file shows whether the reader's memory
# grows with the file. The import part works the same way: every implementation stores the file in a
# new database and then reads the count column back from it to print the check line, so the script
# stops unless what was stored agrees; the time is that of the import alone, and the small file shows
# whether the importer's memory grows with the file. Settings, from the environment:
#   ROWS=5000000  RUNS=3  SEED=1  PART=all (or parse, import)
#   KEEP=1 (keep the temporary folder and print where it is)
#   ZICHT_BENCH=path (time this zicht-bench binary instead of building one, e.g. an older version)
#   QUIET_WAIT=20 (seconds to wait before each run for other processes to leave the CPUs idle)
#   TMPDIR (where the temporary folder goes; TMPDIR=/dev/shm measures without the disk)
# The file is read once before the timed runs, so every run reads it from the page cache.
set -euo pipefail

ROWS="${ROWS:-5000000}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
PART="${PART:-all}"
SCRATCH=".build-bench"
VENV=".venv-bench"
PANDAS_VERSION="3.1.1"
DUCKDB_VERSION="2.0.1"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
case "$PART" in all | parse | import) ;; *) echo "statline.sh: PART must be all, parse or import, found '$PART'" >&2; exit 1 ;; esac
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "statline.sh: $*"; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "Installing GNU time (Debian package 'time')..."
    apt_install time
fi
command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
command -v python3 >/dev/null 2>&1 || fail "python3 not found; pandas and duckdb need it"
PY="$VENV/bin/python"
if ! "$PY" -c "import pandas, duckdb, sys; sys.exit(pandas.__version__ != '$PANDAS_VERSION' or duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
    log "Installing pandas $PANDAS_VERSION and duckdb $DUCKDB_VERSION into $VENV..."
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install -q "pandas==$PANDAS_VERSION" "duckdb==$DUCKDB_VERSION"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-statline.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'log "Kept $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

# --- Build and generate -----------------------------------------------------------------------------
if [ -n "${ZICHT_BENCH:-}" ]; then
    [ -x "$ZICHT_BENCH" ] || fail "ZICHT_BENCH=$ZICHT_BENCH is not an executable"
    BIN="$(cd "$(dirname "$ZICHT_BENCH")" && pwd)"
    [ "$(basename "$ZICHT_BENCH")" = zicht-bench ] || { mkdir -p "$WORK/bin"; ln -s "$(cd "$(dirname "$ZICHT_BENCH")" && pwd)/$(basename "$ZICHT_BENCH")" "$WORK/bin/zicht-bench"; BIN="$WORK/bin"; }
    log "Using $ZICHT_BENCH"
else
    log "Building zicht-bench in release mode (--scratch-path $SCRATCH)..."
    if ! swift build -c release --scratch-path "$SCRATCH" --product zicht-bench >"$WORK/build.log" 2>&1; then
        cat "$WORK/build.log" >&2
        fail "swift build --product zicht-bench failed"
    fi
    BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
fi
CSV="$WORK/83648NED-generated.csv"
SMALL="$WORK/83648NED-generated-small.csv"
log "Generating $ROWS rows (seed $SEED) and $((ROWS / 10)) rows for the memory check..."
"$BIN/zicht-bench" statline --generate "$CSV" --rows "$ROWS" --seed "$SEED" >&2
"$BIN/zicht-bench" statline --generate "$SMALL" --rows "$((ROWS / 10))" --seed "$SEED" >&2

# --- The other implementations ----------------------------------------------------------------------
# Each prints "rows R sum S unknown U" and then "parse SECONDS s" (the time after the imports).
cat >"$WORK/pandas_sum.py" <<'PY'
import sys, time
import pandas as pd
start = time.perf_counter()
column = "TotaalGeregistreerdeMisdrijven_1"
frame = pd.read_csv(sys.argv[1], sep=";", usecols=[column], na_values=[".", "       ."], keep_default_na=False)
values = frame[column]
total = values.sum()
unknown = int(values.isna().sum())
elapsed = time.perf_counter() - start
print(f"rows {len(frame)} sum {int(total)} unknown {unknown}")
print(f"parse {elapsed:.3f} s")
PY
cat >"$WORK/duckdb_sum.py" <<'PY'
import sys, time
import duckdb
start = time.perf_counter()
connection = duckdb.connect()
connection.execute(f"SET threads = {int(sys.argv[2])}")
rows, total, unknown = connection.execute(
    """SELECT count(*), sum(TotaalGeregistreerdeMisdrijven_1), count(*) FILTER (TotaalGeregistreerdeMisdrijven_1 IS NULL)
       FROM read_csv(?, delim = ';', quote = '"', header = true,
                     types = {'TotaalGeregistreerdeMisdrijven_1': 'DOUBLE'}, nullstr = ['.', '       .'])""",
    [sys.argv[1]],
).fetchone()
elapsed = time.perf_counter() - start
print(f"rows {rows} sum {int(total)} unknown {unknown}")
print(f"parse {elapsed:.3f} s")
PY

# The import peers: each stores the whole file in a new database, then reads the count column back
# from it for the check line; "import SECONDS s" is the time of the import alone.
cat >"$WORK/pandas_import.py" <<'PY'
import os, sqlite3, sys, time
import pandas as pd
if os.path.exists(sys.argv[2]):
    os.remove(sys.argv[2])
start = time.perf_counter()
frame = pd.read_csv(sys.argv[1], sep=";", na_values=[".", "       ."], keep_default_na=False,
                    dtype={"SoortMisdrijf": str, "RegioS": str, "Perioden": str})
connection = sqlite3.connect(sys.argv[2])
frame.to_sql("observation", connection, index=False, chunksize=100000)
connection.commit()
elapsed = time.perf_counter() - start
rows, total, unknown = connection.execute(
    "SELECT count(*), sum(TotaalGeregistreerdeMisdrijven_1), count(*) - count(TotaalGeregistreerdeMisdrijven_1) FROM observation").fetchone()
print(f"rows {rows} sum {int(total)} unknown {unknown}")
print(f"import {elapsed:.3f} s")
PY
cat >"$WORK/duckdb_import.py" <<'PY'
import os, sys, time
import duckdb
if os.path.exists(sys.argv[2]):
    os.remove(sys.argv[2])
start = time.perf_counter()
connection = duckdb.connect(sys.argv[2])
connection.execute(f"SET threads = {int(sys.argv[3])}")
connection.execute(
    """CREATE TABLE observation AS SELECT * FROM read_csv(?, delim = ';', quote = '"', header = true,
           types = {'TotaalGeregistreerdeMisdrijven_1': 'DOUBLE', 'GeregistreerdeMisdrijvenPer1000Inw_3': 'DOUBLE'},
           nullstr = ['.', '       .'])""",
    [sys.argv[1]],
)
connection.execute("CHECKPOINT")
elapsed = time.perf_counter() - start
rows, total, unknown = connection.execute(
    "SELECT count(*), sum(TotaalGeregistreerdeMisdrijven_1), count(*) FILTER (TotaalGeregistreerdeMisdrijven_1 IS NULL) FROM observation").fetchone()
print(f"rows {rows} sum {int(total)} unknown {unknown}")
print(f"import {elapsed:.3f} s")
PY

PARSE_NAMES=(zicht pandas duckdb1 duckdb2)
IMPORT_NAMES=(zicht-import pandas-import duckdb1-import duckdb2-import)
label() {
    case "$1" in
    zicht) echo "zicht-bench statline --parse (StatLineCSVReader, 1 thread)" ;;
    pandas) echo "pandas $PANDAS_VERSION read_csv" ;;
    duckdb1) echo "duckdb $DUCKDB_VERSION read_csv, threads=1" ;;
    duckdb2) echo "duckdb $DUCKDB_VERSION read_csv, threads=2" ;;
    zicht-import) echo "zicht-bench import (ZichtApp.importFile into a new snapshot)" ;;
    pandas-import) echo "pandas $PANDAS_VERSION read_csv + to_sql (SQLite)" ;;
    duckdb1-import) echo "duckdb $DUCKDB_VERSION CREATE TABLE AS read_csv, threads=1" ;;
    duckdb2-import) echo "duckdb $DUCKDB_VERSION CREATE TABLE AS read_csv, threads=2" ;;
    esac
}
# set_command NAME FILE: sets CMD to the command line of implementation NAME on FILE.
set_command() {
    case "$1" in
    zicht) CMD=("$BIN/zicht-bench" statline --parse "$2") ;;
    pandas) CMD=("$PY" "$WORK/pandas_sum.py" "$2") ;;
    duckdb1) CMD=("$PY" "$WORK/duckdb_sum.py" "$2" 1) ;;
    duckdb2) CMD=("$PY" "$WORK/duckdb_sum.py" "$2" 2) ;;
    zicht-import) CMD=("$BIN/zicht-bench" import "$2" --snapshot "$WORK/zicht.sqlite") ;;
    pandas-import) CMD=("$PY" "$WORK/pandas_import.py" "$2" "$WORK/pandas.sqlite") ;;
    duckdb1-import) CMD=("$PY" "$WORK/duckdb_import.py" "$2" "$WORK/duckdb.db" 1) ;;
    duckdb2-import) CMD=("$PY" "$WORK/duckdb_import.py" "$2" "$WORK/duckdb.db" 2) ;;
    esac
}

# --- Quiet machine ----------------------------------------------------------------------------------

# --- One run ----------------------------------------------------------------------------------------
# run NAME FILE: runs one implementation under /usr/bin/time -v; prints
# "wall_ms parse_ms cpu_ms peak_rss_kb" and leaves its output in $WORK/run.out.
run() {
    local start end
    set_command "$1" "$2"
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "${CMD[@]}" >"$WORK/run.out" 2>"$WORK/run.err"; then
        cat "$WORK/run.out" "$WORK/run.err" >&2
        fail "$1 failed"
    fi
    end=$(date +%s%N)
    local rss cpu parse
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    cpu=$(awk -F': ' '/User time \(seconds\)/ {u=$2} /System time \(seconds\)/ {s=$2} END {printf "%d", (u + s) * 1000}' "$WORK/time.txt")
    parse=$(awk 'NR == 2 {printf "%d", $2 * 1000}' "$WORK/run.out")
    echo "$(((end - start) / 1000000)) $parse $cpu $rss"
}

# --- Check, timed runs and report of one part ---------------------------------------------------------
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -v t="$1" -v c="$2" '$1 == t {print $c}' "$WORK/results.txt"; }

# measure WHAT NAME...: checks that the implementations agree (untimed runs, which also bring the file
# into the page cache), times RUNS runs of each (the order rotating), and prints the table. The first
# name is Zicht's, which is also run on the small file for the memory check.
measure() {
    local what="$1"
    shift
    local names=("$@") count=$#
    log "Checking that every $what implementation gives the same result..."
    local expected="" name result
    for name in "${names[@]}"; do
        run "$name" "$CSV" >/dev/null
        result=$(head -n 1 "$WORK/run.out")
        [ -n "$expected" ] || expected="$result"
        [ "$result" = "$expected" ] || fail "$name printed '$result', expected '$expected'"
        log "  $name: $result"
    done
    : >"$WORK/results.txt"
    local i order background
    for ((i = 1; i <= RUNS; i++)); do
        order=("${names[@]:$(((i - 1) % count))}" "${names[@]:0:$(((i - 1) % count))}")
        for name in "${order[@]}"; do
            background=$(wait_for_quiet)
            result=$(run "$name" "$CSV")
            [ "$(head -n 1 "$WORK/run.out")" = "$expected" ] || fail "$name gave a different result in run $i"
            echo "$name $result $background" >>"$WORK/results.txt"
            log "  run $i $name: $(echo "$result" | awk '{printf "%.2f s wall, %.2f s in process, %.2f s CPU, %d MiB peak RSS", $1 / 1000, $2 / 1000, $3 / 1000, $4 / 1024}') (CPUs ${background}% busy before the run)"
        done
    done
    local small_rss small_rows small_report
    small_rss=$(run "${names[0]}" "$SMALL" | awk '{print $4}')
    small_rows=$(head -n 1 "$WORK/run.out" | awk '{print $2}')
    small_report=$(sed -n 2p "$WORK/run.out")

    echo
    echo "## $what"
    echo "Input: $ROWS rows (seed $SEED), $(($(stat -c %s "$CSV") / 1000000)) MB, in the page cache; work folder on $(df -T "$WORK" | awk 'NR == 2 {print $2}'); $RUNS runs each, order rotating"
    echo "Result (all identical): $expected"
    echo "Other load: CPUs $(awk '{print $6}' "$WORK/results.txt" | sort -n | tail -n 1)% busy at most in the second before a run"
    echo
    echo "| Implementation | Median wall (s) | Min–max wall (s) | Rows/s (median wall) | Median $what in process (s) | Rows/s ($what) | Median CPU user+sys (s) | Peak RSS, median (MiB) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    local wall min max inner cpu rss
    for name in "${names[@]}"; do
        wall=$(column_of "$name" 2 | median)
        min=$(column_of "$name" 2 | sort -n | head -n 1)
        max=$(column_of "$name" 2 | sort -n | tail -n 1)
        inner=$(column_of "$name" 3 | median)
        cpu=$(column_of "$name" 4 | median)
        rss=$(column_of "$name" 5 | median)
        awk -v n="$(label "$name")" -v rows="$ROWS" -v w="$wall" -v lo="$min" -v hi="$max" -v p="$inner" -v c="$cpu" -v r="$rss" \
            'BEGIN {printf "| %s | %.2f | %.2f–%.2f | %.1f M | %.2f | %.1f M | %.2f | %.0f |\n", n, w / 1000, lo / 1000, hi / 1000, rows / (w / 1000) / 1e6, p / 1000, rows / (p / 1000) / 1e6, c / 1000, r / 1024}'
    done
    echo
    echo "$(label "${names[0]}") peak RSS: $((small_rss / 1024)) MiB for $small_rows rows, $(($(column_of "${names[0]}" 5 | median | cut -d. -f1) / 1024)) MiB for $ROWS rows."
    if [ "$what" = import ]; then
        # zicht-bench import also reports the peak at the end of the import, before it reads back.
        echo "Its own report, $small_rows rows: $small_report"
        run "${names[0]}" "$CSV" >/dev/null
        echo "Its own report, $ROWS rows: $(sed -n 2p "$WORK/run.out")"
    fi
}

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "Versions: $(swift --version 2>/dev/null | head -n 1); Python $("$PY" -c 'import platform; print(platform.python_version())'); pandas $PANDAS_VERSION; duckdb $DUCKDB_VERSION"
if [ "$PART" != import ]; then measure parse "${PARSE_NAMES[@]}"; fi
if [ "$PART" != parse ]; then measure import "${IMPORT_NAMES[@]}"; fi
echo
echo "Load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
