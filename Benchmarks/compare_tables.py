"""Compares the financial tables of the Zicht and the Hugo build of a generated cycle.

    python3 Benchmarks/compare_tables.py ZICHT_SITE HUGO_SITE

Zicht computes its tables from the money file; zicht-bench wrote Hugo's tables with totals it
worked out itself. For every programma page and every "Overzicht van baten en lasten" of the Zicht
site, the tables holding amounts must have the same rows of amounts and V/N marks, in the same
order, as the page at the same path in the Hugo site. Exits 1 at the first difference.
"""
import html
import pathlib
import re
import sys


def tables(path):
    text = path.read_text(encoding="utf-8")
    result = []
    for table in re.findall(r"<table.*?</table>", text, re.S):
        rows = []
        for row in re.findall(r"<tr.*?</tr>", table, re.S):
            cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                     for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            figures = tuple(c for c in cells if c.startswith("€") or c in ("V", "N"))
            if figures:
                rows.append(figures)
        if rows:
            result.append(rows)
    return result


def main(zicht, hugo):
    zicht, hugo = pathlib.Path(zicht), pathlib.Path(hugo)
    pages = sorted(list(zicht.glob("*/programma/*/index.html"))
                   + list(zicht.glob("*/pagina/overzicht-van-baten-en-lasten/index.html")))
    if not pages:
        sys.exit(f"compare_tables: no programma pages under {zicht}")
    compared = cells = 0
    for page in pages:
        relative = page.relative_to(zicht)
        other = hugo / relative
        if not other.is_file():
            sys.exit(f"compare_tables: {relative} is missing from the Hugo site")
        ours, theirs = tables(page), tables(other)
        if not ours or len(ours) != len(theirs):
            sys.exit(f"compare_tables: {relative} has {len(ours)} tables of amounts in Zicht, {len(theirs)} in Hugo")
        for number, (a, b) in enumerate(zip(ours, theirs), start=1):
            for row, (x, y) in enumerate(zip(a + [()] * len(b), b + [()] * len(a)), start=1):
                if x != y:
                    sys.exit(f"compare_tables: {relative}, table {number}, row {row}:\n  zicht {x}\n  hugo  {y}")
        compared += len(ours)
        cells += sum(len(row) for table in ours for row in table)
    print(f"  financial tables: {compared} tables on {len(pages)} pages, {cells} amounts and V/N marks, identical in both sites")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
