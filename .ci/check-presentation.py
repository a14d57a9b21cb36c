#!/usr/bin/env python3
"""Keeps presentation out of the analysis rooms (issue 11, part 4).

ZichtStats and ZichtAnalysis return numbers and domain values; Dutch wording, CSV and SVG are
written by the site (ZichtSite) and the terminal reports (ZichtApp/Reports). This script scans every
Swift file under Sources/ZichtStats and Sources/ZichtAnalysis and fails when it finds

- SVG markup in a string literal: `<svg`, `<path`, `<g`, ` d=`, `viewBox`; SVG path data in code
  (`pathData(`, `MapProjection`);
- CSV writing in code: `CSVText`, a `joined(separator: ",")` on a line that appends or adds a line
  break, or a string literal that is a comma row ending in a line break (`"a,b\\n"`, also JSON
  written by hand);
- Dutch sentence words in a string literal (` de `, ` het `, ` een `, ` van `, `niet`, ...).

It also scans every Swift file under Sources for calls of `lgamma(`: the C function writes the global
`signgam`, a data race inside `parallelMap`; use `lgamma_r` (ZichtStats' `Polygamma.logGamma`).

Comments (`//`, `///`, `/* */`) are skipped, so doc comments may quote Dutch output. Error messages
for developers are English and pass the Dutch test by themselves; nothing is exempt by name.

Usage: .ci/check-presentation.py [ROOT]   (exit status 1 and one line per finding on failure)
       .ci/check-presentation.py --self-test   (plants one fault of each kind and checks each is found)
"""
import os
import re
import sys

ROOTS = ["Sources/ZichtStats", "Sources/ZichtAnalysis"]

SVG = re.compile(r"<svg|<path|<g[ >]|\sd=|viewBox", re.IGNORECASE)
CSV_CODE = re.compile(r"\bCSVText\b")
# SVG path data written through ZichtGeo's projection.
SVG_CODE = re.compile(r"\bpathData\(|\bMapProjection\b")
# A comma join that builds a line of a file: on a line that also appends or adds a line break.
CSV_JOIN = re.compile(r"joined\(separator:\s*\",\"\)")
CSV_JOIN_LINE = re.compile(r"\\n|append\(|\+=")
CSV_LITERAL = re.compile(r"^[^,\n]*(,[^,\n]*)+\\n$")
# Words that occur in Dutch sentences and not in English identifiers or messages. Matched on
# word boundaries in the lower-cased literal (interpolations removed).
DUTCH = re.compile(
    r"(?<![\w-])(de|het|een|van|niet|geen|zijn|wordt|worden|meer dan|minder dan|tot en met|t/m|"
    r"dagen|jaar|inwoners|gewogen|gemiddeld[e]?|omdat|telt|geteld|gegevens|berekend)(?![\w-])"
)


def literals(source):
    """Yields (line, text) for every string literal outside comments; interpolations blanked."""
    i, line, n = 0, 1, len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i)
            end = n if end < 0 else end + 2
            line += source.count("\n", i, end)
            i = end
        elif c == '"' or (c == "#" and source.startswith('#"', i)):
            hashes = 0
            while i < n and source[i] == "#":
                hashes += 1
                i += 1
            multi = source.startswith('"""', i)
            quote = '"""' if multi else '"'
            i += len(quote)
            start_line, text, depth = line, [], 0
            while i < n:
                if depth == 0 and source.startswith(quote + "#" * hashes, i):
                    i += len(quote) + hashes
                    break
                ch = source[i]
                if ch == "\\" and source.startswith("(", i + 1 + hashes) and source[i + 1:i + 1 + hashes] == "#" * hashes:
                    # Interpolation: skip to the matching parenthesis.
                    i += 2 + hashes
                    level = 1
                    while i < n and level:
                        if source[i] == "(":
                            level += 1
                        elif source[i] == ")":
                            level -= 1
                        elif source[i] == "\n":
                            line += 1
                        i += 1
                    text.append(" ")
                    continue
                if ch == "\\" and i + 1 < n:
                    text.append(source[i:i + 2])
                    i += 2
                    continue
                if ch == "\n":
                    line += 1
                text.append(ch)
                i += 1
            yield start_line, "".join(text)
        else:
            i += 1


