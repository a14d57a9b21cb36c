#!/usr/bin/env python3
"""Cross-check `zicht simulate` (ZichtSim) with independent libraries and the published CBS table.

Run by Tests/peers/run.sh with ZICHT set to the built zicht binary:

    ZICHT=.build/debug/zicht .venv-peers/bin/python Tests/peers/check_simulation.py

It runs `zicht simulate --seed 5 --out TMP/sim.csv` on the bundled example (Zwolle) and checks:

1. Calibration: the 2015 counts per type, read from the CSV with pandas, against CBS 83648NED for
   Zwolle 2015 read with pandas from ../shared/data/real: the total (7 485), category 3 violence
   (805, the six violence codes) and 2.1 vernieling (790, code 2.2.1), exactly.
2. Geometry: every point lies in the municipality: shapely's union of the 78 buurt polygons of
   ../shared/data/real/zwolle-buurten-2014.geojson, projected WGS84 → RD New (EPSG:28992) with pyproj
   (PROJ), grown by 1 m because Zicht converts with the RD polynomials, which differ from PROJ by up to
   0.31 m (docs of ZichtGeo.RDNew).
3. Near repeats: pointpats' Knox test (pointpats.spacetime.Knox, delta = 200 m, tau = 14 days, 999
   permutations) on the residential burglaries (1.1.1) must find clustering: p_sim <= 0.01 and a Knox
   ratio (observed / expected close pairs) above 1.5; the truth file says 12 % are near repeats.
4. Labelling and truth: every id starts with "SIM-", the truth file says "gesimuleerd", and its
   generated counts per type and year equal the counts in the CSV.

Exit status 1 on any mismatch.
"""

import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")

import pointpats  # noqa: E402
import pyproj  # noqa: E402
import shapely  # noqa: E402
from pointpats.spacetime import Knox  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REAL = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "real"))
ZICHT = os.environ.get("ZICHT", os.path.join(ROOT, ".build", "debug", "zicht"))
VIOLENCE = ["1.4.5", "1.4.4", "1.4.1", "1.4.2", "1.6.3", "3.1.2"]

failures = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message)
    if not ok:
        failures.append(message)


def cbs_zwolle_2015():
    table = pd.read_csv(os.path.join(REAL, "cbs-83648NED-2015-gemeenten.csv"), sep=";", dtype=str, encoding="utf-8-sig")
    table = table[table["RegioS"].str.strip() == "GM0193"]
    return {row.SoortMisdrijf.strip(): int(row.TotaalGeregistreerdeMisdrijven_1) for row in table.itertuples()}


def municipality_rd():
    with open(os.path.join(REAL, "zwolle-buurten-2014.geojson"), encoding="utf-8-sig") as handle:
        collection = json.load(handle)
    transformer = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    polygons = [shapely.geometry.shape(feature["geometry"]) for feature in collection["features"]]
    projected = [shapely.ops.transform(transformer.transform, polygon) for polygon in polygons]
    return len(polygons), shapely.union_all(projected)


def main():
    print(f"pandas {pd.__version__}, shapely {shapely.__version__}, pyproj {pyproj.__version__}, pointpats {pointpats.__version__}; zicht {ZICHT}")
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "sim.csv")
        subprocess.run([ZICHT, "simulate", "--seed", "5", "--out", out], check=True, stdout=subprocess.DEVNULL)
        incidents = pd.read_csv(out, dtype={"id": str, "type": str, "date": str, "time": str})
        with open(os.path.join(folder, "sim.truth.json"), encoding="utf-8") as handle:
            truth = json.load(handle)

    # 1. Calibration.
    cbs = cbs_zwolle_2015()
    year = incidents["date"].str[:4].astype(int)
    in2015 = incidents[year == 2015]
    check(len(in2015) == cbs["0000000"], f"2015 total {len(in2015)} == CBS 83648NED Zwolle total {cbs['0000000']}")
    violence = int(in2015["type"].isin(VIOLENCE).sum())
    check(violence == cbs["3000000"], f"2015 violence (6 codes) {violence} == CBS category 3 {cbs['3000000']}")
    damage = int((in2015["type"] == "2.2.1").sum())
    check(damage == cbs["2010000"], f"2015 vernieling 2.2.1 {damage} == CBS 2.1 {cbs['2010000']}")

    # 2. Geometry.
    count, municipality = municipality_rd()
    grown = municipality.buffer(1.0)
    points = shapely.points(incidents[["x", "y"]].to_numpy())
    outside = int((~shapely.contains(grown, points)).sum())
    check(count == 78 and outside == 0, f"{len(incidents)} points, {outside} outside the union of {count} buurten (pyproj RD, +1 m)")

    # 3. Near repeats.
    burglary = incidents[incidents["type"] == "1.1.1"]
    days = (pd.to_datetime(burglary["date"]) - pd.Timestamp("1970-01-01")).dt.days.to_numpy().astype(float)
    np.random.seed(5)
    knox = Knox(burglary[["x", "y"]].to_numpy(), days[:, None], delta=200, tau=14, permutations=999)
    ratio = knox.statistic_ / knox.expected[0, 0]
    check(knox.p_sim <= 0.01 and ratio > 1.5,
          f"pointpats Knox on {len(burglary)} burglaries (200 m, 14 days): observed {knox.statistic_}, "
          f"expected {knox.expected[0, 0]:.1f}, ratio {ratio:.2f}, p_sim {knox.p_sim:.4f}")

    # 4. Labelling and truth.
    check(bool(incidents["id"].str.startswith("SIM-").all()), "every id starts with SIM-")
    check(truth["label"] == "gesimuleerd", f"truth label '{truth['label']}'")
    counts = incidents.assign(year=year).groupby(["type", "year"]).size().to_dict()
    mismatched = [(t["code"], c["year"]) for t in truth["types"] for c in t["generatedCounts"]
                  if counts.get((t["code"], c["year"]), 0) != c["count"]]
    check(not mismatched, f"truth generatedCounts equal the CSV's counts per type and year ({len(truth['types'])} types)")
    repeat = truth["nearRepeat"]
    check(repeat["radiusMetres"] == 200 and repeat["repeatShare"] == 0.12, "truth near-repeat parameters 200 m, q = 0.12")

    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all simulation checks passed")


if __name__ == "__main__":
    main()
