"""Reference class breaks for Tests/ZichtStatsTests/ClassificationTests.swift.

Computes Jenks natural breaks with jenkspy and quantile bins with mapclassify on the same data
sets the Swift tests use, and prints them as Swift literals.

    python3 -m venv /tmp/statsvenv
    /tmp/statsvenv/bin/pip install jenkspy==0.4.1 mapclassify==2.10.0
    /tmp/statsvenv/bin/python Tests/stats/crosscheck_classification.py

Run it from the package root; the Zwolle data set is read from ../shared/data/real.
mapclassify's FisherJenks is printed too, as a second opinion on the Jenks breaks (it computes in
float32, so it can differ from jenkspy in near ties).
"""

import csv
import os
import sys
from importlib.metadata import version

import jenkspy
import mapclassify
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "real"))


def jenkspy_example():
    # The example in jenkspy's jenks_breaks docstring.
    return [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]


def zwolle_vhrbrt():
    """b_vhrbrt (rapportcijfer veiligheid buurt) for the Zwolle buurten, 2014, NA and 999 left out."""
    path = os.path.join(SHARED, "zwolle-buurtgegevens-2014-bvb-zebra.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return [float(r["b_vhrbrt"]) for r in rows if r["GEOITEM"] != "999" and r["b_vhrbrt"] != "NA"]


def lcg_products(count, seed):
    """Skewed values from an integer LCG; the Swift tests build the same list with integer arithmetic
    and correctly rounded double operations, so both sides see bit-identical numbers."""
    state = seed
    values = []
    for _ in range(count):
        state = (1103515245 * state + 12345) % 2**31
        a = state % 1000
        state = (1103515245 * state + 12345) % 2**31
        b = state % 1000
        values.append(float(a) * float(b) / 1000.0)
    return values


def tied_integers():
    return [1, 1, 1, 1, 2, 2, 3, 3, 3, 7, 7, 8, 8, 8, 8, 9, 15, 15, 15, 16, 20, 20, 20, 20, 20, 21, 30]


DATASETS = [
    ("jenkspyExample", jenkspy_example(), [3]),
    ("zwolleVeiligheid", zwolle_vhrbrt(), [4, 5]),
    ("lcgProducts", lcg_products(300, 42), [5, 7]),
    ("tiedIntegers", tied_integers(), [4]),
]


# Quantiles only: jenkspy refuses more classes than distinct values.
QUANTILE_ONLY = [
    ("mostlyOnes", [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0], [4]),
]


def swift(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def main():
    print(f"# jenkspy {version('jenkspy')}, mapclassify {version('mapclassify')}, numpy {np.__version__}, "
          f"Python {sys.version.split()[0]}")
    for name, values, ks in DATASETS:
        print(f"\n# {name}: n = {len(values)}, distinct = {len(set(values))}")
        for k in ks:
            breaks = jenkspy.jenks_breaks(values, n_classes=k)
            print(f"jenkspy.jenks_breaks({name}, n_classes={k}) = {swift(breaks)}")
            model = jenkspy.JenksNaturalBreaks(n_classes=k)
            model.fit(values)
            print(f"  JenksNaturalBreaks({k}).goodness_of_variance_fit = {float(model.goodness_of_variance_fit(values))!r}")
            print(f"  mapclassify.FisherJenks(np.array({name}), k={k}).bins = "
                  f"{swift(mapclassify.FisherJenks(np.array(values), k=k).bins)}")
            print(f"mapclassify.Quantiles(np.array({name}), k={k}).bins = "
                  f"{swift(mapclassify.Quantiles(np.array(values), k=k).bins)}")
    for name, values, ks in QUANTILE_ONLY:
        print(f"\n# {name}: n = {len(values)}, distinct = {len(set(values))}")
        for k in ks:
            print(f"mapclassify.Quantiles(np.array({name}), k={k}).bins = "
                  f"{swift(mapclassify.Quantiles(np.array(values), k=k).bins)}")
    print(f"\n# zwolleVeiligheid values, in file order:\n{swift(zwolle_vhrbrt())}")


if __name__ == "__main__":
    main()
