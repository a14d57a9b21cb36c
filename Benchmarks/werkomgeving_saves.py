"""Saves through the werkomgeving, one after another, as an author does: open the editor, change a
sentence, save, and wait until the preview shows it. The editor is asked for as text (`als=tekst`),
since a page with front matter otherwise opens in the form editor.

    python3 Benchmarks/werkomgeving_saves.py BASE_URL COOKIE FILE PREVIEW_PATH COUNT

BASE_URL is http://127.0.0.1:PORT, COOKIE the session cookie ("zicht_sessie=…"), FILE the page's
file in the project, PREVIEW_PATH its path under /werkomgeving/voorbeeld/. Prints one line of
JSON: saves per second over the whole run (editor, save, check), and the latency from sending a save
to the preview showing the new text (median, p90, max, in ms). Exits 1 when a save fails.
"""
import html
import json
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request


def request(url, cookie, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers={"Cookie": cookie})
    if body is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req, timeout=30) as response:
        return response.status, response.read().decode("utf-8")


def main(base, cookie, file, preview, count):
    latencies = []
    started = time.perf_counter()
    for number in range(count):
        status, page = request(f"{base}/werkomgeving/bewerken?bestand={urllib.parse.quote(file)}&als=tekst", cookie)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        version = int(re.search(r'name="basis" value="(\d+)"', page).group(1))
        text = html.unescape(re.search(r'<textarea id="tekst"[^>]*>([\s\S]*?)</textarea>', page).group(1))
        text = re.sub(r"\nMeetzin \d+ van de benchmark\.\n", "\n", text)
        marker = f"Meetzin {number} van de benchmark."
        text = text.replace("## Beschrijving doel\n", f"## Beschrijving doel\n\n{marker}\n", 1)
        sent = time.perf_counter()
        status, answer = request(f"{base}/werkomgeving/bewerken", cookie, {"csrf": csrf, "bestand": file, "basis": str(version), "tekst": text})
        if "Opgeslagen als versie" not in answer:
            sys.exit(f"save {number} failed: {status} {answer[:300]}")
        while marker not in request(f"{base}/werkomgeving/voorbeeld/{preview}", cookie)[1]:
            time.sleep(0.002)
        latencies.append((time.perf_counter() - sent) * 1000)
    elapsed = time.perf_counter() - started
    latencies.sort()
    print(json.dumps({
        "saves": count,
        "saves_per_second": round(count / elapsed, 1),
        "median_ms": round(statistics.median(latencies), 1),
        "p90_ms": round(latencies[int(0.9 * (len(latencies) - 1))], 1),
        "max_ms": round(latencies[-1], 1),
    }))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
