"""Time from saving an edited page to the server answering with the edit.

Usage: python3 edit_latency.py URL FILE OLD RUNS

FILE must contain the text OLD. Each run replaces OLD (or the previous run's replacement) with a
new marker "meting-N-<random>", writes the file as an editor does (a temporary file renamed over it),
then asks URL every 2 ms until the answer contains the marker. Prints one latency in milliseconds per
line, then a summary line "median_ms=… p90_ms=… max_ms=…".
"""
import http.client
import os
import random
import statistics
import sys
import time
import urllib.parse


def fetch(connection, path):
    connection.request("GET", path, headers={"Cache-Control": "no-cache"})
    response = connection.getresponse()
    return response.read().decode("utf-8", "replace")


def main():
    url, path, old, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    text = open(path, encoding="utf-8").read()
    if old not in text:
        sys.exit(f"edit_latency.py: {path} does not contain {old!r}")
    current = old
    latencies = []
    for run in range(runs):
        marker = f"meting-{run}-{random.randrange(10**9)}"
        text = text.replace(current, marker, 1)
        current = marker
        temporary = path + ".tmp-edit"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        start = time.monotonic()
        os.replace(temporary, path)
        while True:
            try:
                body = fetch(connection, parts.path or "/")
            except (http.client.HTTPException, OSError):
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                body = ""
            if marker in body:
                break
            if time.monotonic() - start > 30:
                sys.exit(f"edit_latency.py: run {run}: the edit was not served within 30 s")
            time.sleep(0.002)
        latency = (time.monotonic() - start) * 1000
        latencies.append(latency)
        print(f"{latency:.1f}", flush=True)
        # Let the server settle; a random pause, so that edits do not fall in step with a polling
        # watcher's period (which would make every edit wait the same, unrepresentative time).
        time.sleep(random.uniform(0.2, 0.4))
    latencies.sort()
    p90 = latencies[min(len(latencies) - 1, int(round(0.9 * (len(latencies) - 1))))]
    print(f"median_ms={statistics.median(latencies):.1f} p90_ms={p90:.1f} max_ms={latencies[-1]:.1f}")


if __name__ == "__main__":
    main()
