"""Checks Zicht's OpenAPI document: valid OpenAPI 3 (openapi-spec-validator), the served JSON equal to
the YAML it is written in, and the testable rules of the NL GOV API Design Rules (ids as in the
standard, Logius-standaarden/API-Design-Rules, sections/designRules.md).

Usage: check_openapi.py              check
       check_openapi.py --write      write openapi.json from openapi.yaml, then check
       check_openapi.py --self-test  plant one fault per rule in a copy and expect each to be caught
Exit status 1 with one line per problem, each naming the rule and where in the document.
"""
from __future__ import annotations

import json
import pathlib
import re
import sys

import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

FOLDER = pathlib.Path(__file__).resolve().parents[2] / "Sources" / "ZichtServer" / "API"
YAML_FILE, SWIFT_FILE = FOLDER / "openapi.yaml", FOLDER / "APIDocument+JSON.swift"
SWIFT_HEAD = """// Made by Tests/api/check_openapi.py --write from openapi.yaml; do not edit (CI checks it).
extension APIDocument {
    /// The OpenAPI document served at `/api/v1/openapi.json`.
    static let text = #\"\"\"
"""
SWIFT_TAIL = '\n"""#\n}\n'


def served_json() -> object:
    """The JSON compiled into the server."""
    text = SWIFT_FILE.read_text(encoding="utf-8")
    if not text.startswith(SWIFT_HEAD) or not text.endswith(SWIFT_TAIL):
        raise ValueError(f"{SWIFT_FILE.name} is not in the form --write makes")
    return json.loads(text[len(SWIFT_HEAD):-len(SWIFT_TAIL)])
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def resolve(document: dict, item: dict) -> dict:
    while "$ref" in item:
        node = document
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        item = node
    return item


def design_rule_problems(doc: dict) -> list[str]:
    problems: list[str] = []

    def problem(rule: str, where: str, what: str) -> None:
        problems.append(f"{rule}: {where}: {what}")

    info = doc.get("info", {})
    version = SEMVER.match(str(info.get("version", "")))
    if not version:
        problem("/core/semver", "info.version", f"expected MAJOR.MINOR.PATCH, found {info.get('version')!r}")
    contact = info.get("contact", {})
    for key in ("name", "url", "email"):
        if not contact.get(key):
            problem("/core/doc-openapi-contact", "info.contact", f"no {key}")
    for index, server in enumerate(doc.get("servers", [])):
        url = server.get("url", "")
        if not url.startswith("https://"):
            problem("/core/transport/tls", f"servers[{index}]", f"expected https, found {url}")
        if version and not url.rstrip("/").endswith(f"/v{version.group(1)}"):
            problem("/core/uri-version", f"servers[{index}]", f"expected the major version /v{version.group(1)} at the end of {url}")

    paths = doc.get("paths", {})
    published = paths.get("/openapi.json", {}).get("get")
    if not published or published.get("security") != []:
        problem("/core/publish-openapi", "paths./openapi.json", "expected a GET without security")
    for path, item in paths.items():
        if path != "/" and path.endswith("/"):
            problem("/core/no-trailing-slash", f"paths.{path}", "ends with /")
        for segment in path.strip("/").split("/"):
            if segment.startswith("{") or segment == "openapi.json":
                continue
            if not KEBAB.match(segment):
                problem("/core/path-segments-kebab-case", f"paths.{path}", f"segment {segment!r} is not kebab-case")
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method not in METHODS:
                continue
            where = f"paths.{path}.{method}"
            for parameter in shared + operation.get("parameters", []):
                parameter = resolve(doc, parameter)
                if parameter.get("in") == "query" and not CAMEL.match(parameter["name"]):
                    problem("/core/query-keys-camel-case", where, f"query key {parameter['name']!r}")
            responses = operation.get("responses", {})
            if "default" not in responses and not any(code.startswith(("4", "5")) for code in responses):
                problem("/core/error-handling/all-errors", where, "no error response")
            for code, response in responses.items():
                response = resolve(doc, response)
                if "API-Version" not in response.get("headers", {}):
                    problem("/core/version-header", f"{where}.responses.{code}", "no API-Version header")
                if code == "default" or code.startswith(("4", "5")):
                    content = response.get("content", {})
                    if list(content) != ["application/problem+json"]:
                        problem("/core/error-handling/problem-details", f"{where}.responses.{code}",
                                f"expected only application/problem+json, found {list(content)}")
                        continue
                    schema = resolve(doc, content["application/problem+json"].get("schema", {}))
                    missing = {"status", "title", "detail"} - set(schema.get("required", []))
                    if missing:
                        problem("/core/error-handling/problem-details", f"{where}.responses.{code}",
                                f"the problem schema does not require {sorted(missing)}")

    # Times: every property whose name says it is a moment (…Op: "gemaaktOp") is a date-time.
    def walk(schema: object, where: str) -> None:
        if isinstance(schema, dict):
            for name, value in schema.get("properties", {}).items():
                if re.search(r"[a-z]Op$", name) and isinstance(value, dict) and value.get("format") != "date-time":
                    problem("/core/date-time/format", f"{where}.{name}", "a moment without format: date-time")
            for key, value in schema.items():
                walk(value, f"{where}.{key}")
        elif isinstance(schema, list):
            for index, value in enumerate(schema):
                walk(value, f"{where}[{index}]")

    walk(doc.get("components", {}).get("schemas", {}), "components.schemas")
    return problems


