#!/usr/bin/env bash
# Knox near-repeat benchmark: ZichtStats' KnoxTest against a vectorised NumPy reference and pointpats.
#
#   bash Benchmarks/knox.sh            from the repository root (or from anywhere: it finds the root)
#
# Builds zicht-bench in release mode into $SCRATCH (default .build-bench, never the default .build),
# generates two event files with `zicht-bench knox --generate` (a 10 × 10 km city over 365 days, 10% near
# repeats; CSV x,y,t in metres and whole days) with 20,000 and 100,000 events, and times three cases, each
# implementation reading the same CSV file:
#   A  20,000 events, 6 × 5 bands (space 0,1,100,200,300,400 m Manhattan; time 0,7,14,21,28 days; half-open),
#      999 permutations: Zicht and NumPy.
#   B  20,000 events, one band (Euclidean ≤ 200 m, ≤ 7 days: closed, pointpats' convention), 999
#      permutations: Zicht, NumPy, and pointpats with POINTPATS_PERMUTATIONS (default 99), extrapolated.
#   C  100,000 events, the same single band, 999 permutations: Zicht, and NumPy with
#      LARGE_NUMPY_PERMUTATIONS (default 99), extrapolated. pointpats is not run: it keeps a Python set of
#      temporal neighbours per event (about n²·2τ/T entries), 1.3 GB at 20,000 events and ~25× that here.
# "Extrapolated" = setup time + 999 × the measured time per permutation (setup measured separately).
# Before timing, the script checks that all implementations print the same observed table (the single
# band as pointpats' 2 × 2 layout [[NST, NS−NST], [NT−NST, rest]]). The NumPy reference is written below:
# scipy's cKDTree.query_pairs for the pairs within the last break, the row beyond from sorted times, and
# per permutation one gather, searchsorted and bincount over those pairs.
# Settings, from the environment: RUNS=3 (timed runs of Zicht and NumPy; pointpats runs once), SEED=1,
# POINTPATS_PERMUTATIONS=99, LARGE_NUMPY_PERMUTATIONS=99, SCRATCH=.build-bench, BUILD_LOCK (a file to
# flock around the build, e.g. /tmp/zicht-build.lock), KEEP=1 (keep the temporary folder), QUIET_WAIT=20.
set -euo pipefail

RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
POINTPATS_PERMUTATIONS="${POINTPATS_PERMUTATIONS:-99}"
LARGE_NUMPY_PERMUTATIONS="${LARGE_NUMPY_PERMUTATIONS:-99}"
SCRATCH="${SCRATCH:-.build-bench}"
VENV=".venv-knox"
POINTPATS_VERSION="2.5.5"
NUMPY_VERSION="2.4.6"
SCIPY_VERSION="1.17.1"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "knox.sh: $*"; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "Installing GNU time (Debian package 'time')..."
    apt_install time
fi
command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
command -v python3 >/dev/null 2>&1 || fail "python3 not found; NumPy and pointpats need it"
PY="$VENV/bin/python"
if ! "$PY" -c "
import sys, numpy, scipy, pointpats
wanted = {'numpy': '$NUMPY_VERSION', 'scipy': '$SCIPY_VERSION', 'pointpats': '$POINTPATS_VERSION'}
sys.exit(any(sys.modules[name].__version__ != version for name, version in wanted.items()))" 2>/dev/null; then
    log "Installing pointpats $POINTPATS_VERSION, numpy $NUMPY_VERSION, scipy $SCIPY_VERSION into $VENV..."
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install -q -r Tests/peers/requirements-knox.txt
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-knox.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'log "Kept $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

# --- Build and generate -----------------------------------------------------------------------------
log "Building zicht-bench in release mode (--scratch-path $SCRATCH)..."
build=(swift build -c release --scratch-path "$SCRATCH" --product zicht-bench)
[ -n "${BUILD_LOCK:-}" ] && build=(flock "$BUILD_LOCK" "${build[@]}")
if ! "${build[@]}" >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    fail "swift build --product zicht-bench failed"
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
log "Generating 20,000 and 100,000 events (seed $SEED)..."
"$BIN/zicht-bench" knox --generate "$WORK/events20k.csv" --events 20000 --seed "$SEED" >&2
"$BIN/zicht-bench" knox --generate "$WORK/events100k.csv" --events 100000 --seed "$SEED" >&2

