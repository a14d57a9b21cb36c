"""Validate a built Zicht site's open data against the JSON Schemas in docs/schema/.

Usage: python validate.py SITE_DIR
Checks document.json, every */index.json and every financien/*.json (the financial tables), and
that every page listed in document.json has both an index.html and an index.json. Prints 'opendata: N passed, M failed' and exits 1 on any failure.
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "schema"


def main(site: pathlib.Path) -> int:
    page_schema = json.loads((SCHEMAS / "page.schema.json").read_text())
    document_schema = json.loads((SCHEMAS / "document.schema.json").read_text())
    table_schema = json.loads((SCHEMAS / "financial-table.schema.json").read_text())
    registry = Registry().with_resources([
        ("page.schema.json", Resource.from_contents(page_schema)),
        (page_schema["$id"], Resource.from_contents(page_schema)),
    ])
    passed, failed = 0, 0

    def check(validator, path):
        nonlocal passed, failed
        errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.path))
        if errors:
            failed += 1
            for error in errors[:5]:
                print(f"FAIL {path.relative_to(site)}: {'/'.join(map(str, error.path))}: {error.message}")
        else:
            passed += 1

    document_validator = Draft202012Validator(document_schema, registry=registry)
    page_validator = Draft202012Validator(page_schema, registry=registry)
    check(document_validator, site / "document.json")
    for path in sorted(site.rglob("index.json")):
        check(page_validator, path)
    table_validator = Draft202012Validator(table_schema)
    for path in sorted(site.rglob("financien/*.json")):
        check(table_validator, path)
        table = json.loads(path.read_text())
        # Beyond the schema: one amount per column, and each variance sign matches V/N.
        for row in table["rows"]:
            if len(row["amounts"]) != len(table["columns"]):
                failed += 1
                print(f"FAIL {path.relative_to(site)}: row {row['name']} has {len(row['amounts'])} amounts for {len(table['columns'])} columns")
            if row.get("variance", 0) != 0 and (row["variance"] > 0) != (row.get("favourable") == "V"):
                failed += 1
                print(f"FAIL {path.relative_to(site)}: row {row['name']} variance {row['variance']} marked {row.get('favourable')}")
    for page in json.loads((site / "document.json").read_text())["pages"]:
        folder = site / page["path"]
        if (folder / "index.html").is_file() and (folder / "index.json").is_file():
            passed += 1
        else:
            failed += 1
            print(f"FAIL page {page['id']}: missing {page['path']}index.html or index.json")
    print(f"opendata: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
