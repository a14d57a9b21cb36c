#!/usr/bin/env bash
# Gi* hot-spot benchmark: ZichtStats' Getis–Ord Gi* with conditional permutation p-values against
# esda.G_Local on the same lattice.
#
#   bash Benchmarks/hotspots.sh          from the repository root (or from anywhere: it finds the root)
#
# Builds zicht and zicht-bench in release mode into $SCRATCH (default .build-bench, never the default
# .build), generates a SIDE × SIDE lattice of Poisson counts with three hot spots (zicht-bench gistar
# --generate, CSV row,col,value), and times, side by side in each run:
#   - zicht-bench gistar --input FILE      Gi* in process: neighbour lists (queen), z-scores, PERMUTATIONS
#                                          conditional permutations (shared draws), Benjamini–Hochberg
#   - zicht hotspots --input FILE --format csv
#                                          the whole command line: start-up, reading the CSV, quartic KDE,
#                                          Gi* z + permutations, BH, the Poisson test, writing 40,000 CSV rows
#   - esda, cold: a fresh Python process that imports esda, builds libpysal.weights.lat2W(rook=False) and
#     calls G_Local(y, w, transform="B", star=True, permutations=PERMUTATIONS, n_jobs=1, seed=1); numba
#     compiles esda's permutation kernels on the first call in every process (esda does not cache them)
#   - esda, warm: the same call a second time in that process (the G_Local call alone, weights included)
# Before timing it checks that all three give the same z-scores (max |diff| <= 1e-9) and that zicht's
# and esda's p-values agree within Monte Carlo error (they use different random draws). esda, libpysal,
# numpy and numba come from PyPI, pinned in Tests/peers/requirements-hotspots.txt, in the virtual
# environment $VENV. The table gives medians over RUNS runs: Gi* time inside the process, wall time of the
# whole process (/usr/bin/time), and peak RSS. Settings, from the environment:
#   SIDE=200  PERMUTATIONS=999  RUNS=3  SEED=1  KEEP=1 (keep the temporary folder)
#   QUIET_WAIT=20 (seconds to wait before each run for the CPUs to be idle)  SCRATCH  VENV  TMPDIR
#   BIN (a folder with release builds of zicht and zicht-bench to use instead of building them)
set -euo pipefail

SIDE="${SIDE:-200}"
PERMUTATIONS="${PERMUTATIONS:-999}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
SCRATCH="${SCRATCH:-.build-bench}"
VENV="${VENV:-.venv-hotspots}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "hotspots.sh: $*"; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "Installing GNU time (Debian package 'time')..."
    apt_install time
fi
command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
command -v python3 >/dev/null 2>&1 || fail "python3 not found; esda needs it"
PY="$VENV/bin/python"
REQUIREMENTS=Tests/peers/requirements-hotspots.txt
if ! "$PY" - "$REQUIREMENTS" 2>/dev/null <<'PY'
import sys
from importlib.metadata import version
wanted = [line.split("==") for line in open(sys.argv[1]) if "==" in line and not line.startswith("#")]
sys.exit(any(version(name.strip()) != pinned.strip() for name, pinned in wanted))
PY
then
    log "Installing esda, libpysal, numba and their dependencies ($REQUIREMENTS) into $VENV..."
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-hotspots.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'log "Kept $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

# --- Build and generate -----------------------------------------------------------------------------
if [ -n "${BIN:-}" ]; then
    log "Using the release binaries in $BIN (BIN is set; not building)"
    [ -x "$BIN/zicht" ] && [ -x "$BIN/zicht-bench" ] || fail "$BIN must hold zicht and zicht-bench"
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
LATTICE="$WORK/lattice.csv"
log "Generating a $SIDE × $SIDE lattice (seed $SEED)..."
"$BIN/zicht-bench" gistar --generate "$LATTICE" --side "$SIDE" --seed "$SEED" >&2

# --- esda ---------------------------------------------------------------------------------------------
# esda_gistar.py LATTICE PERMUTATIONS MODE OUT: MODE cold times the first G_Local call in the process,
# warm calls it once untimed and times the second. Writes z then p (float64) to OUT and prints
# "cells N permutations P" and "gistar SECONDS s" (the G_Local call, weights included).
cat >"$WORK/esda_gistar.py" <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np
import libpysal
from esda.getisord import G_Local

