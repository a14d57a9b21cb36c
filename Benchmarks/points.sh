#!/usr/bin/env bash
# Point-in-polygon benchmark: ZichtGeo's PolygonIndex against geopandas.sjoin on the same files.
#
#   bash Benchmarks/points.sh            from the repository root (or from anywhere: it finds the root)
#
# Builds zicht-bench in release mode into .build-bench (never the default .build), generates POLYGONS
# buurt-like polygons tiling a Netherlands-sized region in RD New (GeoJSON with a crs member) and POINTS
# random points (little-endian float64 pairs), and times, side by side in each run:
#   - zicht-bench points --assign DIR               (GeoJSONReader, PolygonIndex build + assign, 1 thread)
#   - the same with --threads 2
#   - geopandas.sjoin(points, polygons, how="left", predicate="within")  (geopandas reads with pyogrio)
#   - shapely.STRtree(polygons).query(points, predicate="within")   (the bulk query inside sjoin, without
#     the DataFrame work: the fastest the Python stack does this)
# Every implementation writes its assignments (polygon row per point, -1 for none) as little-endian int32
# and prints "points N assigned A unassigned U checksum C"; the script stops unless all files are
# byte-for-byte identical. geopandas, shapely, pyogrio, pandas, pyproj and numpy come from PyPI, pinned,
# in the virtual environment .venv-geo. Each is run RUNS times (the order rotates per run); the table gives
# the median time of the join itself as measured inside the process (for Zicht: building the index and
# assigning; for sjoin: the sjoin call, which builds its STRtree; for STRtree: building and querying),
# the median wall time of the whole process (reading the files and, for Python, starting and importing
# included), and the peak RSS from /usr/bin/time -v. Settings, from the environment:
#   POLYGONS=13000  POINTS=1000000  RUNS=3  SEED=1  KEEP=1 (keep the temporary folder and print where it is)
#   QUIET_WAIT=20 (seconds to wait before each run for other processes to leave the CPUs idle)
#   TMPDIR (where the temporary folder goes)
set -euo pipefail

POLYGONS="${POLYGONS:-13000}"
POINTS="${POINTS:-1000000}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
SCRATCH=".build-bench"
VENV=".venv-geo"
GEOPANDAS_VERSION="1.2.0"
SHAPELY_VERSION="2.2.0"
PYOGRIO_VERSION="0.13.0"
PANDAS_VERSION="3.1.1"
PYPROJ_VERSION="3.7.2"
NUMPY_VERSION="2.4.6"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "points.sh: $*"; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "Installing GNU time (Debian package 'time')..."
    apt_install time
fi
command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
command -v python3 >/dev/null 2>&1 || fail "python3 not found; geopandas needs it"
PY="$VENV/bin/python"
if ! "$PY" -c "
import sys, geopandas, shapely, pyogrio, pandas, pyproj, numpy
wanted = {'geopandas': '$GEOPANDAS_VERSION', 'shapely': '$SHAPELY_VERSION', 'pyogrio': '$PYOGRIO_VERSION',
          'pandas': '$PANDAS_VERSION', 'pyproj': '$PYPROJ_VERSION', 'numpy': '$NUMPY_VERSION'}
sys.exit(any(sys.modules[name].__version__ != version for name, version in wanted.items()))" 2>/dev/null; then
    log "Installing geopandas $GEOPANDAS_VERSION, shapely $SHAPELY_VERSION and their dependencies into $VENV..."
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install -q "geopandas==$GEOPANDAS_VERSION" "shapely==$SHAPELY_VERSION" "pyogrio==$PYOGRIO_VERSION" \
        "pandas==$PANDAS_VERSION" "pyproj==$PYPROJ_VERSION" "numpy==$NUMPY_VERSION"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-points.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'log "Kept $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

# --- Build and generate -----------------------------------------------------------------------------
log "Building zicht-bench in release mode (--scratch-path $SCRATCH)..."
if ! swift build -c release --scratch-path "$SCRATCH" --product zicht-bench >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    fail "swift build --product zicht-bench failed"
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
DATA="$WORK/data"
log "Generating $POLYGONS polygons and $POINTS points (seed $SEED)..."
"$BIN/zicht-bench" points --generate "$DATA" --polygons "$POLYGONS" --points "$POINTS" --seed "$SEED" >&2

