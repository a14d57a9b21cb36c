#!/usr/bin/env python3
"""Cross-check of `zicht nearrepeat` (Knox near-repeat test) against pointpats, an independent
NumPy count and the Near Repeat Calculator's published table.

Run by Tests/peers/run.sh with ZICHT set to the built zicht binary (requirements-knox.txt pinned):

1. Chicago example (../shared/data/peers/chicago_be_month1.csv, 970 burglaries, no header): with
   Manhattan distance, space breaks 0,1,100,200,300 and time breaks 0,7,14,21 the observed table must
   equal the Near Repeat Calculator's, as printed in ../shared/data/peers/README.md.
2. pointpats' classic single-band Knox test (closed: distance <= delta, time difference <= tau,
   Euclidean) on the Chicago file and on generated data: zicht's observed count must equal pointpats'
   statistic_; zicht's exact expectation (JSON expected_exact) must equal pointpats' expected[0, 0]
   = NS*NT/N; zicht's Monte Carlo mean must lie within 5 standard errors of it; both Monte Carlo
   p-values must agree within 5 standard errors (+ 1/(P+1)).
3. Generated data, several bands, both metrics and conventions: zicht's observed table must equal a
   plain NumPy count over all pairs, and expected_exact must equal S_k*T_l/N computed from it.

`--print-reference` prints pointpats' numbers on the Chicago file, pasted into
Tests/ZichtStatsTests/KnoxPeerTests.swift. Exits 1 on any mismatch.
"""
import csv
import datetime
import io
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from pointpats.spacetime import Knox
import pointpats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHICAGO = os.path.join(ROOT, "..", "shared", "data", "peers", "chicago_be_month1.csv")
ZICHT = os.environ.get("ZICHT", os.path.join(ROOT, ".build", "debug", "zicht"))

# ../shared/data/peers/README.md: the Calculator's observed pair counts, bands [0,1) [1,100)
# [100,200) [200,300) >=300 m by [0,7) [7,14) [14,21) >=21 days.
NRC_OBSERVED = [
    [28, 5, 5, 2],
    [44, 13, 8, 4],
    [97, 56, 19, 16],
    [77, 67, 45, 20],
    [182194, 146149, 95237, 45879],
]

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def read_chicago():
    epoch = datetime.date(1970, 1, 1)
    xy, t = [], []
    with open(CHICAGO) as handle:
        for row in csv.reader(handle):
            if not row:
                continue
            xy.append((float(row[0]), float(row[1])))
            t.append((datetime.date.fromisoformat(row[2]) - epoch).days)
    return np.array(xy), np.array(t, dtype=float)


def generated(n, seed):
    """Events in a 3 x 3 km square over 200 days, a fifth of them near repeats of an earlier one."""
    rng = np.random.default_rng(seed)
    xy = np.empty((n, 2))
    t = np.empty(n)
    for i in range(n):
        if i > 0 and rng.random() < 0.2:
            parent = rng.integers(i)
            xy[i] = xy[parent] + rng.uniform(-60, 60, 2)
            t[i] = t[parent] + rng.integers(0, 8)
        else:
            xy[i] = rng.uniform(0, 3000, 2)
            t[i] = rng.integers(0, 200)
    # Multiples of 1/8 m, so that the CSV text is exact.
    return np.round(xy * 8) / 8, t


def write_csv(path, xy, t):
    with open(path, "w") as handle:
        handle.write("x,y,t\n")
        for (x, y), day in zip(xy, t):
            handle.write(f"{float(x)!r},{float(y)!r},{int(day)}\n")


def zicht(path, space, time, metric, intervals, permutations, fmt, seed=1):
    args = [ZICHT, "nearrepeat", "--input", path, "--space-breaks", ",".join(map(str, space)),
            "--time-breaks", ",".join(map(str, time)), "--metric", metric, "--intervals", intervals,
            "--permutations", str(permutations), "--seed", str(seed), "--format", fmt]
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr)
        raise SystemExit(f"zicht failed: {' '.join(args)}")
    if fmt == "json":
        return json.loads(result.stdout)
    return list(csv.DictReader(io.StringIO(result.stdout)))


def table_from_csv(rows, columns):
    observed = [int(row["observed"]) for row in rows]
    return [observed[i:i + columns] for i in range(0, len(observed), columns)]


def pointpats_knox(xy, t, delta, tau, permutations=999):
    np.random.seed(12345)
    return Knox(xy, t[:, None], delta=delta, tau=tau, permutations=permutations)


