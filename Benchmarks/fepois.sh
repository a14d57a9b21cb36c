#!/usr/bin/env bash
# Fixed-effects Poisson benchmark: `zicht evaluate`'s model against pyfixest fepois and statsmodels GLM.
#
#   bash Benchmarks/fepois.sh            from the repository root (or from anywhere: it finds the root)
#
# Builds zicht and zicht-bench in release mode into .build-bench (never the default .build), writes one
# monthly area panel with seeded numpy (AREAS areas x MONTHS months, 10 % of the areas treated from month
# 37, true rate ratio 0.80, gamma-Poisson counts; CSV area,period,count,treated with YYYY-MM periods) and
# reads that same file on both sides. It times, each RUNS times (the median is reported):
#   - zicht-bench fepois: the estimate alone, in-process (reading the file excluded; fastest of 5 fits)
#   - zicht evaluate --panel FILE --format json: the whole command, wall time (start, read, fit, print)
#   - pyfixest fepois("count ~ treated | area + period", vcov={"CRV1": "area"}), default settings, in-process,
#     after one warm-up call (median of 5 calls), and the wall time of the whole Python process
# and once each:
#   - zicht-bench fepois --placebo 1000: 1,000 placebo-area re-estimations on all cores
#   - statsmodels GLM Poisson with area and period dummies, cov_type="cluster" (STATSMODELS=0 skips it:
#     about 3 minutes at 1,000 areas)
# It stops unless beta and the clustered SE agree to 1e-6 (beta absolute, SE relative): zicht's crv1 with
# pyfixest, zicht's statsmodels convention with statsmodels. pyfixest, statsmodels, numpy and pandas come
# from PyPI, pinned as in Tests/peers/requirements-evaluation.txt, in the virtual environment .venv-fepois.
# Settings, from the environment:
#   AREAS=1000  MONTHS=60  RUNS=3  SEED=1  PLACEBO=1000  STATSMODELS=1  KEEP=1 (keep the temporary folder)
#   SCRATCH=.build-bench (the release build folder)
#   QUIET_WAIT=20 (seconds to wait before each run for other processes to leave the CPUs idle)
set -euo pipefail

AREAS="${AREAS:-1000}"
MONTHS="${MONTHS:-60}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
PLACEBO="${PLACEBO:-1000}"
STATSMODELS="${STATSMODELS:-1}"
SCRATCH="${SCRATCH:-.build-bench}"
VENV=".venv-fepois"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "fepois.sh: $*"; exit 1; }

# --- Tools ------------------------------------------------------------------------------------------
command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
command -v python3 >/dev/null 2>&1 || fail "python3 not found; pyfixest needs it"
PY="$VENV/bin/python"
REQUIREMENTS="Tests/peers/requirements-evaluation.txt"
if ! "$PY" - "$REQUIREMENTS" 2>/dev/null <<'PY'
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    name, _, pinned = line.split("#")[0].strip().partition("==")
    if name and version(name) != pinned:
        sys.exit(1)
PY
then
    log "Installing the pinned packages of $REQUIREMENTS into $VENV..."
    [ -x "$PY" ] || python3 -m venv "$VENV" || { apt_install python3-venv && python3 -m venv "$VENV"; }
    "$PY" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-fepois.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    trap 'log "Kept $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

# --- Build and generate -----------------------------------------------------------------------------
log "Building zicht and zicht-bench in release mode (--scratch-path $SCRATCH)..."
for product in zicht zicht-bench; do
    if ! swift build -c release --scratch-path "$SCRATCH" --product "$product" >"$WORK/build.log" 2>&1; then
        cat "$WORK/build.log" >&2
        fail "swift build --product $product failed"
    fi
done
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
PANEL="$WORK/panel.csv"
log "Generating a panel of $AREAS areas x $MONTHS months (seed $SEED)..."
"$PY" - "$AREAS" "$MONTHS" "$SEED" "$PANEL" <<'PY'
import sys
import numpy as np
import pandas as pd

