#!/usr/bin/env bash
# The simulation study of the evaluation methods (docs/evaluation-simulation-study.md): many simulated
# Zwolles with a known camera effect, every method's bias, interval coverage and rejection rates.
#
#   bash Benchmarks/evaluation-study.sh        from the repository root (or from anywhere: it finds the root)
#
# Builds zicht-bench in release mode into .build-bench and runs `zicht-bench evaluation-study`. There is
# no peer to compare with (the methods' numbers are checked against pyfixest and statsmodels by
# Benchmarks/fepois.sh and Tests/peers/check_evaluation.py); instead the script checks that the study
# is deterministic: CHECK_CITIES cities on one CPU (taskset) and on all CPUs must give the same
# tables. It then runs the full study, writes the tables to OUT and prints the time per 1 000 cities.
# Settings, from the environment: CITIES=1000  SEED=2018  CONTROLS=busiest:10,all,automatic:8
#   EFFECTS=1,0.9,0.75  CHECK_CITIES=200  OUT=evaluation-study.md (in a temporary folder unless set)
#   SCRATCH=.build-bench (the release build folder)
set -euo pipefail

CITIES="${CITIES:-1000}"
SEED="${SEED:-2018}"
CONTROLS="${CONTROLS:-busiest:10,all,automatic:8}"
EFFECTS="${EFFECTS:-1,0.9,0.75}"
CHECK_CITIES="${CHECK_CITIES:-200}"
SCRATCH="${SCRATCH:-.build-bench}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "evaluation-study.sh: $*"; exit 1; }

command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
WORK="$(mktemp -d)"
OUT="${OUT:-$WORK/evaluation-study.md}"

log "Building zicht-bench in release mode (--scratch-path $SCRATCH)..."
if ! swift build -c release --scratch-path "$SCRATCH" --product zicht-bench >"$WORK/build.log" 2>&1; then
    tail -20 "$WORK/build.log" >&2
    fail "swift build --product zicht-bench failed"
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/zicht-bench"

# Timings vary from run to run; everything else must not.
strip_times() { sed -E 's/ [0-9]+ cities in [0-9.]+ s\.//'; }
if command -v taskset >/dev/null 2>&1; then
    log "Checking determinism: $CHECK_CITIES cities on one CPU and on all CPUs..."
    taskset -c 0 "$BIN" evaluation-study --cities "$CHECK_CITIES" --seed "$SEED" --effects 0.9 --controls busiest:10 | strip_times >"$WORK/one.md"
    "$BIN" evaluation-study --cities "$CHECK_CITIES" --seed "$SEED" --effects 0.9 --controls busiest:10 | strip_times >"$WORK/all.md"
    cmp -s "$WORK/one.md" "$WORK/all.md" || { diff "$WORK/one.md" "$WORK/all.md" | head -20 >&2; fail "the study's output depends on the number of threads"; }
    log "  identical."
else
    log "taskset not found; skipping the thread-count check"
fi

log "Running the study: $CITIES cities per effect ($EFFECTS), controls $CONTROLS, seed $SEED..."
background=$(wait_for_quiet)
start=$(date +%s.%N)
"$BIN" evaluation-study --cities "$CITIES" --seed "$SEED" --effects "$EFFECTS" --controls "$CONTROLS" >"$OUT"
end=$(date +%s.%N)
log "Tables written to $OUT"
printf 'evaluation-study: %s cities × %s effects × controls %s in %.1f s on %s CPUs (background load before the run: %s %%)\n' \
    "$CITIES" "$(echo "$EFFECTS" | tr ',' '\n' | wc -l)" "$CONTROLS" "$(echo "$end - $start" | bc)" "$(nproc)" "$background"
grep -E '^## Controls|cities in' "$OUT" | sed -E 's/.*\. ([0-9]+ cities in [0-9.]+ s\.)/  \1/'
