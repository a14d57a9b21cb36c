#!/usr/bin/env python3
"""Cross-check ZichtGeo's RDNew (Schreutelkamp & Strang van Hees polynomials) against PROJ.

    python3 Tests/geo/crosscheck_rd.py                   (from the repository root)
    python3 Tests/geo/crosscheck_rd.py --write-fixture   (also rewrites the Swift test's reference grid)

What it does:
  1. Makes a grid over the bounding box of the European Netherlands in RD New (x 13-278 km,
     y 306-619 km, every STEP metres) and converts it to WGS84 with pyproj (PROJ), EPSG:28992 ->
     EPSG:4326, using PROJ's default operation (printed below; without the RDNAPTRANS grid this is
     a 7-parameter Helmert transformation, itself accurate to about 1 m).
  2. Compiles Sources/ZichtGeo with swiftc into a small program (no SwiftPM, no other targets) and
     converts the same points with RDNew: RD -> WGS84 and WGS84 (from PROJ) -> RD.
  3. Prints the deviations in metres (latitude/longitude differences are turned into metres on the
     ground), overall and for the points within 50 km of the Amersfoort base point.
With --write-fixture it writes Tests/Fixtures/geo/rd-pyproj-grid.csv (every 4th grid point),
which RDNewTests reads, so that CI checks the same bound without pyproj.

pyproj comes from PyPI, pinned, in the virtual environment .venv-geo (created when missing).
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile

PYPROJ_VERSION = "3.7.2"
VENV = ".venv-geo"
STEP = 5000.0

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def ensure_pyproj():
    """Re-runs this script inside .venv-geo with the pinned pyproj when it is not importable."""
    try:
        import pyproj  # noqa: F401

        if pyproj.__version__ == PYPROJ_VERSION:
            return
    except ImportError:
        pass
    python = os.path.join(ROOT, VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        subprocess.check_call([python, "-m", "pip", "install", "-q", f"pyproj=={PYPROJ_VERSION}"])
        return
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", os.path.join(ROOT, VENV)])
    subprocess.check_call([python, "-m", "pip", "install", "-q", f"pyproj=={PYPROJ_VERSION}"])
    os.execv(python, [python] + sys.argv)


MAIN_SWIFT = r"""
// Reads "x y lat lon" lines; prints "lat lon x y": RDNew of (x, y) and of (lat, lon).
while let line = readLine() {
    let fields = line.split(separator: " ").compactMap { Double($0) }
    guard fields.count == 4 else { continue }
    let position = RDNew.latLon(from: Point(x: fields[0], y: fields[1]))
    let rd = RDNew.point(from: LatLon(latitude: fields[2], longitude: fields[3]))
    print(position.latitude, position.longitude, rd.x, rd.y)
}
"""


def build_converter(work):
    sources = []
    for folder, _, files in os.walk(os.path.join(ROOT, "Sources", "ZichtGeo")):
        sources += [os.path.join(folder, name) for name in files if name.endswith(".swift")]
    main = os.path.join(work, "main.swift")
    with open(main, "w") as handle:
        handle.write(MAIN_SWIFT)
    binary = os.path.join(work, "rd-convert")
    subprocess.check_call(["swiftc", "-O", "-module-name", "RDConvert", "-lm", "-o", binary, main] + sorted(sources))
    return binary


def metres_between(lat1, lon1, lat2, lon2):
    """Distance on the ground for small differences (equirectangular, GRS80 radii at that latitude)."""
    a = 6378137.0
    e2 = 0.00669438002290
    phi = math.radians((lat1 + lat2) / 2)
    w = math.sqrt(1 - e2 * math.sin(phi) ** 2)
    north = a * (1 - e2) / w**3 * math.radians(lat2 - lat1)
    east = a / w * math.cos(phi) * math.radians(lon2 - lon1)
    return math.hypot(north, east)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-fixture", action="store_true", help="rewrite Tests/Fixtures/geo/rd-pyproj-grid.csv")
    arguments = parser.parse_args()
    ensure_pyproj()
    import pyproj

    to_wgs84 = pyproj.Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    grid = []
    y = 306000.0
    while y <= 619000.0:
        x = 13000.0
        while x <= 278000.0:
            lon, lat = to_wgs84.transform(x, y)
            grid.append((x, y, lat, lon))
            x += STEP
        y += STEP
    # PROJ chooses among several operations per point; name the one it used last.
    operation = to_wgs84.get_last_used_operation().description
    print(f"PROJ {pyproj.proj_version_str} (pyproj {pyproj.__version__}): {operation}")
    print(f"{len(grid)} grid points, every {STEP / 1000:g} km over x 13-278 km, y 306-619 km", flush=True)

    with tempfile.TemporaryDirectory() as work:
        binary = build_converter(work)
        text = "\n".join(f"{x!r} {y!r} {lat!r} {lon!r}" for x, y, lat, lon in grid) + "\n"
        output = subprocess.run([binary], input=text, capture_output=True, text=True, check=True).stdout.split("\n")

    forward, inverse, near = [], [], []
    for (x, y, lat, lon), line in zip(grid, output):
        our_lat, our_lon, our_x, our_y = map(float, line.split())
        to_rd = math.hypot(our_x - x, our_y - y)
        to_ll = metres_between(lat, lon, our_lat, our_lon)
        forward.append((to_rd, x, y))
        inverse.append((to_ll, x, y))
        if math.hypot(x - 155000, y - 463000) <= 50000:
            near.append(max(to_rd, to_ll))

    def summary(name, values):
        ordered = sorted(v[0] for v in values)
        worst = max(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name}: max {worst[0]:.3f} m at RD ({worst[1]:.0f}, {worst[2]:.0f}), "
              f"mean {sum(ordered) / len(ordered):.3f} m, 95th percentile {p95:.3f} m")

    summary("WGS84 -> RD (RDNew.point vs PROJ)", forward)
    summary("RD -> WGS84 (RDNew.latLon vs PROJ)", inverse)
    print(f"within 50 km of Amersfoort: max {max(near):.3f} m")
    overall = max(max(forward)[0], max(inverse)[0])
    print(f"max deviation: {overall:.3f} m")

    if arguments.write_fixture:
        path = os.path.join(ROOT, "Tests", "Fixtures", "geo", "rd-pyproj-grid.csv")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(f"# RD New <-> WGS84 by PROJ {pyproj.proj_version_str} (pyproj {pyproj.__version__}), "
                         f"{operation}; written by Tests/geo/crosscheck_rd.py --write-fixture\n")
            handle.write("x,y,latitude,longitude\n")
            for index, (x, y, lat, lon) in enumerate(grid):
                if index % 4 == 0:
                    handle.write(f"{x:.0f},{y:.0f},{lat:.9f},{lon:.9f}\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