# --- The other implementations ----------------------------------------------------------------------
# Each takes the data folder and an output file, writes int32 assignments, and prints the result line,
# then "join SECONDS s" (the join alone, after reading the files).
cat >"$WORK/common.py" <<'PY'
import numpy as np

def report(result, join_seconds, out):
    result.astype("<i4").tofile(out)
    n = len(result)
    weights = (np.arange(n, dtype=np.uint64) % 65521) + 1
    checksum = int(np.sum((result.astype(np.int64) + 1).astype(np.uint64) * weights))
    assigned = int((result >= 0).sum())
    print(f"points {n} assigned {assigned} unassigned {n - assigned} checksum {checksum}")
    print(f"join {join_seconds:.4f} s")
PY
cat >"$WORK/geopandas_sjoin.py" <<'PY'
import sys, time
import numpy as np
import geopandas as gpd
from common import report

folder, out = sys.argv[1], sys.argv[2]
polygons = gpd.read_file(f"{folder}/polygons.geojson", engine="pyogrio")
xy = np.fromfile(f"{folder}/points.f64", dtype="<f8").reshape(-1, 2)
points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=polygons.crs)
start = time.perf_counter()
joined = gpd.sjoin(points, polygons, how="left", predicate="within")
seconds = time.perf_counter() - start
# Row numbers of the polygons (the frame has the default RangeIndex); the first where several match.
right = joined["index_right"].fillna(-1).astype(np.int64).groupby(level=0).min()
result = np.full(len(xy), -1, dtype=np.int64)
result[right.index.to_numpy()] = right.to_numpy()
report(result, seconds, out)
PY
cat >"$WORK/shapely_strtree.py" <<'PY'
import sys, time
import numpy as np
import shapely
import pyogrio
from common import report

folder, out = sys.argv[1], sys.argv[2]
polygons = pyogrio.read_dataframe(f"{folder}/polygons.geojson").geometry.array.to_numpy()
xy = np.fromfile(f"{folder}/points.f64", dtype="<f8").reshape(-1, 2)
points = shapely.points(xy)
start = time.perf_counter()
tree = shapely.STRtree(polygons)
point_index, polygon_index = tree.query(points, predicate="within")
seconds = time.perf_counter() - start
result = np.full(len(xy), np.iinfo(np.int64).max, dtype=np.int64)
np.minimum.at(result, point_index, polygon_index)
result[result == np.iinfo(np.int64).max] = -1
report(result, seconds, out)
PY

NAMES=(zicht1 zicht2 sjoin strtree)
label() {
    case "$1" in
    zicht1) echo "ZichtGeo PolygonIndex, 1 thread" ;;
    zicht2) echo "ZichtGeo PolygonIndex, 2 threads" ;;
    sjoin) echo "geopandas $GEOPANDAS_VERSION sjoin (within)" ;;
    strtree) echo "shapely $SHAPELY_VERSION STRtree.query (within)" ;;
    esac
}
# set_command NAME OUT: sets CMD to the command line of implementation NAME writing to OUT.
set_command() {
    case "$1" in
    zicht1) CMD=("$BIN/zicht-bench" points --assign "$DATA" --out "$2" --threads 1 --repeats 1) ;;
    zicht2) CMD=("$BIN/zicht-bench" points --assign "$DATA" --out "$2" --threads 2 --repeats 1) ;;
    sjoin) CMD=(env PYTHONPATH="$WORK" "$PY" "$WORK/geopandas_sjoin.py" "$DATA" "$2") ;;
    strtree) CMD=(env PYTHONPATH="$WORK" "$PY" "$WORK/shapely_strtree.py" "$DATA" "$2") ;;
    esac
}
# join_seconds: the in-process join time from $WORK/run.out (Zicht: index build + assign).
join_seconds() {
    awk '/^join / {print $2} /^index / {gsub(",", ""); print $2 + $5}' "$WORK/run.out"
}

