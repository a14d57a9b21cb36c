#!/usr/bin/env python3
"""Cross-checks `zicht evaluate` and ZichtStats' evaluation methods against pyfixest and statsmodels.

    python Tests/peers/check_evaluation.py                 CI check (needs $ZICHT, the built zicht binary)
    python Tests/peers/check_evaluation.py --print-swift   prints the peer numbers pasted into the Swift tests
                                                           (Tests/ZichtStatsTests/*Evaluation*, PoissonFixedEffects*,
                                                           NegativeBinomialFixedEffects*); no zicht needed

The CI check generates two monthly area panels with seeded numpy (written as CSV with YYYY-MM periods,
the same file for both sides) and compares:
  1. 60 areas x 36 months, 4 treated areas from month 25, one area with only zero counts:
     `zicht evaluate --panel F --format json --vcov V` for V in crv1, statsmodels, crv0, iid against
     pyfixest.fepois("count ~ treated | area + period", vcov={"CRV1": "area"}) (crv1; crv0 and iid with
     ssc(k_adj=False, G_adj=False)) and statsmodels GLM Poisson with area and period dummies
     (cov_type="cluster" for statsmodels, with use_correction=False for crv0, nonrobust for iid), fitted
     without the all-zero area, which pyfixest and zicht drop. beta and SE must agree to 1e-6 (absolute
     for beta, relative for SE); the dropped area, N, areas and periods must match exactly.
  2. 30 areas x 24 months, one treated area from month 17: `--placebo 100 --seed 7` against placebo
     estimates computed with pyfixest (each untreated area as if treated, without the treated area;
     each false start date in the pre-period leaving 3 months on each side): the number of placebo
     estimates with |beta_b| >= |beta| and the p-value (1 + k)/(1 + B) must match exactly.
pyfixest runs with MapDemeaner(fixef_tol=1e-12) and iwls_tol=1e-12, so that its own convergence error
stays far below the tolerance. Exits 1 on any mismatch.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import pyfixest as pf
import statsmodels
import statsmodels.api as sm

TOLERANCE = 1e-6
FEPOIS_TIGHT = dict(demeaner=pf.MapDemeaner(fixef_tol=1e-12), iwls_tol=1e-12)
failures = []


def check(label, ours, theirs, tolerance=TOLERANCE, relative=False):
    scale = max(abs(theirs), 1e-300) if relative else 1.0
    difference = abs(ours - theirs) / scale
    status = "ok" if difference <= tolerance else "MISMATCH"
    print(f"  {status:8} {label:46} zicht {ours:+.12g}  peer {theirs:+.12g}  diff {difference:.1e}")
    if difference > tolerance:
        failures.append(label)


def check_equal(label, ours, theirs):
    status = "ok" if ours == theirs else "MISMATCH"
    print(f"  {status:8} {label:46} zicht {ours}  peer {theirs}")
    if ours != theirs:
        failures.append(label)


# --- Panels -----------------------------------------------------------------------------------------
def month_label(index, first_year=2021):
    return f"{first_year + index // 12:04d}-{index % 12 + 1:02d}"


def generate_panel(areas, months, treated_areas, start, seed, zero_area=None, effect=-0.25, dispersion=8.0):
    """Counts with area and month effects, a treatment effect and gamma noise (overdispersed)."""
    rng = np.random.default_rng(seed)
    area = np.repeat(np.arange(areas), months)
    month = np.tile(np.arange(months), areas)
    area_effect = rng.normal(1.6, 0.6, areas)
    month_effect = 0.25 * np.sin(2 * np.pi * np.arange(months) / 12) + rng.normal(0, 0.08, months)
    treated = (np.isin(area, treated_areas) & (month >= start)).astype(int)
    mean = np.exp(area_effect[area] + month_effect[month] + effect * treated)
    count = rng.poisson(mean * rng.gamma(dispersion, 1 / dispersion, len(mean)))
    if zero_area is not None:
        count[area == zero_area] = 0
    return pd.DataFrame({"area": area, "period": month, "count": count, "treated": treated})


def write_csv(frame, path):
    out = pd.DataFrame({
        "area": [f"B{a:03d}" for a in frame["area"]],
        "period": [month_label(t) for t in frame["period"]],
        "count": frame["count"],
        "treated": frame["treated"],
    })
    out.to_csv(path, index=False)


# --- Peers ------------------------------------------------------------------------------------------
def fepois(frame, formula="count ~ treated | area + period", vcov=None, ssc=None, **extra):
    kwargs = dict(FEPOIS_TIGHT)
    kwargs.update(extra)
    if ssc is not None:
        kwargs["ssc"] = ssc
    return pf.fepois(formula, data=frame, vcov=vcov or {"CRV1": "area"}, **kwargs)


def dummy_design(frame, columns=("treated",)):
    dummies = pd.get_dummies(frame[["area", "period"]].astype(str), drop_first=True, dtype=float)
    design = pd.concat([frame[list(columns)].astype(float).reset_index(drop=True), dummies.reset_index(drop=True)], axis=1)
    return sm.add_constant(design, prepend=True)


def glm_poisson(frame, cov_type="cluster", use_correction=True):
    design = dummy_design(frame)
    model = sm.GLM(frame["count"].to_numpy(), design, family=sm.families.Poisson())
    if cov_type == "cluster":
        return model.fit(tol=1e-13, cov_type="cluster", cov_kwds={"groups": frame["area"].to_numpy(), "use_correction": use_correction})
    return model.fit(tol=1e-13)


def placebo_estimates(frame, start, min_periods=3):
    """pyfixest placebo estimates: each untreated area as if treated; each false start in the pre-period."""
    treated_areas = sorted(frame.loc[frame["treated"] == 1, "area"].unique())
    assert len(treated_areas) == 1
    pattern = frame[frame["area"] == treated_areas[0]].set_index("period")["treated"]
    controls = frame[~frame["area"].isin(treated_areas)].copy()
    areas = []
    for placebo in sorted(controls["area"].unique()):
        data = controls.copy()
        data["treated"] = np.where(data["area"] == placebo, data["period"].map(pattern).fillna(0), 0).astype(int)
        areas.append(float(fepois(data).coef()["treated"]))
    pre = frame[frame["period"] < start].copy()
    periods = sorted(pre["period"].unique())
    dates = []
    for false_start in periods[min_periods:len(periods) - min_periods + 1]:
        data = pre.copy()
        data["treated"] = (data["area"].isin(treated_areas) & (data["period"] >= false_start)).astype(int)
        dates.append(float(fepois(data).coef()["treated"]))
    return areas, dates


def p_value(actual, estimates):
    k = sum(abs(b) >= abs(actual) * (1 - 1e-9) for b in estimates)
    return k, (1 + k) / (1 + len(estimates))


# --- The CI check -----------------------------------------------------------------------------------
def run_zicht(path, *arguments):
    zicht = os.environ.get("ZICHT")
    if not zicht:
        sys.exit("check_evaluation.py: set ZICHT to the built zicht binary (Tests/peers/run.sh does)")
    result = subprocess.run([zicht, "evaluate", "--panel", path, "--format", "json", *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout, result.stderr)
        failures.append(f"zicht evaluate {' '.join(arguments)} exited with {result.returncode}")
        return None
    return json.loads(result.stdout)


def ci_check():
    print(f"pyfixest {pf.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}, pandas {pd.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        frame = generate_panel(60, 36, treated_areas=[2, 11, 23, 40], start=24, seed=2024, zero_area=17)
        path = os.path.join(folder, "panel.csv")
        write_csv(frame, path)
        nonzero = frame[frame["area"] != 17].reset_index(drop=True)
        print(f"Panel 1: 60 areas x 36 months, 4 treated from 2023-01, area B017 all zero ({len(frame)} rows)")
        peers = {
            "crv1": fepois(frame),
            "crv0": fepois(frame, ssc=pf.ssc(k_adj=False, G_adj=False)),
            "iid": fepois(frame, vcov="iid", ssc=pf.ssc(k_adj=False, G_adj=False)),
        }
        glms = {
            "statsmodels": glm_poisson(nonzero),
            "crv0": glm_poisson(nonzero, use_correction=False),
            "iid": glm_poisson(nonzero, cov_type="nonrobust"),
        }
        for vcov in ["crv1", "statsmodels", "crv0", "iid"]:
            ours = run_zicht(path, "--vcov", vcov)
            if ours is None:
                continue
            print(f" --vcov {vcov}")
            if vcov in peers:
                fit = peers[vcov]
                check(f"beta vs pyfixest ({vcov})", ours["beta"], float(fit.coef()["treated"]))
                check(f"SE vs pyfixest ({vcov})", ours["se"], float(fit.se()["treated"]), relative=True)
            if vcov in glms:
                glm = glms[vcov]
                check(f"beta vs statsmodels GLM ({vcov})", ours["beta"], float(glm.params["treated"]))
                check(f"SE vs statsmodels GLM ({vcov})", ours["se"], float(glm.bse["treated"]), relative=True)
            check(f"rate ratio = exp(beta) ({vcov})", ours["rate_ratio"], float(np.exp(ours["beta"])), tolerance=1e-12, relative=True)
            check_equal(f"observations ({vcov})", ours["observations"], int(peers["crv1"]._N))
            check_equal(f"dropped areas ({vcov})", ours["dropped_areas"], ["B017"])
            check_equal(f"areas, periods ({vcov})", (ours["areas"], ours["periods"]), (59, 36))

        frame = generate_panel(30, 24, treated_areas=[5], start=16, seed=79, effect=-0.6)
        path = os.path.join(folder, "placebo.csv")
        write_csv(frame, path)
        print("Panel 2: 30 areas x 24 months, 1 treated from 2022-05; placebo areas and start dates")
        ours = run_zicht(path, "--placebo", "100", "--seed", "7")
        if ours is not None:
            actual = float(fepois(frame).coef()["treated"])
            check("beta vs pyfixest", ours["beta"], actual)
            areas, dates = placebo_estimates(frame, start=16)
            for key, estimates, exhaustive in [("placebo_areas", areas, True), ("placebo_start_dates", dates, True)]:
                k, p = p_value(actual, estimates)
                check_equal(f"{key}: runs", ours[key]["runs"], len(estimates))
                check_equal(f"{key}: exhaustive", ours[key]["exhaustive"], exhaustive)
                check_equal(f"{key}: |placebo| >= |beta|", ours[key]["at_least_as_extreme"], k)
                check(f"{key}: p = (1 + k)/(1 + B)", ours[key]["p_value"], p, tolerance=1e-12)
    if failures:
        print(f"FAILED: {len(failures)} comparison(s): {', '.join(failures)}")
        sys.exit(1)
    print("All evaluation comparisons agree.")


# --- Numbers for the Swift tests ----------------------------------------------------------------------
def swift_array(values, per_line=20, indent="        "):
    values = list(values)
    def text(v):
        if isinstance(v, (float, np.floating)):
            return repr(float(v))
        return str(int(v))
    lines = [", ".join(text(v) for v in values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return "[\n" + ",\n".join(indent + line for line in lines) + ",\n" + indent[:-4] + "]"


def print_swift():
    import scipy
    from scipy import special, stats
    print(f"// Generated by Tests/peers/check_evaluation.py --print-swift: pyfixest {pf.__version__}, statsmodels "
          f"{statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}, pandas {pd.__version__}")

    print("\n// --- small: 12 areas x 10 periods, areas 0 and 1 treated from period 6, area 11 all zero")
    small = generate_panel(12, 10, treated_areas=[0, 1], start=6, seed=11, zero_area=11)
    print("counts:", swift_array(small["count"]))
    nonzero = small[small["area"] != 11].reset_index(drop=True)
    f1 = fepois(small)
    f0 = fepois(small, ssc=pf.ssc(k_adj=False, G_adj=False))
    fi = fepois(small, vcov="iid", ssc=pf.ssc(k_adj=False, G_adj=False))
    g1 = glm_poisson(nonzero)
    gi = glm_poisson(nonzero, cov_type="nonrobust")
    print(f"pyfixest: N {f1._N} beta {float(f1.coef()['treated'])!r} crv1 {float(f1.se()['treated'])!r} "
          f"crv0 {float(f0.se()['treated'])!r} iid {float(fi.se()['treated'])!r}")
    print(f"statsmodels: beta {float(g1.params['treated'])!r} cluster {float(g1.bse['treated'])!r} nonrobust {float(gi.bse['treated'])!r}")

    print("\n// --- unbalanced: small without 12 random rows, plus area 12 with one row (a singleton)")
    rng = np.random.default_rng(5)
    drop = rng.choice(len(small), 12, replace=False)
    unbalanced = small.drop(index=drop).reset_index(drop=True)
    unbalanced = pd.concat([unbalanced, pd.DataFrame({"area": [12], "period": [3], "count": [4], "treated": [0]})], ignore_index=True)
    print("area:", swift_array(unbalanced["area"]))
    print("period:", swift_array(unbalanced["period"]))
    print("counts:", swift_array(unbalanced["count"]))
    print("treated:", swift_array(unbalanced["treated"]))
    fu = fepois(unbalanced)
    print(f"pyfixest: N {fu._N} beta {float(fu.coef()['treated'])!r} crv1 {float(fu.se()['treated'])!r}")

    print("\n// --- offset: small with offset log(exposure), exposure 0.5 + area/10 + period/20")
    with_offset = small.copy()
    with_offset["logexposure"] = np.log(0.5 + with_offset["area"] / 10 + with_offset["period"] / 20)
    fo = fepois(with_offset, offset="logexposure")
    print(f"pyfixest: beta {float(fo.coef()['treated'])!r} crv1 {float(fo.se()['treated'])!r}")

    print("\n// --- nb: 20 areas x 12 periods, areas 0-3 treated from period 7, strong overdispersion (gamma shape 2)")
    nb = generate_panel(20, 12, treated_areas=[0, 1, 2, 3], start=7, seed=23, dispersion=2.0)
    print("counts:", swift_array(nb["count"]))
    design = dummy_design(nb)
    poisson = sm.GLM(nb["count"].to_numpy(), design, family=sm.families.Poisson()).fit(tol=1e-13)
    model = sm.NegativeBinomial(nb["count"].to_numpy(), design, loglike_method="nb2")
    start = np.append(poisson.params.to_numpy(), 0.3)
    r = model.fit(start_params=start, method="newton", maxiter=200, tol=1e-14, disp=0)
    rc = model.fit(start_params=r.params, method="newton", maxiter=200, tol=1e-14, disp=0, cov_type="cluster",
                   cov_kwds={"groups": nb["area"].to_numpy()})
    r0 = model.fit(start_params=r.params, method="newton", maxiter=200, tol=1e-14, disp=0, cov_type="cluster",
                   cov_kwds={"groups": nb["area"].to_numpy(), "use_correction": False})
    print(f"statsmodels NB2: beta {float(r.params['treated'])!r} alpha {float(r.params['alpha'])!r} llf {float(r.llf)!r}")
    print(f"  nonrobust: beta {float(r.bse['treated'])!r} alpha {float(r.bse['alpha'])!r}")
    print(f"  cluster:   beta {float(rc.bse['treated'])!r} alpha {float(rc.bse['alpha'])!r}")
    print(f"  cluster0:  beta {float(r0.bse['treated'])!r} alpha {float(r0.bse['alpha'])!r}")

    print("\n// --- event: 20 areas x 14 periods, areas 0-4 treated from period 8")
    event = generate_panel(20, 14, treated_areas=[0, 1, 2, 3, 4], start=8, seed=31)
    print("counts:", swift_array(event["count"]))
    for window in [None, (-3, 3)]:
        data = event.copy()
        relative = np.where(data["area"].isin([0, 1, 2, 3, 4]), data["period"] - 8, np.nan)
        if window:
            relative = np.where(np.isnan(relative), np.nan, np.clip(relative, *window))
        times = sorted(int(k) for k in np.unique(relative[~np.isnan(relative)]) if k != -1)
        names = []
        for k in times:
            name = f"m{-k}" if k < 0 else f"p{k}"
            data[name] = (relative == k).astype(int)
            names.append(name)
        fe = fepois(data, formula="count ~ " + " + ".join(names) + " | area + period")
        print(f"window {window}: times {times}")
        print("  beta:", swift_array([float(fe.coef()[n]) for n in names], per_line=4))
        print("  crv1:", swift_array([float(fe.se()[n]) for n in names], per_line=4))
        # The same CRV1 from statsmodels' exact dummy-variable fit: its unadjusted cluster covariance
        # times pyfixest's factor G/(G-1)(N-1)/(N-K), K = coefficients + periods.
        glm = sm.GLM(data["count"].to_numpy(), dummy_design(data, columns=names), family=sm.families.Poisson()).fit(
            tol=1e-15, cov_type="cluster", cov_kwds={"groups": data["area"].to_numpy(), "use_correction": False})
        n, g, k = len(data), data["area"].nunique(), len(names) + data["period"].nunique()
        factor = np.sqrt(g / (g - 1) * (n - 1) / (n - k))
        print("  crv1 from statsmodels:", swift_array([float(factor * glm.bse[name]) for name in names], per_line=4))

    print("\n// --- placebo: 15 areas x 12 periods, area 4 treated from period 8")
    placebo = generate_panel(15, 12, treated_areas=[4], start=8, seed=41)
    print("counts:", swift_array(placebo["count"]))
    actual = float(fepois(placebo).coef()["treated"])
    areas, dates = placebo_estimates(placebo, start=8)
    print(f"actual beta {actual!r}")
    print("placebo areas:", swift_array(areas, per_line=4), "k, p:", p_value(actual, areas))
    print("placebo dates:", swift_array(dates, per_line=4), "k, p:", p_value(actual, dates))

    print("\n// --- special functions (scipy)")
    points = [0.3, 1.0, 2.5, 7.2, 13.418, 100.5, 1e4]
    print("x:", swift_array(points, per_line=8))
    print("digamma:", swift_array([float(special.digamma(x)) for x in points], per_line=4))
    print("trigamma:", swift_array([float(special.polygamma(1, x)) for x in points], per_line=4))
    probabilities = [1e-300, 1e-10, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999999]
    print("p:", swift_array(probabilities, per_line=9))
    print("norm.ppf:", swift_array([float(stats.norm.ppf(p)) for p in probabilities], per_line=4))
    print("2*norm.sf(|z|) for z = 0.5, 1.959963984540054, 8:", [float(2 * stats.norm.sf(z)) for z in (0.5, 1.959963984540054, 8.0)])


if __name__ == "__main__":
    if "--print-swift" in sys.argv:
        print_swift()
    else:
        ci_check()
