#!/usr/bin/env bash
# Cross-checks against Python peer libraries (pointpats, esda, pyfixest, statsmodels, ...).
#
# Installs the pinned requirements of every Tests/peers/requirements-*.txt into .venv-peers, then runs
# every Tests/peers/check_*.py with ZICHT set to the built zicht binary. Each check prints what it
# compared and exits non-zero on a mismatch. Run from the package root after `swift build`.
#   bash Tests/peers/run.sh            all checks
#   bash Tests/peers/run.sh knox       only check_knox*.py
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${PEERS_VENV:-.venv-peers}"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/pip" install -q --disable-pip-version-check $(printf -- '-r %s ' Tests/peers/requirements-*.txt)
export ZICHT="${ZICHT:-$(swift build --show-bin-path)/zicht}"
status=0
for check in Tests/peers/check_${1:-}*.py; do
  [ -e "$check" ] || continue
  printf -- '-- %s\n' "$check"
  if ! "$venv/bin/python" "$check"; then
    echo "FAILED: $check"
    status=1
  fi
done
exit $status