def compare_single_band(name, path, xy, t, delta, tau, permutations=999):
    reference = pointpats_knox(xy, t, delta, tau, permutations)
    report = zicht(path, [0, delta], [0, tau], "euclidean", "closed", permutations, "json", seed=7)
    cell = report["cells"][0]
    check(cell["observed"] == reference.statistic_,
          f"{name} delta={delta} tau={tau}: observed {cell['observed']} == pointpats statistic_ {reference.statistic_}")
    expected = reference.expected[0, 0]
    check(abs(cell["expected_exact"] - expected) <= 1e-9 * max(1, expected),
          f"{name}: expected_exact {cell['expected_exact']:.10g} == pointpats expected[0,0] {expected:.10g}")
    standard_error = cell["expected_sd"] / math.sqrt(permutations)
    check(abs(cell["expected_mean"] - expected) <= 5 * standard_error + 1e-9,
          f"{name}: Monte Carlo mean {cell['expected_mean']:.4f} within 5 SE ({standard_error:.4f}) of {expected:.4f}")
    p = (cell["p_value"] + reference.p_sim) / 2
    tolerance = 5 * math.sqrt(2 * p * (1 - p) / permutations) + 1 / (permutations + 1)
    check(abs(cell["p_value"] - reference.p_sim) <= tolerance,
          f"{name}: p {cell['p_value']:.4f} vs pointpats p_sim {reference.p_sim:.4f} (tolerance {tolerance:.4f})")


def numpy_observed(xy, t, space, time, metric, intervals):
    """All pairs i < j, banded by a direct NumPy count (no index, no shortcut)."""
    i, j = np.triu_indices(len(t), k=1)
    dx = xy[i, 0] - xy[j, 0]
    dy = xy[i, 1] - xy[j, 1]
    d = np.abs(dx) + np.abs(dy) if metric == "manhattan" else np.sqrt(dx * dx + dy * dy)
    dt = np.abs(t[i] - t[j])
    side = "right" if intervals == "half-open" else "left"
    s_band = np.searchsorted(np.array(space[1:], dtype=float), d, side=side)
    t_band = np.searchsorted(np.array(time[1:], dtype=float), dt, side=side)
    counts = np.bincount(s_band * len(time) + t_band, minlength=len(space) * len(time))
    return counts.reshape(len(space), len(time))


def main():
    print(f"pointpats {pointpats.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}; zicht {ZICHT}")
    xy, t = read_chicago()
    cases = [(200, 7), (100, 14), (400, 3), (1, 0)]
    if "--print-reference" in sys.argv:
        for delta, tau in cases:
            k = pointpats_knox(xy, t, delta, tau)
            print(f"delta {delta} tau {tau}: statistic_ {k.statistic_} expected[0,0] {float(k.expected[0, 0])!r} "
                  f"p_sim {k.p_sim} p_poisson {float(k.p_poisson)!r}")
        return

    # 1. The Calculator's table.
    rows = zicht(CHICAGO, [0, 1, 100, 200, 300], [0, 7, 14, 21], "manhattan", "half-open", 99, "csv")
    check(table_from_csv(rows, 4) == NRC_OBSERVED, "Chicago: observed table == Near Repeat Calculator's (README)")
    check(rows[-1]["space_to"] == "" and rows[-1]["time_to"] == "", "Chicago: the beyond bands have an empty upper bound")

    # 2. pointpats, single band.
    for delta, tau in cases:
        compare_single_band("Chicago", CHICAGO, xy, t, delta, tau)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "generated.csv")
        gxy, gt = generated(1200, seed=20261127)
        write_csv(path, gxy, gt)
        # pointpats loops in Python over every event's spatial neighbours per permutation: 499 keep it short.
        for delta, tau in [(50, 7), (150, 3), (300, 30)]:
            compare_single_band("generated", path, gxy, gt, delta, tau, permutations=499)

        # 3. Several bands against a direct count.
        space, time = [0, 1, 25, 60, 120, 200], [0, 2, 7, 14, 28]
        for metric in ["euclidean", "manhattan"]:
            for intervals in ["half-open", "closed"]:
                report = zicht(path, space, time, metric, intervals, 49, "json")
                ours = np.array([c["observed"] for c in report["cells"]]).reshape(len(space), len(time))
                direct = numpy_observed(gxy, gt, space, time, metric, intervals)
                check(np.array_equal(ours, direct), f"generated, {metric}, {intervals}: observed table == NumPy count over all pairs")
                n_pairs = direct.sum()
                exact = np.outer(direct.sum(axis=1), direct.sum(axis=0)) / n_pairs
                ours_exact = np.array([c["expected_exact"] for c in report["cells"]]).reshape(exact.shape)
                check(np.allclose(ours_exact, exact, rtol=1e-12, atol=1e-12), f"generated, {metric}, {intervals}: expected_exact == S_k*T_l/N")

    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all Knox checks passed")


if __name__ == "__main__":
    main()
