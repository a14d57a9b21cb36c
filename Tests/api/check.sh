#!/usr/bin/env bash
# Checks the API's OpenAPI document (Sources/ZichtServer/API): valid OpenAPI 3 (openapi-spec-validator
# from PyPI), the served openapi.json equal to openapi.yaml, and the NL GOV API Design Rules that can
# be tested on a document; first a self-test that plants one fault per rule.
# The pinned venv ($API_VENV, default .venv-api) is made or updated when requirements.txt changed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${API_VENV:-$ROOT/.venv-api}
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$HERE/requirements.txt" "$VENV/.zicht-requirements.txt"; then
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
    cp "$HERE/requirements.txt" "$VENV/.zicht-requirements.txt"
fi
"$VENV/bin/python" "$HERE/check_openapi.py" --self-test
"$VENV/bin/python" "$HERE/check_openapi.py"