# --- The other implementations ----------------------------------------------------------------------
cat >"$WORK/knox_numpy.py" <<'PY'
"""Vectorised NumPy/SciPy Knox table: python knox_numpy.py FILE SPACE TIME METRIC INTERVALS PERMUTATIONS."""
import sys, time
import numpy as np
from scipy.spatial import cKDTree

path, space, times, metric, intervals, permutations = sys.argv[1:7]
space = np.array([float(v) for v in space.split(",")])
times = np.array([float(v) for v in times.split(",")])
permutations = int(permutations)
data = np.loadtxt(path, delimiter=",", skiprows=1)
xy, t = data[:, :2].copy(), data[:, 2].copy()

start = time.perf_counter()
side = "right" if intervals == "half-open" else "left"   # band = number of upper breaks <= d (half-open) / < d (closed)
s_breaks, t_breaks = space[1:], times[1:]
n, S, T = len(t), len(space), len(times)
pairs = cKDTree(xy).query_pairs(s_breaks[-1], p=1 if metric == "manhattan" else 2, output_type="ndarray")
i, j = pairs[:, 0], pairs[:, 1]
dx, dy = xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1]
d = np.abs(dx) + np.abs(dy) if metric == "manhattan" else np.sqrt(dx * dx + dy * dy)
s_band = np.searchsorted(s_breaks, d, side=side)
keep = s_band < len(s_breaks)
i, j, s_band = i[keep].astype(np.int32), j[keep].astype(np.int32), s_band[keep]
# Pairs of all n per time band, from the sorted times (the same in every permutation).
ts = np.sort(t)
reached = [int(np.minimum(np.searchsorted(ts, ts - b, side=side), np.arange(n)).sum()) for b in t_breaks]
all_pairs = n * (n - 1) // 2
bounds = [all_pairs] + reached
all_t = np.array([bounds[k] - bounds[k + 1] for k in range(len(reached))] + [reached[-1]])
base = s_band * T

def table(tt):
    t_band = np.searchsorted(t_breaks, np.abs(tt[i] - tt[j]), side=side)
    close = np.bincount(base + t_band, minlength=(S - 1) * T).reshape(S - 1, T)
    return np.vstack([close, all_t - close.sum(axis=0)])

observed = table(t)
setup = time.perf_counter() - start
start = time.perf_counter()
rng = np.random.default_rng(1)
sims = np.empty((permutations, S, T), dtype=np.int64)
for p in range(permutations):
    sims[p] = table(rng.permutation(t))
mean = sims.mean(axis=0)
p_value = ((sims >= observed).sum(axis=0) + 1) / (permutations + 1)
loop = time.perf_counter() - start
print("observed " + ";".join(",".join(str(int(v)) for v in row) for row in observed))
print(f"close pairs {len(i)} permutations {permutations}")
print(f"knox {setup + loop:.4f} s")
print(f"setup {setup:.4f} s per-permutation {loop / permutations:.6f} s")
print(f"first cell: observed {observed[0, 0]}, mean expected {mean[0, 0]:.3f}, p {p_value[0, 0]:.4f}")
PY
cat >"$WORK/knox_pointpats.py" <<'PY'
"""pointpats' single-band Knox: python knox_pointpats.py FILE DELTA TAU PERMUTATIONS."""
import sys, time
import numpy as np
from pointpats.spacetime import Knox

