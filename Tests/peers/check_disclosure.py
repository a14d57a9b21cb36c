#!/usr/bin/env python3
"""Cross-check of `zicht disclosure-audit` (Zicht's own simplex and presolve, ZichtStats
LinearProgram + DisclosureAudit) against scipy.optimize.linprog (HiGHS) on random tables.

Run by Tests/peers/run.sh with ZICHT set to the built zicht binary (requirements-disclosure.txt).

Each case is a random hierarchical or crossed table of counts (buurt x type within wijken, with
row, column and grand totals, and months within periods), with counts below 5 shown as '<', a few
other figures withheld as 'x' and the rest published. For every figure shown as '<', zicht prints
the smallest and largest value consistent with all figures, rounded inward to whole numbers;
scipy's LP minimum and maximum of the same sum, with the same constraints (published: equal;
'<': at most 4; 'x': at least 5; cells >= 0), rounded the same way, must be identical. The
protected/not-protected verdict (interval contains 1..4) must agree too. Exits 1 on any mismatch.
"""
import math
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import linprog

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ZICHT = os.environ.get("ZICHT", os.path.join(ROOT, ".build", "debug", "zicht"))
THRESHOLD = 5


def random_case(rng):
    """Figures as (name, cells, value): a two-way table with margins, or months in periods."""
    figures = []
    if rng.random() < 0.6:
        rows, cols = rng.randint(2, 6), rng.randint(2, 5)
        values = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for _ in range(cols)] for _ in range(rows)]
        for r in range(rows):
            for c in range(cols):
                figures.append((f"r{r}c{c}", [f"x{r}_{c}"], values[r][c]))
            figures.append((f"row{r}", [f"x{r}_{c}" for c in range(cols)], sum(values[r])))
        for c in range(cols):
            figures.append((f"col{c}", [f"x{r}_{c}" for r in range(rows)], sum(values[r][c] for r in range(rows))))
        if rng.random() < 0.7:
            figures.append(("total", [f"x{r}_{c}" for r in range(rows) for c in range(cols)], sum(map(sum, values))))
    else:
        months = rng.randint(4, 24)
        split = rng.randint(1, months - 1)
        values = [rng.choice([0, 1, 2, 3, 4, 5, 7, 9, 15]) for _ in range(months)]
        for m in range(months):
            figures.append((f"m{m}", [f"m{m}"], values[m]))
        figures.append(("before", [f"m{m}" for m in range(split)], sum(values[:split])))
        figures.append(("after", [f"m{m}" for m in range(split, months)], sum(values[split:])))
    rows = []
    for name, cells, value in figures:
        if value < THRESHOLD:
            shown = "<"
        elif rng.random() < 0.15:
            shown = "x"
        else:
            shown = str(value)
        rows.append((name, cells, shown, value))
    return rows


def scipy_interval(rows, target):
    cells = sorted({c for _, cs, _, _ in rows for c in cs})
    index = {c: i for i, c in enumerate(cells)}
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for _, cs, shown, _ in rows:
        row = np.zeros(len(cells))
        for c in cs:
            row[index[c]] = 1
        if shown == "<":
            a_ub.append(row)
            b_ub.append(THRESHOLD - 1)
        elif shown == "x":
            a_ub.append(-row)
            b_ub.append(-THRESHOLD)
        else:
            a_eq.append(row)
            b_eq.append(int(shown))
    objective = np.zeros(len(cells))
    for c in rows[target][1]:
        objective[index[c]] = 1
    kwargs = dict(A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
                  A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None,
                  bounds=[(0, None)] * len(cells), method="highs")
    low = linprog(objective, **kwargs)
    high = linprog(-objective, **kwargs)
    assert low.status == 0, low.message
    lower = max(0, math.ceil(low.fun - 1e-6))
    upper = math.floor(-high.fun + 1e-6) if high.status == 0 else None
    return lower, upper


def main():
    rng = random.Random(20261207)
    failures = 0
    compared = 0
    suppressed = 0
    unprotected = 0
    for case in range(200):
        rows = random_case(rng)
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
            handle.write("table,cell,cells,shown,value\n")
            for name, cells, shown, value in rows:
                handle.write(f"case{case},{name},{' '.join(cells)},{shown},{value}\n")
            path = handle.name
        result = subprocess.run([ZICHT, "disclosure-audit", "--input", path], capture_output=True, text=True)
        os.unlink(path)
        if result.returncode != 0:
            print(f"case {case}: zicht failed: {result.stderr.strip()}")
            failures += 1
            continue
        printed = {}
        for line in result.stdout.strip().split("\n")[1:]:
            table, cell, shown, lower, upper, protected = line.split(",")
            if shown == "<":
                printed[cell] = (int(lower), int(upper), protected)
        for target, (name, _, shown, _) in enumerate(rows):
            if shown != "<":
                continue
            compared += 1
            lower, upper = scipy_interval(rows, target)
            ours = printed.get(name)
            verdict = "yes" if lower <= 1 and upper is not None and upper >= THRESHOLD - 1 else "no"
            if ours is None or (ours[0], ours[1]) != (lower, upper) or ours[2] != verdict:
                print(f"case {case}, {name}: zicht {ours}, scipy {(lower, upper, verdict)}")
                failures += 1
        # With --suppress: every figure zicht withholds comes back as 'x'; with those, scipy must find
        # every '<' figure protected (its interval contains 1..4) wherever zicht says so.
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
            handle.write("table,cell,cells,shown,value\n")
            for name, cells, shown, value in rows:
                handle.write(f"case{case},{name},{' '.join(cells)},{shown},{value}\n")
            path = handle.name
        result = subprocess.run([ZICHT, "disclosure-audit", "--input", path, "--suppress"], capture_output=True, text=True)
        os.unlink(path)
        lines = [line.split(",") for line in result.stdout.strip().split("\n")[1:]]
        withheld = {fields[1] for fields in lines if fields[2] == "x"}
        protected_rows = [(n, c, "x" if n in withheld and sh != "<" else sh, v) for n, c, sh, v in rows]
        for fields in lines:
            if fields[2] != "<":
                continue
            target = next(i for i, row in enumerate(protected_rows) if row[0] == fields[1])
            lower, upper = scipy_interval(protected_rows, target)
            suppressed += 1
            if fields[5] == "yes" and not (lower <= 1 and upper >= THRESHOLD - 1):
                print(f"case {case}, {fields[1]} after --suppress: zicht says protected, scipy finds {lower}..{upper}")
                failures += 1
            if fields[5] == "no":
                unprotected += 1
    print(f"disclosure-audit vs scipy.optimize.linprog: {compared} protected figures in 200 random tables, {failures} mismatches")
    print(f"after --suppress: {suppressed} '<' figures checked by scipy, {unprotected} left unprotected by zicht (no figure left to withhold)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
