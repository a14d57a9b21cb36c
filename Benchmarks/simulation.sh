#!/usr/bin/env bash
# ZichtSim benchmark: the counts-only mode (many simulated cities) against a NumPy implementation of
# the same model, side by side, and the full simulation with points.
#
#   bash Benchmarks/simulation.sh        from the repository root (or from anywhere: it finds the root)
#
# Builds zicht-bench in release mode into .build-bench, then runs `zicht-bench simulate --cities CITIES
# --export DIR`, which times one full run (points, times, near repeats, camera; fastest of 3) and
# CITIES counts-only cities of Zwolle (24 types × 78 buurten × 72 months each: gamma noise per cell,
# one multinomial per type and year, camera thinning), and writes the model (expected counts per cell,
# yearly volumes, gamma shape, camera multipliers) and the mean and variance over the cities of every
# type × year × buurt count. A NumPy script (numpy.random.Generator: gamma, multinomial, binomial)
# simulates CITIES cities from the same model with its own random numbers and writes the same moments.
# The two cannot agree draw for draw; they must agree in distribution:
#   - every type-year total before the camera start equals the volume exactly on both sides;
#   - for every type × year × buurt cell with a non-zero variance, |mean_swift − mean_numpy| ≤ 5 standard
#     errors √(var_swift/N + var_numpy/N) (with ~11 000 cells, a 5-sd excursion has probability ~0.6 %).
# Settings, from the environment: CITIES=1000  SEED=1  KEEP=1 (keep the temporary folder)
set -euo pipefail

CITIES="${CITIES:-1000}"
SEED="${SEED:-1}"
SCRATCH=".build-bench"
VENV=".venv-sim"
NUMPY_VERSION="2.4.6"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. Benchmarks/lib.sh   # as_root, apt_install, busy_percent, wait_for_quiet
log() { printf '%s\n' "$*" >&2; }
fail() { log "simulation.sh: $*"; exit 1; }

command -v swift >/dev/null 2>&1 || fail "swift not found; this benchmark builds Zicht from source"
command -v python3 >/dev/null 2>&1 || fail "python3 not found; the NumPy side needs it"
PY="$VENV/bin/python"
if ! "$PY" -c "import numpy, sys; sys.exit(numpy.__version__ != '$NUMPY_VERSION')" 2>/dev/null; then
    log "Installing numpy $NUMPY_VERSION into $VENV..."
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install -q "numpy==$NUMPY_VERSION"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zicht-sim.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then trap 'log "Kept $WORK"' EXIT; else trap 'rm -rf "$WORK"' EXIT; fi

log "Building zicht-bench in release mode (--scratch-path $SCRATCH)..."
if ! swift build -c release --scratch-path "$SCRATCH" --product zicht-bench >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    fail "swift build --product zicht-bench failed"
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"

cat >"$WORK/numpy_sim.py" <<'PY'
import json, sys, time
import numpy as np

folder, cities, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
model = json.load(open(f"{folder}/model.json"))
T, Y, A = len(model["types"]), len(model["years"]), len(model["areas"])
expected = np.fromfile(f"{folder}/expected.f64", dtype="<f8").reshape(T, Y, A * 12)
volumes = np.array(model["volumes"])
shape = model["gammaShape"]
multipliers = np.repeat(np.array(model["multipliers"]), 12, axis=1)  # type × cell
start = model["cameraStartMonth"]
rng = np.random.default_rng(seed)
sums = np.zeros((T, Y, A))
squares = np.zeros((T, Y, A))
exact = True
begin = time.perf_counter()
for _ in range(cities):
    for t in range(T):
        for y in range(Y):
            mu = expected[t, y]
            weights = mu * rng.gamma(shape, 1 / shape, mu.size) if shape > 0 else mu
            counts = rng.multinomial(volumes[t, y], weights / weights.sum())
            exact &= counts.sum() == volumes[t, y]
            first = start - 12 * y  # first affected month within this year
            if first < 12:
                cells = np.arange(mu.size)
                affected = (cells % 12 >= max(first, 0)) & (multipliers[t] != 1)
                m = multipliers[t][affected]
                n = counts[affected]
                below = m < 1
                n = np.where(below, rng.binomial(n, np.where(below, m, 0)), n + rng.binomial(n, np.where(below, 0, m - 1)))
                counts[affected] = n
            yearly = counts.reshape(A, 12).sum(axis=1)
            sums[t, y] += yearly
            squares[t, y] += yearly.astype(float) ** 2
seconds = time.perf_counter() - begin
mean = sums / cities
variance = (squares - cities * mean ** 2) / (cities - 1)
np.stack([mean, variance], axis=-1).astype("<f8").tofile(f"{folder}/numpy.f64")
print(f"numpy {cities} cities {seconds:.3f} s ({cities / seconds:.0f} cities/s), totals exact: {bool(exact)}")
PY

cat >"$WORK/compare.py" <<'PY'
import json, sys
import numpy as np
folder = sys.argv[1]
model = json.load(open(f"{folder}/model.json"))
T, Y, A, N = len(model["types"]), len(model["years"]), len(model["areas"]), model["cities"]
swift = np.fromfile(f"{folder}/swift.f64", dtype="<f8").reshape(T, Y, A, 2)
numpy_ = np.fromfile(f"{folder}/numpy.f64", dtype="<f8").reshape(T, Y, A, 2)
before = [y for y in range(Y) if 12 * (y + 1) <= model["cameraStartMonth"]]
volumes = np.array(model["volumes"])
ok = True
for side, data in (("swift", swift), ("numpy", numpy_)):
    totals = data[..., 0][:, before, :].sum(axis=2)
    if not np.allclose(totals, volumes[:, before], atol=1e-6):
        print(f"FAIL {side}: totals before the camera differ from the volumes"); ok = False
se = np.sqrt(swift[..., 1] / N + numpy_[..., 1] / N)
live = se > 0
z = np.abs(swift[..., 0] - numpy_[..., 0])[live] / se[live]
print(f"cells compared {int(live.sum())}, max |z| {z.max():.2f}, share |z| > 3: {(z > 3).mean():.4f} (normal: 0.0027)")
if z.max() > 5:
    print("FAIL: a cell's mean differs by more than 5 standard errors"); ok = False
same = np.all(swift[~live, 0] == numpy_[~live, 0])
if not same:
    print("FAIL: cells without variance differ"); ok = False
print("agree" if ok else "DISAGREE")
sys.exit(0 if ok else 1)
PY

log "Running zicht-bench simulate ($CITIES cities)..."
background=$(wait_for_quiet)
"$BIN/zicht-bench" simulate --cities "$CITIES" --export "$WORK" | tee "$WORK/swift.txt"
log "Running the NumPy model ($CITIES cities)..."
background2=$(wait_for_quiet)
"$PY" "$WORK/numpy_sim.py" "$WORK" "$CITIES" "$SEED" | tee "$WORK/numpy.txt"
"$PY" "$WORK/compare.py" "$WORK" || fail "Swift and NumPy disagree"
log "CPUs ${background}% / ${background2}% busy before the runs."
log "numpy $("$PY" -c 'import numpy; print(numpy.__version__)'), Python $("$PY" -c 'import sys; print(sys.version.split()[0])'), $(swift --version 2>&1 | head -n 1)"