path, permutations, mode, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
rows, cols = table[:, 0].max() + 1, table[:, 1].max() + 1
y = np.zeros(rows * cols)
y[table[:, 0] * cols + table[:, 1]] = table[:, 2]

def gistar():
    w = libpysal.weights.lat2W(int(rows), int(cols), rook=False)
    return G_Local(y, w, transform="B", star=True, permutations=permutations, n_jobs=1, seed=1)

if mode == "warm":
    gistar()
start = time.perf_counter()
g = gistar()
seconds = time.perf_counter() - start
np.concatenate([g.Zs, g.p_sim.astype(np.float64)]).astype("<f8").tofile(out)
print(f"cells {len(y)} permutations {permutations}")
print(f"gistar {seconds:.4f} s")
PY

# The z-scores and p-values of zicht hotspots' CSV, in cell order, as float64 (z then p).
cat >"$WORK/zicht_csv.py" <<'PY'
import sys
import numpy as np
table = np.genfromtxt(sys.argv[1], delimiter=",", names=True, dtype=None, encoding="utf-8")
cols = table["col"].max() + 1
order = np.argsort(table["row"] * cols + table["col"])
np.concatenate([table["gi_z"][order], table["gi_p"][order]]).astype("<f8").tofile(sys.argv[2])
PY

cat >"$WORK/compare.py" <<'PY'
import sys
import numpy as np
reference = np.fromfile(sys.argv[1], dtype="<f8")
permutations = int(sys.argv[-1])
n = len(reference) // 2
for path in sys.argv[2:-1]:
    other = np.fromfile(path, dtype="<f8")
    z = np.max(np.abs(other[:n] - reference[:n]))
    print(f"z: max |diff| {z:.2e} ({path.rsplit('/', 1)[-1]} vs esda)")
    if z > 1e-9:
        sys.exit(f"z-scores differ by {z:.2e}")
    if len(other) == 2 * n:
        p, q = other[n:], reference[n:]
        mean = (p + q) / 2
        bound = 5 * np.sqrt(2 * mean * (1 - mean) / permutations) + 2 / (permutations + 1)
        worst = np.max(np.abs(p - q) - bound)
        print(f"p: max |diff| {np.max(np.abs(p - q)):.4f}, correlation {np.corrcoef(p, q)[0, 1]:.5f}, "
              f"all within 5 sd + 2/(P+1): {worst <= 0}")
        if worst > 0:
            sys.exit("p-values differ by more than Monte Carlo error")
PY

NAMES=(bench cli esda_cold esda_warm)
label() {
    case "$1" in
    bench) echo "zicht-bench gistar (ZichtStats Gi*, in process)" ;;
    cli) echo "zicht hotspots --format csv (whole command)" ;;
    esda_cold) echo "esda $(awk -F== '/^esda/ {print $2}' "$REQUIREMENTS") G_Local, cold (new process, numba JIT)" ;;
    esda_warm) echo "esda G_Local, warm (second call in the process)" ;;
    esac
}
# set_command NAME: sets CMD to the command of NAME, and OUT to where its output goes.
set_command() {
    case "$1" in
    bench) CMD=("$BIN/zicht-bench" gistar --input "$LATTICE" --permutations "$PERMUTATIONS" --seed "$SEED" --repeats 1 --out "$WORK/bench.z" --p-out "$WORK/bench.p") ;;
    cli) CMD=("$BIN/zicht" hotspots --input "$LATTICE" --permutations "$PERMUTATIONS" --seed "$SEED" --format csv) ;;
    esda_cold) CMD=("$PY" "$WORK/esda_gistar.py" "$LATTICE" "$PERMUTATIONS" cold "$WORK/esda.f64") ;;
    esda_warm) CMD=("$PY" "$WORK/esda_gistar.py" "$LATTICE" "$PERMUTATIONS" warm "$WORK/esda.f64") ;;
    esac
}
# gistar_seconds NAME: the in-process Gi* time from $WORK/run.out (empty for the whole command).
gistar_seconds() {
    case "$1" in
    bench) sed -n 's/.*Gi\* total \([0-9.]*\) s.*/\1/p' "$WORK/run.out" ;;
    cli) echo "" ;;
    *) awk '/^gistar / {print $2}' "$WORK/run.out" ;;
    esac
}

