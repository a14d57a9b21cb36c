# Shared helpers of the benchmark scripts; sourced, not run.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt_install PACKAGE...: installs Debian packages, updating the package lists only when needed.
apt_install() {
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; then
        as_root apt-get update -q >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
    fi
}

# busy_percent: how busy the CPUs were (0–100) over one second, from /proc/stat.
busy_percent() {
    local a b
    a=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit}' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit}' /proc/stat)
    echo "$a $b" | awk '{busy = $3 - $1; idle = $4 - $2; total = busy + idle; if (total < 1) total = 1; printf "%d", 100 * busy / total}'
}

# wait_for_quiet: waits (at most QUIET_WAIT seconds, default 20) until other processes use under
# 10% of the CPUs, so that a run is not timed while something else is compiling; prints the last reading.
wait_for_quiet() {
    local busy waited=0
    busy=$(busy_percent)
    while [ "$busy" -ge 10 ] && [ "$waited" -lt "${QUIET_WAIT:-20}" ]; do
        busy=$(busy_percent)
        waited=$((waited + 1))
    done
    echo "$busy"
}