areas, months, seed, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = np.random.default_rng(seed)
area = np.repeat(np.arange(areas), months)
month = np.tile(np.arange(months), areas)
area_effect = rng.normal(1.5, 0.7, areas)
month_effect = 0.2 * np.sin(2 * np.pi * np.arange(months) / 12) + rng.normal(0, 0.05, months)
treated_area = np.zeros(areas, dtype=bool)
treated_area[rng.choice(areas, max(1, areas // 10), replace=False)] = True
start = min(36, months // 2)
treated = (treated_area[area] & (month >= start)).astype(int)
mean = np.exp(area_effect[area] + month_effect[month] + np.log(0.8) * treated)
count = rng.poisson(mean * rng.gamma(10, 0.1, len(mean)))
pd.DataFrame({
    "area": [f"B{a:04d}" for a in area],
    "period": [f"{2019 + t // 12}-{t % 12 + 1:02d}" for t in month],
    "count": count,
    "treated": treated,
}).to_csv(path, index=False)
PY

cat >"$WORK/pyfixest_fepois.py" <<'PY'
import statistics, sys, time
import pandas as pd
import pyfixest as pf

frame = pd.read_csv(sys.argv[1])
fit = lambda: pf.fepois("count ~ treated | area + period", data=frame, vcov={"CRV1": "area"})
model = fit()  # warm-up: imports, JIT, caches
seconds = []
for _ in range(5):
    start = time.perf_counter()
    model = fit()
    seconds.append(time.perf_counter() - start)
print(f"beta {float(model.coef()['treated'])!r} se {float(model.se()['treated'])!r} observations {model._N}")
print(f"estimate {statistics.median(seconds):.4f} s")
PY
cat >"$WORK/statsmodels_glm.py" <<'PY'
import sys, time
import pandas as pd
import statsmodels.api as sm

frame = pd.read_csv(sys.argv[1])
start = time.perf_counter()
design = pd.get_dummies(frame[["area", "period"]], drop_first=True, dtype=float)
design.insert(0, "treated", frame["treated"].astype(float))
design = sm.add_constant(design, prepend=True)
fit = sm.GLM(frame["count"], design, family=sm.families.Poisson()).fit(
    tol=1e-10, cov_type="cluster", cov_kwds={"groups": pd.factorize(frame["area"])[0]})
seconds = time.perf_counter() - start
print(f"beta {float(fit.params['treated'])!r} se {float(fit.bse['treated'])!r} observations {int(fit.nobs)}")
print(f"estimate {seconds:.4f} s")
PY

# --- Check ------------------------------------------------------------------------------------------
field() { awk -v k="$2" 'NR == 1 { for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$1"; }
close_enough() { awk -v a="$1" -v b="$2" -v rel="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; s = rel ? (b < 0 ? -b : b) : 1; exit !(d <= 1e-6 * s) }'; }

log "Checking that zicht, pyfixest and statsmodels agree..."
"$BIN/zicht-bench" fepois --panel "$PANEL" --repeats 1 >"$WORK/zicht.out"
"$PY" "$WORK/pyfixest_fepois.py" "$PANEL" >"$WORK/pyfixest.out"
beta=$(field "$WORK/zicht.out" beta)
close_enough "$beta" "$(field "$WORK/pyfixest.out" beta)" 0 || fail "beta differs: zicht $beta, pyfixest $(field "$WORK/pyfixest.out" beta)"
close_enough "$(field "$WORK/zicht.out" se_crv1)" "$(field "$WORK/pyfixest.out" se)" 1 \
    || fail "CRV1 SE differs: zicht $(field "$WORK/zicht.out" se_crv1), pyfixest $(field "$WORK/pyfixest.out" se)"
log "  zicht:    $(head -n 1 "$WORK/zicht.out")"
log "  pyfixest: $(head -n 1 "$WORK/pyfixest.out")"
statsmodels_line="not run (STATSMODELS=0)"
statsmodels_seconds=""
if [ "$STATSMODELS" = 1 ]; then
    log "Running statsmodels GLM with $AREAS + $MONTHS dummies once (minutes at 1,000 areas)..."
    "$PY" "$WORK/statsmodels_glm.py" "$PANEL" >"$WORK/statsmodels.out"
    close_enough "$beta" "$(field "$WORK/statsmodels.out" beta)" 0 || fail "beta differs from statsmodels: $(head -n 1 "$WORK/statsmodels.out")"
    close_enough "$(field "$WORK/zicht.out" se_statsmodels)" "$(field "$WORK/statsmodels.out" se)" 1 \
        || fail "SE differs from statsmodels: zicht $(field "$WORK/zicht.out" se_statsmodels), $(head -n 1 "$WORK/statsmodels.out")"
    statsmodels_line="$(head -n 1 "$WORK/statsmodels.out")"
    statsmodels_seconds=$(awk '/^estimate / {print $2}' "$WORK/statsmodels.out")
    log "  statsmodels: $statsmodels_line"
fi

# --- Timed runs -------------------------------------------------------------------------------------
: >"$WORK/results.txt"
for ((i = 1; i <= RUNS; i++)); do
    background=$(wait_for_quiet)
    "$BIN/zicht-bench" fepois --panel "$PANEL" --repeats 5 >"$WORK/run.out"
    echo "zicht_estimate $(awk '/^estimate / {print $2}' "$WORK/run.out") $background" >>"$WORK/results.txt"
    background=$(wait_for_quiet)
    start=$(date +%s%N)
    "$BIN/zicht" evaluate --panel "$PANEL" --format json >/dev/null
    end=$(date +%s%N)
    echo "zicht_cli $(awk -v ns=$((end - start)) 'BEGIN {print ns / 1e9}') $background" >>"$WORK/results.txt"
    background=$(wait_for_quiet)
    start=$(date +%s%N)
    "$PY" "$WORK/pyfixest_fepois.py" "$PANEL" >"$WORK/run.out"
    end=$(date +%s%N)
    echo "pyfixest_estimate $(awk '/^estimate / {print $2}' "$WORK/run.out") $background" >>"$WORK/results.txt"
    echo "pyfixest_process $(awk -v ns=$((end - start)) 'BEGIN {print ns / 1e9}') $background" >>"$WORK/results.txt"
    log "  run $i done (CPUs ${background}% busy before the last part)"
done
placebo_line=""
if [ "$PLACEBO" -gt 0 ]; then
    background=$(wait_for_quiet)
    "$BIN/zicht-bench" fepois --panel "$PANEL" --repeats 1 --placebo "$PLACEBO" >"$WORK/placebo.out"
    placebo_line="$(awk '/^placebo / {$1 = ""; print substr($0, 2)}' "$WORK/placebo.out")"
    log "  placebo: $placebo_line"
fi

# --- Report -----------------------------------------------------------------------------------------
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -v t="$1" '$1 == t {print $2}' "$WORK/results.txt"; }
pyfixest=$(column_of pyfixest_estimate | median)
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Versions: $(swift --version 2>/dev/null | head -n 1); Python $("$PY" -c 'import platform; print(platform.python_version())'); $("$PY" -c 'import pyfixest, statsmodels, numpy, pandas; print(f"pyfixest {pyfixest.__version__}, statsmodels {statsmodels.__version__}, numpy {numpy.__version__}, pandas {pandas.__version__}")')"
echo "Input: $AREAS areas x $MONTHS months = $((AREAS * MONTHS)) rows (seed $SEED); $RUNS runs, median"
echo "Result: zicht $(head -n 1 "$WORK/zicht.out")"
echo "        pyfixest $(head -n 1 "$WORK/pyfixest.out")"
echo "        statsmodels $statsmodels_line"
echo "Other load: CPUs $(awk '{print $3}' "$WORK/results.txt" | sort -n | tail -n 1)% busy at most in the second before a run"
echo
echo "| What | Median (s) | vs pyfixest fepois |"
echo "| --- | ---: | ---: |"
row() { awk -v n="$1" -v s="$2" -v p="$pyfixest" 'BEGIN {printf "| %s | %.4g | %.3g× |\n", n, s, p / s}'; }
row "zicht: estimate alone (in-process, fastest of 5)" "$(column_of zicht_estimate | median)"
row "zicht evaluate --panel (whole command, wall)" "$(column_of zicht_cli | median)"
row "pyfixest fepois, warm (in-process, median of 5)" "$pyfixest"
row "pyfixest: whole Python process (import, read, warm-up, 6 fits)" "$(column_of pyfixest_process | median)"
[ -n "$statsmodels_seconds" ] && row "statsmodels GLM with dummies, cluster SE (1 run)" "$statsmodels_seconds"
[ -n "$placebo_line" ] && echo "| zicht: $PLACEBO placebo-area re-estimations, $(nproc) cores | $(echo "$placebo_line" | awk '{print $1}') | — |"
[ -n "$placebo_line" ] && echo && echo "Placebo: $placebo_line"
exit 0
