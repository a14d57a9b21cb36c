#!/usr/bin/env python3
"""Cross-check `zicht hotspots` against esda, libpysal, statsmodels, SciPy and a NumPy KDE.

Run by Tests/peers/run.sh with ZICHT set to the built zicht binary:

    ZICHT=.build/debug/zicht .venv-peers/bin/python Tests/peers/check_hotspots.py

It generates a lattice of counts with three hot spots and a set of points, runs
`zicht hotspots --format csv` / `--format json` on them, and compares:

- Gi* z-scores with esda.G_Local(y, w, transform="B", star=True).Zs, to 1e-9 (queen, rook and a
  libpysal DistanceBand);
- Gi* permutation p-values with esda's p_sim, both with 9,999 permutations (different random draws,
  so within Monte Carlo error: |p_zicht - p_esda| <= 5 sd of the difference + 2/(P+1) for every cell);
- the significant column and adjusted p-values with
  statsmodels.stats.multitest.multipletests(zicht's p, alpha, method="fdr_bh"), exactly;
- the Poisson column with scipy.stats.poisson.sf(x - 1, mean), to 1e-9 relative;
- the density column with a NumPy quartic KDE written here (sklearn's KernelDensity has no quartic
  kernel), to 1e-9 relative; the default cell size and search radius with the rules in docs/hot-spots.md.

Exit status 1 on any mismatch.

`--print-swift-references` prints the reference numbers pasted into Tests/ZichtStatsTests
(GetisOrdTests.swift, HotSpotInferenceTests.swift, KernelDensityTests.swift).
"""

import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np

warnings.filterwarnings("ignore")

import esda  # noqa: E402
import libpysal  # noqa: E402
import scipy  # noqa: E402
import statsmodels  # noqa: E402
from esda.getisord import G_Local  # noqa: E402
from scipy.stats import poisson  # noqa: E402
from statsmodels.stats.multitest import multipletests  # noqa: E402

failures = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message)
    if not ok:
        failures.append(message)


# --- References ----------------------------------------------------------------------------------


def lattice_weights(rows, cols, kind):
    """libpysal weights on a rows x cols lattice, ids row * cols + col (cell centres at (c + .5, r + .5))."""
    if kind == "queen":
        return libpysal.weights.lat2W(rows, cols, rook=False)
    if kind == "rook":
        return libpysal.weights.lat2W(rows, cols, rook=True)
    distance = float(kind.split(":")[1])
    centres = [(c + 0.5, r + 0.5) for r in range(rows) for c in range(cols)]
    return libpysal.weights.DistanceBand(centres, threshold=distance, binary=True, silence_warnings=True)


def esda_gi_star(values, rows, cols, kind, permutations=0, seed=0):
    w = lattice_weights(rows, cols, kind)
    return G_Local(np.asarray(values, dtype=float), w, transform="B", star=True,
                   permutations=permutations, n_jobs=1, seed=seed)


def quartic_kde(grid, px, py, weights, h):
    """Quartic kernel 3/(pi h^2) (1 - d^2/h^2)^2 at every cell centre, brute force."""
    cx = grid["origin_x"] + (np.arange(grid["columns"]) + 0.5) * grid["cell_size"]
    cy = grid["origin_y"] + (np.arange(grid["rows"]) + 0.5) * grid["cell_size"]
    gx, gy = np.meshgrid(cx, cy)  # [row, col]
    out = np.zeros(gx.shape)
    for x, y, wt in zip(px, py, weights):
        d2 = (gx - x) ** 2 + (gy - y) ** 2
        u = np.clip(1 - d2 / h**2, 0, None)
        out += wt * 3 / (math.pi * h**2) * u**2
    return out.ravel()


def default_bandwidth(px, py, weights, minimum):
    """ArcGIS's spatial Silverman rule: 0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2, at least `minimum`."""
    px, py, weights = map(np.asarray, (px, py, weights))
    total = weights.sum()
    mx, my = (weights * px).sum() / total, (weights * py).sum() / total
    d = np.hypot(px - mx, py - my)
    sd = math.sqrt((weights * d**2).sum() / total)
    keep = weights > 0
    order = np.argsort(d[keep], kind="stable")
    ds, ws = d[keep][order], weights[keep][order]
    cumulative = np.cumsum(ws)
    half = total / 2
    k = int(np.argmax(cumulative >= half))
    median = (ds[k] + ds[k + 1]) / 2 if cumulative[k] == half and k + 1 < len(ds) else ds[k]
    h = 0.9 * min(sd, math.sqrt(1 / math.log(2)) * median) * total ** -0.2
    return max(h, minimum)