def code_lines(source):
    """Yields (line, text) of code with comments removed (string contents kept)."""
    for number, text in enumerate(source.split("\n"), 1):
        stripped = text.strip()
        if stripped.startswith("//") or stripped.startswith("*") or stripped.startswith("/*"):
            continue
        yield number, text


def scan(root):
    findings = []
    for base in ROOTS:
        for folder, _, files in os.walk(os.path.join(root, base)):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as handle:
                    source = handle.read()
                for number, text in code_lines(source):
                    if CSV_CODE.search(text) or (CSV_JOIN.search(text) and CSV_JOIN_LINE.search(text)):
                        findings.append(f"{rel}:{number}: CSV writing: {text.strip()}")
                    if SVG_CODE.search(text):
                        findings.append(f"{rel}:{number}: SVG path data: {text.strip()}")
                for number, text in literals(source):
                    if SVG.search(text):
                        findings.append(f"{rel}:{number}: SVG markup in a string: {text[:60]!r}")
                    if CSV_LITERAL.match(text):
                        findings.append(f"{rel}:{number}: CSV or JSON row in a string: {text[:60]!r}")
                    match = DUTCH.search(text.lower())
                    if match:
                        findings.append(f"{rel}:{number}: Dutch word {match.group(0)!r} in a string: {text[:70]!r}")
    return findings


LGAMMA = re.compile(r"\blgamma\(")


def scan_lgamma(root):
    findings = []
    for folder, _, files in os.walk(os.path.join(root, "Sources")):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                source = handle.read()
            for number, text in code_lines(source):
                if LGAMMA.search(text.split("//")[0]):
                    findings.append(f"{os.path.relpath(path, root)}:{number}: lgamma( is not thread safe (signgam): use lgamma_r")
    return findings


PLANTED = {
    "Svg.swift": 'let s = "<svg viewBox=\\"0 0 1 1\\"></svg>"\n',
    "Path.swift": "let d = projection.pathData(area.geometry)\n",
    "Csv.swift": 'let line = CSVText.line(["a"])\n',
    "Join.swift": 'text += fields.joined(separator: ",") + "\\n"\n',
    "Row.swift": 'let header = "a,b,c\\n"\n',
    "Dutch.swift": 'let note = "Wijkcijfers zijn het gemiddelde van de buurten"\n',
    "Multi.swift": 'let text = """\n    Na een inbraak \\(x) lopen de buren\n    """\n',
    "Lgamma.swift": "let v = lgamma(x)\n",
}
CLEAN = (
    '/// Doc comments may quote "de buurten" and <svg>.\n'
    'let message = "expected \\(n) values, found \\(m)"  // de buurt\n'
    'let list = codes.joined(separator: ",")\n'
    "let v = lgamma_r(x, &sign)\n"
)


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        folder = os.path.join(root, "Sources", "ZichtAnalysis")
        os.makedirs(folder)
        with open(os.path.join(folder, "Clean.swift"), "w") as handle:
            handle.write(CLEAN)
        if scan(root) + scan_lgamma(root):
            print("self-test: clean code was flagged:", scan(root) + scan_lgamma(root))
            return 1
        missed = []
        for name, text in PLANTED.items():
            path = os.path.join(folder, name)
            with open(path, "w") as handle:
                handle.write(text)
            if not any(name in finding for finding in scan(root) + scan_lgamma(root)):
                missed.append(name)
            os.remove(path)
    if missed:
        print("self-test: planted faults not found:", ", ".join(missed))
        return 1
    print(f"self-test: all {len(PLANTED)} planted faults found, clean code passes")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    findings = scan(root) + scan_lgamma(root)
    for finding in findings:
        print(finding)
    if findings:
        print(f"\n{len(findings)} finding(s): presentation (Dutch text, CSV, SVG) belongs in ZichtSite or ZichtApp/Reports.")
        return 1
    print("ZichtStats and ZichtAnalysis hold no Dutch text, CSV or SVG; no lgamma( in Sources.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
