#!/bin/sh
# Install the browser-check toolchain if needed, then check a generated site.
# Usage: Tests/browser/run.sh SITE_DIR [--shots DIR] [--screenshot-page PATH ...]
# Exit status: that of check_site.py (1 if any check failed). VENV as in install.sh.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-$(cd "$HERE/../.." && pwd)/.venv-browser}
export VENV
"$HERE/install.sh"
exec "$VENV/bin/python" "$HERE/check_site.py" "$@"
