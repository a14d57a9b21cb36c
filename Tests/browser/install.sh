#!/bin/sh
# Install the offline browser-check toolchain for CI (Debian 12 packages + PyPI only):
#   - Debian: chromium + chromium-driver (same source package, so versions always match),
#     fonts-liberation (stable text rendering), default-jre-headless (for vnu.jar)
#   - Python venv ($VENV, default <repo>/.venv-browser) with the pinned packages from
#     requirements.txt, plus axe-playwright-python (--no-deps) only for its bundled axe.min.js.
# Idempotent: every step is skipped when it is already done, so a second run takes well under 1 s.
# Usage: Tests/browser/install.sh        (as root, or with sudo available)
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${VENV:-$ROOT/.venv-browser}
PYTHON=${PYTHON:-python3}
AXE_PKG=axe-playwright-python==0.1.8   # bundles axe-core 4.12.1; its Playwright dependency is not needed
APT_PACKAGES="chromium chromium-driver fonts-liberation default-jre-headless"

log() { echo "install.sh: $*"; }

# Run as root directly, otherwise through sudo.
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi

# ---- 1. Debian packages ----------------------------------------------------------------------
missing=
for pkg in $APT_PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    log "installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # apt-get update only when the package lists are absent (fresh container) or when the
    # install fails with the existing lists (e.g. they are stale).
    if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
        $SUDO apt-get update -qq
        updated=1
    else
        updated=0
    fi
    # shellcheck disable=SC2086  # word splitting of $missing is intended
    if ! $SUDO apt-get install -y -qq --no-install-recommends $missing; then
        [ "$updated" = 1 ] && exit 1
        log "install failed; refreshing package lists and retrying"
        $SUDO apt-get update -qq
        $SUDO apt-get install -y -qq --no-install-recommends $missing
    fi
else
    log "Debian packages already installed"
fi

# ---- 2. Python venv ------------------------------------------------------------------------
# A stamp file records what was installed; if it matches requirements.txt + the axe pin, skip pip.
STAMP="$VENV/.zicht-browser-stamp"
want=$(cat "$HERE/requirements.txt"; echo "$AXE_PKG")
if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    log "venv $VENV up to date"
else
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating venv $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    log "installing pinned Python packages into $VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
    # Only the bundled axe.min.js is used; --no-deps skips Playwright (165 MB).
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps "$AXE_PKG"
    printf '%s\n' "$want" >"$STAMP"
fi
log "ready ($("$VENV/bin/python" -c 'import selenium; print("selenium", selenium.__version__)'), $(chromium --version 2>/dev/null | head -1))"