# run NAME: runs one implementation under /usr/bin/time -v; prints "wall_ms gistar_s peak_rss_kb".
run() {
    local start end rss
    set_command "$1"
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "${CMD[@]}" >"$WORK/run.out" 2>"$WORK/run.err"; then
        cat "$WORK/run.out" "$WORK/run.err" >&2
        fail "$1 failed"
    fi
    end=$(date +%s%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    echo "$(((end - start) / 1000000)) $(gistar_seconds "$1") $rss"
}

# --- Check ------------------------------------------------------------------------------------------
log "Checking that zicht and esda agree..."
run esda_cold >/dev/null
run bench >/dev/null
cat "$WORK/bench.z" "$WORK/bench.p" >"$WORK/bench.f64"
log "  zicht-bench: $(head -n 1 "$WORK/run.out")"
run cli >/dev/null
"$PY" "$WORK/zicht_csv.py" "$WORK/run.out" "$WORK/cli.f64"
"$PY" "$WORK/compare.py" "$WORK/esda.f64" "$WORK/bench.f64" "$WORK/cli.f64" "$PERMUTATIONS" | tee "$WORK/agreement.txt" >&2 \
    || fail "zicht and esda disagree"

# --- Timed runs -------------------------------------------------------------------------------------
: >"$WORK/results.txt"
for ((i = 1; i <= RUNS; i++)); do
    order=("${NAMES[@]:$(((i - 1) % 4))}" "${NAMES[@]:0:$(((i - 1) % 4))}")
    for name in "${order[@]}"; do
        background=$(wait_for_quiet)
        result=$(run "$name")
        set -- $result
        if [ $# -eq 2 ]; then result="$1 - $2"; fi   # no in-process time (the whole command)
        echo "$name $result $background" >>"$WORK/results.txt"
        log "  run $i $name: $(echo "$result" | awk '{printf "%s s Gi*, %.3f s wall, %d MiB peak RSS", $2, $1 / 1000, $3 / 1024}') (CPUs ${background}% busy before the run)"
    done
done

# --- Report -----------------------------------------------------------------------------------------
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -v t="$1" -v c="$2" '$1 == t && $c != "-" {print $c}' "$WORK/results.txt"; }

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Versions: $(swift --version 2>/dev/null | head -n 1); Python $("$PY" -c 'import platform; print(platform.python_version())'); $("$PY" -c 'import esda, libpysal, numpy, numba; print(f"esda {esda.__version__}, libpysal {libpysal.__version__}, numpy {numpy.__version__}, numba {numba.__version__}")')"
echo "Input: $SIDE × $SIDE lattice ($((SIDE * SIDE)) cells, $(($(stat -c %s "$LATTICE") / 1000)) kB CSV, seed $SEED), queen weights + the cell itself, $PERMUTATIONS permutations; $RUNS runs each, order rotating"
echo "Agreement: $(tr '\n' ';' <"$WORK/agreement.txt")"
echo "Other load: CPUs $(awk '{print $5}' "$WORK/results.txt" | sort -n | tail -n 1)% busy at most in the second before a run"
echo
echo "| Implementation | Median Gi* in process (s) | Median wall, whole process (s) | Peak RSS (MiB) |"
echo "| --- | ---: | ---: | ---: |"
for name in "${NAMES[@]}"; do
    wall=$(column_of "$name" 2 | median)
    gistar=$(column_of "$name" 3 | median)
    rss=$(column_of "$name" 4 | median)
    # The warm process also ran the cold call first: its wall time is not the warm call's.
    if [ "$name" = esda_warm ]; then wall="-"; fi
    awk -v n="$(label "$name")" -v w="$wall" -v g="$gistar" -v r="$rss" \
        'BEGIN {printf "| %s | %s | %s | %.0f |\n", n, (g == "-" ? "–" : sprintf("%.4f", g)), (w == "-" ? "–" : sprintf("%.3f", w / 1000)), r / 1024}'
done