def small_lattice():
    """The 6 x 7 lattice of GetisOrdTests.swift: v = (r^2 + 3c + rc) mod 6, plus 8, 5 and 4 at three cells."""
    rows, cols = 6, 7
    v = np.array([(r * r + 3 * c + r * c) % 6 for r in range(rows) for c in range(cols)], dtype=float)
    v[2 * cols + 3] += 8
    v[3 * cols + 3] += 5
    v[2 * cols + 4] += 4
    return rows, cols, v


def print_swift_references():
    def fmt(values):
        return ", ".join(repr(float(x)) for x in values)

    print(f"# esda {esda.__version__}, libpysal {libpysal.__version__}, numpy {np.__version__}, "
          f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")
    rows, cols, v = small_lattice()
    print("small lattice:", fmt(v))
    for kind in ("queen", "rook", "distance:2.5"):
        g = esda_gi_star(v, rows, cols, kind)
        print(f"esda Zs {kind}: [{fmt(g.Zs)}]")
    g = esda_gi_star(v, rows, cols, "queen", permutations=99_999, seed=12345)
    print(f"esda p_sim queen 99,999 perms seed 12345: [{fmt(g.p_sim)}]")

    p = [0.001, 0.0005, 0.04, 0.03, 0.5, 0.012, 0.012, 0.2, 0.0201, 0.9, 0.045, 1.0, 0.0001, 0.03, 0.07]
    for alpha in (0.05, 0.1):
        reject, adjusted, _, _ = multipletests(p, alpha=alpha, method="fdr_bh")
        print(f"fdr_bh alpha {alpha}: reject {[bool(r) for r in reject]} adjusted [{fmt(adjusted)}]")

    cases = [(0, 2.5), (1, 2.5), (3, 2.5), (7, 2.5), (15, 2.5), (40, 2.5), (2, 0.05), (5, 0.05),
             (100, 100.0), (101, 100.0), (130, 100.0), (70, 100.0), (1000, 812.5), (12, 1e-3), (250, 3.7)]
    print("poisson.sf(k - 1, mu):", ", ".join(f"({k}, {mu!r}, {poisson.sf(k - 1, mu)!r})" for k, mu in cases))

    grid = {"origin_x": 100.0, "origin_y": 200.0, "cell_size": 10.0, "rows": 4, "columns": 5}
    px, py, wt = [112.0, 131.0, 149.5, 100.0, 125.0], [205.0, 222.0, 238.0, 241.0, 215.0], [1, 1, 2, 1, 3]
    print(f"numpy quartic KDE h=17: [{fmt(quartic_kde(grid, px, py, wt, 17.0))}]")
    print(f"default bandwidth (weights 1,1,2,1,3; minimum 0): {default_bandwidth(px, py, wt, 0.0)!r}")
    print(f"default bandwidth (unit weights; minimum 0): {default_bandwidth(px, py, [1] * 5, 0.0)!r}")


# --- The checks ----------------------------------------------------------------------------------


def run_zicht(args):
    zicht = os.environ.get("ZICHT")
    if not zicht:
        sys.exit("check_hotspots.py: set ZICHT to the zicht binary (Tests/peers/run.sh does)")
    result = subprocess.run([zicht, "hotspots", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"zicht hotspots {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def parse_csv(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    def column(name, kind=float):
        return np.array([kind(r[name]) if r[name] != "" else np.nan for r in rows])
    return rows, column


def check_lattice(folder, rng):
    rows, cols = 60, 80
    yy, xx = np.mgrid[0:rows, 0:cols]
    rate = np.full((rows, cols), 1.5)
    for (r0, c0, height, spread) in [(15, 20, 9.0, 2.5), (40, 60, 6.0, 4.0), (45, 15, 4.0, 1.5)]:
        rate += height * np.exp(-((yy - r0) ** 2 + (xx - c0) ** 2) / (2 * spread**2))
    counts = rng.poisson(rate).ravel().astype(float)
    path = os.path.join(folder, "lattice.csv")
    with open(path, "w") as f:
        f.write("row;col;value\n")  # semicolons, as Dutch spreadsheets write them
        for index in rng.permutation(rows * cols):  # any row order
            f.write(f"{index // cols};{index % cols};{int(counts[index])}\n")
    print(f"lattice: {rows} x {cols} cells, {int(counts.sum())} events")

    for kind in ("queen", "rook", "distance:2.5"):
        permutations = 9_999
        out = run_zicht(["--input", path, "--weights", kind, "--permutations", str(permutations), "--seed", "7",
                         "--format", "csv"])
        table, column = parse_csv(out)
        r, c = column("row", int), column("col", int)
        order = np.argsort(r * cols + c)
        check(np.array_equal((r * cols + c)[order], np.arange(rows * cols)), f"{kind}: one CSV row per cell")
        z = column("gi_z")[order]
        value = column("value")[order]
        check(np.array_equal(value, counts), f"{kind}: values read back exactly")
        g = esda_gi_star(counts, rows, cols, kind, permutations=9_999 if kind == "queen" else 0, seed=11)
        diff = np.max(np.abs(z - g.Zs))
        check(diff <= 1e-9, f"{kind}: Gi* z equals esda G_Local(star=True, transform='B').Zs (max |diff| {diff:.2e})")

        p = column("gi_p")[order]
        reject, adjusted, _, _ = multipletests(p, alpha=0.05, method="fdr_bh")
        significant = np.array([s != "no" for s in (table[i]["significant"] for i in order)])
        check(np.array_equal(significant, reject), f"{kind}: significant = statsmodels fdr_bh reject at 0.05 "
              f"({int(reject.sum())} cells)")
        adj_diff = np.max(np.abs(column("gi_p_adjusted")[order] - adjusted))
        check(adj_diff <= 1e-12, f"{kind}: gi_p_adjusted = statsmodels fdr_bh corrected p (max |diff| {adj_diff:.1e})")
        hot = np.array([table[i]["significant"] == "hot" for i in order])
        check(np.all(z[hot] > 0), f"{kind}: every hot cell has z > 0")

        if kind == "queen":
            P = 9_999
            mean_p = (p + g.p_sim) / 2
            sd = np.sqrt(2 * mean_p * (1 - mean_p) / P)
            excess = np.abs(p - g.p_sim) - (5 * sd + 2 / (P + 1))
            worst = int(np.argmax(excess))
            check(excess.max() <= 0, f"queen: p within Monte Carlo error of esda p_sim (both {P} permutations; "
                  f"max |diff| {np.max(np.abs(p - g.p_sim)):.4f}, worst cell {worst}: {p[worst]:.4f} vs {g.p_sim[worst]:.4f})")
            corr = np.corrcoef(p, g.p_sim)[0, 1]
            check(corr > 0.99, f"queen: p and esda p_sim correlate (r = {corr:.5f})")

            sf = poisson.sf(counts - 1, counts.mean())
            rel = np.max(np.abs(column("poisson_p")[order] - sf) / np.maximum(sf, 1e-300))
            check(rel <= 1e-9, f"poisson_p = scipy.stats.poisson.sf(x - 1, mean) (max rel diff {rel:.1e})")

            grid = {"origin_x": 0.0, "origin_y": 0.0, "cell_size": 1.0, "rows": rows, "columns": cols}
            cx = (np.arange(rows * cols) % cols) + 0.5
            cy = (np.arange(rows * cols) // cols) + 0.5
            h = default_bandwidth(cx, cy, counts, 1.0)
            kde = quartic_kde(grid, cx, cy, counts, h)  # per unit area = per cell (cell size 1)
            density = column("density")[order]
            rel = np.max(np.abs(density - kde)) / kde.max()
            check(rel <= 1e-9, f"density = NumPy quartic KDE with the default search radius {h:.4f} (max rel diff {rel:.1e})")


def check_points(folder, rng):
    n = 3_000
    centres = np.array([[2_000.0, 1_500.0], [6_500.0, 4_000.0]])
    pick = rng.random(n)
    xy = rng.uniform([0, 0], [9_000, 6_000], size=(n, 2))
    near = pick < 0.25
    xy[near] = centres[(pick[near] < 0.12).astype(int)] + rng.normal(0, 250, size=(near.sum(), 2))
    xy = np.round(xy, 2) + [155_000.0, 463_000.0]
    path = os.path.join(folder, "points.csv")
    with open(path, "w") as f:
        f.write("id,x,y\n")
        for i, (x, y) in enumerate(xy):
            f.write(f"{i},{x:.2f},{y:.2f}\n")
    # Later events for the Prediction Accuracy Index: the same process again, 1,000 events.
    later = rng.uniform([0, 0], [9_000, 6_000], size=(1_000, 2))
    near = rng.random(1_000) < 0.25
    later[near] = centres[(rng.random(near.sum()) < 0.5).astype(int)] + rng.normal(0, 250, size=(near.sum(), 2))
    later = np.round(later, 2) + [155_000.0, 463_000.0]
    test_path = os.path.join(folder, "later.csv")
    with open(test_path, "w") as f:
        f.write("x;y\n")
        for x, y in later:
            f.write(f"{x:.2f};{y:.2f}\n")
    out = json.loads(run_zicht(["--input", path, "--weights", "distance:150", "--permutations", "99", "--format", "json",
                                "--test", test_path, "--pai-share", "0.05"]))
    grid, settings, cells = out["grid"], out["settings"], out["cells"]
    width, height = np.ptp(xy[:, 0]), np.ptp(xy[:, 1])
    check(abs(grid["cell_size"] - min(width, height) / 150) <= 1e-9 * grid["cell_size"],
          f"points: default cell size = shorter side / 150 = {grid['cell_size']:.4f} m")
    h = default_bandwidth(xy[:, 0], xy[:, 1], np.ones(n), grid["cell_size"])
    check(abs(settings["bandwidth"] - h) <= 1e-9 * h, f"points: default search radius {settings['bandwidth']:.3f} m = "
          f"0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2")

    rows, cols, size = grid["rows"], grid["columns"], grid["cell_size"]
    col_of = np.floor((xy[:, 0] - grid["origin_x"]) / size).astype(int)
    row_of = np.floor((xy[:, 1] - grid["origin_y"]) / size).astype(int)
    counts = np.bincount(row_of * cols + col_of, minlength=rows * cols).astype(float)
    index = np.array([c["row"] * cols + c["col"] for c in cells])
    value = np.empty(rows * cols)
    value[index] = [c["value"] for c in cells]
    check(np.array_equal(value, counts), f"points: {n} points counted into {rows} x {cols} cells of {size:.2f} m")

    density = np.empty(rows * cols)
    density[index] = [c["density"] for c in cells]
    kde = quartic_kde(grid, xy[:, 0], xy[:, 1], np.ones(n), settings["bandwidth"]) * size**2
    rel = np.max(np.abs(density - kde)) / kde.max()
    check(rel <= 1e-9, f"points: density = NumPy quartic KDE x cell area (max rel diff {rel:.1e})")

    # PAI = (n/N)/(a/A) over the top ceil(5 % of the cells) by density, ties to the lower cell index.
    selected = math.ceil(0.05 * rows * cols - 1e-9)
    top = np.argsort(-density, kind="stable")[:selected]
    lc = np.floor((later[:, 0] - grid["origin_x"]) / size).astype(int)
    lr = np.floor((later[:, 1] - grid["origin_y"]) / size).astype(int)
    inside = (lc >= 0) & (lc < cols) & (lr >= 0) & (lr < rows)
    hits = np.isin(lr[inside] * cols + lc[inside], top).sum()
    pai = (hits / len(later)) / (selected / (rows * cols))
    got = out["summary"]["pai"]
    check(got["cells"] == selected and got["hits"] == hits and abs(got["index"] - pai) <= 1e-12,
          f"points: PAI of the density surface for 1,000 later events = (n/N)/(a/A) = {pai:.3f} ({hits} hits in {selected} cells)")

    z = np.empty(rows * cols)
    z[index] = [c["gi_z"] for c in cells]
    centres = [(grid["origin_x"] + (i % cols + 0.5) * size, grid["origin_y"] + (i // cols + 0.5) * size)
               for i in range(rows * cols)]
    w = libpysal.weights.DistanceBand(centres, threshold=150.0, binary=True, silence_warnings=True)
    g = G_Local(counts, w, transform="B", star=True, permutations=0)
    diff = np.max(np.abs(z - g.Zs))
    check(diff <= 1e-9, f"points: Gi* z with a 150 m distance band equals esda (max |diff| {diff:.2e})")


def main():
    if "--print-swift-references" in sys.argv:
        print_swift_references()
        return
    print(f"esda {esda.__version__}, libpysal {libpysal.__version__}, numpy {np.__version__}, "
          f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")
    rng = np.random.default_rng(20240611)
    with tempfile.TemporaryDirectory() as folder:
        check_lattice(folder, rng)
        check_points(folder, rng)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all hot-spot checks passed")


if __name__ == "__main__":
    main()
