#!/bin/sh
# Self-test of the browser checks: the good fixture site must pass, the bad one must fail with
# every planted problem reported. Usage: Tests/browser/selftest.sh  (installs the toolchain first)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
VENV=${VENV:-$(cd "$HERE/../.." && pwd)/.venv-browser}
export VENV
"$HERE/install.sh" >/dev/null
PY="$VENV/bin/python"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
errors=0
fail() { echo "selftest: FAIL: $*"; errors=$((errors + 1)); }

# expect FILE TEXT DESCRIPTION: TEXT (fixed string) must occur in FILE
expect() { grep -qF -- "$2" "$1" || fail "$3 not reported (expected '$2')"; }

# ---- good site: everything passes, screenshots at both widths --------------------------------
rc=0
"$PY" "$HERE/check_site.py" "$HERE/fixtures/good" --shots "$TMP/shots" \
    --screenshot-page index.html --screenshot-page verantwoording/ >"$TMP/good.txt" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "good site: exit status $rc, expected 0"
tail -n 1 "$TMP/good.txt" | grep -qE '^browser: [0-9]+ passed, 0 failed$' \
    || fail "good site: last line is not 'browser: N passed, 0 failed'"
# PNG width is the big-endian uint32 at byte 16 (IHDR)
for shot in index-1280:1280 index-320:320 verantwoording-1280:1280 verantwoording-320:320; do
    f="$TMP/shots/${shot%%:*}.png"
    w=$("$PY" -c 'import sys; d=open(sys.argv[1],"rb").read(24); print(int.from_bytes(d[16:20],"big") if d[:8]==b"\x89PNG\r\n\x1a\n" else 0)' "$f" 2>/dev/null || echo 0)
    [ "$w" = "${shot##*:}" ] || fail "screenshot $f: width $w, expected ${shot##*:}"
done

# ---- bad site: fails, and reports every planted problem --------------------------------------
rc=0
"$PY" "$HERE/check_site.py" "$HERE/fixtures/bad" --shots "$TMP/shots-bad" >"$TMP/bad.txt" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "bad site: exit status $rc, expected 1"
tail -n 1 "$TMP/bad.txt" | grep -qE '^browser: [0-9]+ passed, [1-9][0-9]* failed$' \
    || fail "bad site: last line is not 'browser: N passed, M failed' with M > 0"
expect "$TMP/bad.txt" "FAIL index.html:" "failing page line"
expect "$TMP/bad.txt" "OK   other.html:" "passing page line"
expect "$TMP/bad.txt" "axe: [critical] image-alt:" "missing alt (axe)"
expect "$TMP/bad.txt" '<a href="ontbreekt.html">: /ontbreekt.html does not exist' "broken internal link"
expect "$TMP/bad.txt" 'no element with id="bestaat-niet" on other.html' "broken #anchor"
expect "$TMP/bad.txt" "reflow: page scrolls horizontally: scrollWidth 6" "horizontal overflow at 320px"
expect "$TMP/bad.txt" "reflow: body > main > div.te-breed sticks out" "600px-wide element"
expect "$TMP/bad.txt" '<script src="https://cdn.example.com/tracker.js">: external resource' "external script"
expect "$TMP/bad.txt" "external request while loading: https://images.example.com/" "external CSS url()"
expect "$TMP/bad.txt" "html: line" "vnu error with line number"
# vnu quotes element names with typographic quotes
# shellcheck disable=SC1111
expect "$TMP/bad.txt" "Element “div” not allowed as child of element “span”" "vnu content-model error"

if [ "$errors" -ne 0 ]; then
    echo "--- good site output"; cat "$TMP/good.txt"
    echo "--- bad site output"; cat "$TMP/bad.txt"
    echo "selftest: $errors problem(s)"
    exit 1
fi
echo "selftest: ok (good site passes, bad site fails with all planted problems)"