path, delta, tau, permutations = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
data = np.loadtxt(path, delimiter=",", skiprows=1)
xy, t = data[:, :2].copy(), data[:, 2:3].copy()
start = time.perf_counter()
Knox(xy, t, delta=delta, tau=tau, permutations=0)
setup = time.perf_counter() - start
np.random.seed(12345)
start = time.perf_counter()
k = Knox(xy, t, delta=delta, tau=tau, permutations=permutations)
total = time.perf_counter() - start
print("observed " + ";".join(",".join(str(int(v)) for v in row) for row in k.observed))
print(f"permutations {permutations}")
print(f"knox {total:.4f} s")
print(f"setup {setup:.4f} s per-permutation {max(total - setup, 0) / permutations:.6f} s")
print(f"first cell: observed {k.statistic_}, expected {k.expected[0, 0]:.3f}, p {k.p_sim:.4f}")
PY

MULTI=(--space-breaks 0,1,100,200,300,400 --time-breaks 0,7,14,21,28 --metric manhattan --intervals half-open)
SINGLE=(--space-breaks 0,200 --time-breaks 0,7 --metric euclidean --intervals closed)
# set_command CASE NAME: sets CMD to the command line of implementation NAME in case CASE.
set_command() {
    case "$1:$2" in
    A:zicht) CMD=("$BIN/zicht-bench" knox --run "$WORK/events20k.csv" "${MULTI[@]}" --permutations 999) ;;
    A:numpy) CMD=("$PY" "$WORK/knox_numpy.py" "$WORK/events20k.csv" 0,1,100,200,300,400 0,7,14,21,28 manhattan half-open 999) ;;
    B:zicht) CMD=("$BIN/zicht-bench" knox --run "$WORK/events20k.csv" "${SINGLE[@]}" --permutations 999) ;;
    B:numpy) CMD=("$PY" "$WORK/knox_numpy.py" "$WORK/events20k.csv" 0,200 0,7 euclidean closed 999) ;;
    B:pointpats) CMD=("$PY" "$WORK/knox_pointpats.py" "$WORK/events20k.csv" 200 7 "$POINTPATS_PERMUTATIONS") ;;
    C:zicht) CMD=("$BIN/zicht-bench" knox --run "$WORK/events100k.csv" "${SINGLE[@]}" --permutations 999) ;;
    C:numpy) CMD=("$PY" "$WORK/knox_numpy.py" "$WORK/events100k.csv" 0,200 0,7 euclidean closed "$LARGE_NUMPY_PERMUTATIONS") ;;
    esac
}
# run CASE NAME: runs one implementation under /usr/bin/time -v; prints "wall_ms knox_s peak_rss_kb
# extrapolated_999_s" and leaves its output in $WORK/run.out.
run() {
    local start end rss knox extrapolated
    set_command "$1" "$2"
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "${CMD[@]}" >"$WORK/run.out" 2>"$WORK/run.err"; then
        cat "$WORK/run.out" "$WORK/run.err" >&2
        fail "$1 $2 failed"
    fi
    end=$(date +%s%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    knox=$(awk '/^knox / {print $2}' "$WORK/run.out")
    extrapolated=$(awk -v k="$knox" '/^setup / {e = $2 + 999 * $5} END {print (e == "" ? k : e)}' "$WORK/run.out")
    echo "$(((end - start) / 1000000)) $knox $rss $extrapolated"
}

CASES=(A:zicht A:numpy B:zicht B:numpy B:pointpats C:zicht C:numpy)

# --- Check ------------------------------------------------------------------------------------------
log "Checking that the implementations give the same observed tables (pointpats runs once, here)..."
# Zicht prints a single band as [[NST, NS−NST], [NT−NST, rest]], the layout of pointpats' Knox.observed.
: >"$WORK/results.txt"
declare -A expected
for entry in "${CASES[@]}"; do
    case_name=${entry%%:*} name=${entry#*:}
    result=$(run "$case_name" "$name")
    table=$(head -n 1 "$WORK/run.out")
    if [ "$name" = pointpats ]; then
        echo "$case_name $name $result 0" >>"$WORK/results.txt"
    fi
    [ -n "${expected[$case_name]:-}" ] || expected[$case_name]="$table"
    [ "$table" = "${expected[$case_name]}" ] || fail "case $case_name: $name printed '$table', expected '${expected[$case_name]}'"
    log "  $case_name $name: $table ($(sed -n 2p "$WORK/run.out"))"
done

# --- Timed runs -------------------------------------------------------------------------------------
for ((r = 1; r <= RUNS; r++)); do
    for entry in "${CASES[@]}"; do
        case_name=${entry%%:*} name=${entry#*:}
        [ "$name" = pointpats ] && continue
        background=$(wait_for_quiet)
        result=$(run "$case_name" "$name")
        [ "$(head -n 1 "$WORK/run.out")" = "${expected[$case_name]}" ] || fail "$case_name $name gave a different table in run $r"
        echo "$case_name $name $result $background" >>"$WORK/results.txt"
        log "  run $r $case_name $name: $(echo "$result" | awk '{printf "%.3f s analysis (999 permutations: %.2f s), %.2f s wall, %d MiB peak RSS", $2, $4, $1 / 1000, $3 / 1024}') (CPUs ${background}% busy before)"
    done
done

# --- Report -----------------------------------------------------------------------------------------
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -v c="$1" -v n="$2" -v k="$3" '$1 == c && $2 == n {print $k}' "$WORK/results.txt"; }
label() {
    case "$1" in
    zicht) echo "Zicht KnoxTest (2 cores)" ;;
    numpy) echo "NumPy $NUMPY_VERSION + SciPy cKDTree reference" ;;
    pointpats) echo "pointpats $POINTPATS_VERSION Knox" ;;
    esac
}
describe() {
    case "$1" in
    A) echo "A: 20,000 events, 6 × 5 bands, 999 permutations" ;;
    B) echo "B: 20,000 events, 1 band (≤ 200 m, ≤ 7 days), 999 permutations" ;;
    C) echo "C: 100,000 events, 1 band (≤ 200 m, ≤ 7 days), 999 permutations" ;;
    esac
}
permutations_run() {
    case "$1:$2" in
    B:pointpats) echo "$POINTPATS_PERMUTATIONS" ;;
    C:numpy) echo "$LARGE_NUMPY_PERMUTATIONS" ;;
    *) echo 999 ;;
    esac
}
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Versions: $(swift --version 2>/dev/null | head -n 1); Python $("$PY" -c 'import platform; print(platform.python_version())'); numpy $NUMPY_VERSION, scipy $SCIPY_VERSION, pointpats $POINTPATS_VERSION"
echo "Input: zicht-bench knox --generate, seed $SEED; $RUNS timed runs of Zicht and NumPy (medians), pointpats once"
echo "Observed tables identical in every case: A ${expected[A]}; B ${expected[B]}; C ${expected[C]}"
echo "Other load: CPUs $(awk '{print $7}' "$WORK/results.txt" | sort -n | tail -n 1)% busy at most in the second before a run"
echo
echo "| Case | Implementation | Permutations run | Analysis (s) | For 999 permutations (s) | Zicht faster by | Wall, whole process (s) | Peak RSS (MiB) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for entry in "${CASES[@]}"; do
    case_name=${entry%%:*} name=${entry#*:}
    wall=$(column_of "$case_name" "$name" 3 | median)
    knox=$(column_of "$case_name" "$name" 4 | median)
    rss=$(column_of "$case_name" "$name" 5 | median)
    full=$(column_of "$case_name" "$name" 6 | median)
    zicht_full=$(column_of "$case_name" zicht 6 | median)
    extrapolated=""
    [ "$(permutations_run "$case_name" "$name")" != 999 ] && extrapolated=" (extrapolated)"
    awk -v c="$(describe "$case_name")" -v n="$(label "$name")" -v p="$(permutations_run "$case_name" "$name")" -v k="$knox" \
        -v f="$full" -v z="$zicht_full" -v w="$wall" -v r="$rss" -v x="$extrapolated" \
        'BEGIN {printf "| %s | %s | %d | %.3f | %.3f%s | %.0f× | %.2f | %.0f |\n", c, n, p, k, f, x, f / z, w / 1000, r / 1024}'
done