# --- Quiet machine ----------------------------------------------------------------------------------

# --- One run ----------------------------------------------------------------------------------------
# run NAME: runs one implementation under /usr/bin/time -v; prints "wall_ms join_s peak_rss_kb" and
# leaves its output in $WORK/run.out and its assignments in $WORK/NAME.i32.
run() {
    local start end
    set_command "$1" "$WORK/$1.i32"
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "${CMD[@]}" >"$WORK/run.out" 2>"$WORK/run.err"; then
        cat "$WORK/run.out" "$WORK/run.err" >&2
        fail "$1 failed"
    fi
    end=$(date +%s%N)
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    echo "$(((end - start) / 1000000)) $(join_seconds) $rss"
}

# --- Check ------------------------------------------------------------------------------------------
log "Checking that every implementation gives the same assignments..."
expected=""
for name in "${NAMES[@]}"; do
    run "$name" >/dev/null
    result=$(head -n 1 "$WORK/run.out")
    [ -n "$expected" ] || expected="$result"
    [ "$result" = "$expected" ] || fail "$name printed '$result', expected '$expected'"
    cmp -s "$WORK/$name.i32" "$WORK/${NAMES[0]}.i32" || fail "$name's assignments differ from ${NAMES[0]}'s"
    log "  $name: $result"
done

# --- Timed runs -------------------------------------------------------------------------------------
: >"$WORK/results.txt"
for ((i = 1; i <= RUNS; i++)); do
    order=("${NAMES[@]:$(((i - 1) % 4))}" "${NAMES[@]:0:$(((i - 1) % 4))}")
    for name in "${order[@]}"; do
        background=$(wait_for_quiet)
        result=$(run "$name")
        [ "$(head -n 1 "$WORK/run.out")" = "$expected" ] || fail "$name gave a different result in run $i"
        echo "$name $result $background" >>"$WORK/results.txt"
        log "  run $i $name: $(echo "$result" | awk '{printf "%.3f s join, %.2f s wall, %d MiB peak RSS", $2, $1 / 1000, $3 / 1024}') (CPUs ${background}% busy before the run)"
    done
done

# --- Report -----------------------------------------------------------------------------------------
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -v t="$1" -v c="$2" '$1 == t {print $c}' "$WORK/results.txt"; }

sjoin_join=$(column_of sjoin 3 | median)
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Versions: $(swift --version 2>/dev/null | head -n 1); Python $("$PY" -c 'import platform; print(platform.python_version())'); geopandas $GEOPANDAS_VERSION, shapely $SHAPELY_VERSION (GEOS $("$PY" -c 'import shapely; print(shapely.geos_version_string)')), pyogrio $PYOGRIO_VERSION, pandas $PANDAS_VERSION, numpy $NUMPY_VERSION"
echo "Input: $POLYGONS polygons ($(($(stat -c %s "$DATA/polygons.geojson") / 1000000)) MB GeoJSON in RD New), $POINTS points (seed $SEED); $RUNS runs each, order rotating"
echo "Result (all identical, byte for byte): $expected"
echo "Other load: CPUs $(awk '{print $5}' "$WORK/results.txt" | sort -n | tail -n 1)% busy at most in the second before a run"
echo
echo "| Implementation | Median join (s) | Points/s (join) | Speed-up vs sjoin (join) | Median wall, whole process (s) | Peak RSS (MiB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for name in "${NAMES[@]}"; do
    wall=$(column_of "$name" 2 | median)
    join=$(column_of "$name" 3 | median)
    rss=$(column_of "$name" 4 | median)
    awk -v n="$(label "$name")" -v points="$POINTS" -v w="$wall" -v j="$join" -v s="$sjoin_join" -v r="$rss" \
        'BEGIN {printf "| %s | %.3f | %.1f M | %.1f× | %.2f | %.0f |\n", n, j, points / j / 1e6, s / j, w / 1000, r / 1024}'
done