def self_test(source: dict) -> list[str]:
    """Each planted fault must make its rule fire; returns what was not caught."""
    import copy

    def planted(change) -> dict:
        doc = copy.deepcopy(source)
        change(doc)
        return doc

    def drop_header(doc: dict) -> None:
        del doc["paths"]["/documenten"]["get"]["responses"]["200"]["headers"]["API-Version"]

    def json_error(doc: dict) -> None:
        doc["components"]["responses"]["NotFound"]["content"] = {"application/json": {"schema": {"type": "object"}}}

    def lax_problem(doc: dict) -> None:
        doc["components"]["schemas"]["Probleem"]["required"] = ["status"]

    def moment(doc: dict) -> None:
        del doc["components"]["schemas"]["Export"]["properties"]["gemaaktOp"]["format"]

    cases = {
        "/core/version-header": drop_header,
        "/core/path-segments-kebab-case": lambda d: d["paths"].update({"/financieleTabellen": d["paths"]["/documenten"]}),
        "/core/no-trailing-slash": lambda d: d["paths"].update({"/documenten/": d["paths"]["/documenten"]}),
        "/core/query-keys-camel-case": lambda d: d["paths"]["/auditregels"]["get"]["parameters"][0].update({"name": "van_af"}),
        "/core/error-handling/problem-details": json_error,
        "/core/date-time/format": moment,
        "/core/uri-version": lambda d: d["servers"][0].update({"url": "https://zicht.example.nl/api"}),
        "/core/transport/tls": lambda d: d["servers"][0].update({"url": "http://zicht.example.nl/api/v1"}),
        "/core/publish-openapi": lambda d: d["paths"]["/openapi.json"]["get"].pop("security"),
        "/core/doc-openapi-contact": lambda d: d["info"]["contact"].pop("email"),
    }
    missed = []
    for rule, change in cases.items():
        found = design_rule_problems(planted(change))
        if not any(line.startswith(rule + ":") for line in found):
            missed.append(rule)
    lax = planted(lax_problem)
    if not any(line.startswith("/core/error-handling/problem-details") for line in design_rule_problems(lax)):
        missed.append("/core/error-handling/problem-details (schema)")
    return missed


def main(argv: list[str]) -> int:
    source = yaml.safe_load(YAML_FILE.read_text(encoding="utf-8"))
    if "--self-test" in argv:
        missed = self_test(source)
        for rule in missed:
            print(f"check_openapi self-test: the planted fault for {rule} was not caught")
        print(f"check_openapi self-test: {'ok' if not missed else 'FAILED'}")
        return 1 if missed else 0
    if "--write" in argv:
        text = json.dumps(source, ensure_ascii=False, indent=2)
        if '"""#' in text:
            raise SystemExit("the document contains the end of a Swift raw string")
        SWIFT_FILE.write_text(SWIFT_HEAD + text + SWIFT_TAIL, encoding="utf-8")
    problems: list[str] = []
    try:
        if served_json() != source:
            problems.append(f"{SWIFT_FILE.name} does not hold {YAML_FILE.name}: run Tests/api/check_openapi.py --write")
    except (OSError, ValueError) as error:
        problems.append(f"{SWIFT_FILE.name}: {error}")
    try:
        validate(source)
    except OpenAPIValidationError as error:
        problems.append(f"OpenAPI 3: {error.message} at {'/'.join(map(str, error.path))}")
    problems += design_rule_problems(source)
    for line in problems:
        print(f"check_openapi: {line}")
    operations = sum(1 for item in source["paths"].values() for method in item if method in METHODS)
    if problems:
        return 1
    print(f"check_openapi: ok ({len(source['paths'])} paths, {operations} operations; OpenAPI valid; Design Rules checks pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
