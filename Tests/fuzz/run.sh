#!/usr/bin/env bash
# Fuzzes every reader of untrusted input with libFuzzer for a bounded time and fails on any crash.
#
#   bash Tests/fuzz/run.sh [SECONDS] [READER...]      from anywhere; SECONDS per reader (default 20)
#
# 1. Builds `zicht-fuzz` in release mode with libFuzzer and AddressSanitizer into .build-fuzz (its
#    own scratch folder: the sanitizers make it a second build of ZichtCore, ZichtGeo, ZichtSources
#    and Yams, nothing else).
# 2. Per reader (all of `zicht-fuzz --list` unless named): replays the regression inputs in
#    Tests/fuzz/regressions/READER (inputs that crashed once), then fuzzes for SECONDS from the seed
#    corpus Tests/fuzz/corpus/READER. New inputs go to $FUZZ_OUT/corpus/READER (not committed), a
#    crashing or hanging input to $FUZZ_OUT/crashes/READER/.
# 3. Prints executions, executions per second and coverage (libFuzzer's `cov`: instrumented edges
#    reached) per reader, and exits non-zero if any reader crashed, hung (> 10 s on one input) or ran
#    out of memory (> 2 GB).
# Settings, from the environment: FUZZ_OUT (default .build-fuzz/runs), FUZZ_JOBS (parallel readers,
# default 1), FUZZ_MAX_LEN (largest input in bytes, default 65536).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
shift || true
out="${FUZZ_OUT:-.build-fuzz/runs}"
max_len="${FUZZ_MAX_LEN:-65536}"
# Leaks are not findings here: Foundation's DateFormatter keeps character sets it never frees
# (swift-corelibs-foundation), and every reader that parses a date would be reported.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

swift build -c release --scratch-path .build-fuzz --product zicht-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -DZICHT_FUZZ 2>&1 | tail -n 3
fuzz="$(swift build -c release --scratch-path .build-fuzz --show-bin-path)/zicht-fuzz"

if [ "$#" -gt 0 ]; then readers=("$@"); else mapfile -t readers < <("$fuzz" --list | awk 'NR > 2 {print $1}'); fi

fuzz_one() { # READER: replays the regressions, then fuzzes; output in $out/logs/READER.log
  local reader="$1" log="$out/logs/$1.log"
  mkdir -p "$out/corpus/$reader" "$out/crashes/$reader" "$out/logs"
  local regressions="Tests/fuzz/regressions/$reader"
  : > "$log"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    "$fuzz" "$reader" -runs=0 -timeout=10 "$regressions" >> "$log" 2>&1 || return 1
  fi
  "$fuzz" "$reader" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$reader/" "$out/corpus/$reader" "Tests/fuzz/corpus/$reader" >> "$log" 2>&1
}

failed=()
pids=()
names=()
for reader in "${readers[@]}"; do
  fuzz_one "$reader" &
  pids+=("$!")
  names+=("$reader")
  if [ "${#pids[@]}" -ge "${FUZZ_JOBS:-1}" ]; then
    wait "${pids[0]}" || failed+=("${names[0]}")
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for index in "${!pids[@]}"; do wait "${pids[$index]}" || failed+=("${names[$index]}"); done

printf '\n%-13s %12s %10s %8s %8s\n' reader executions "exec/s" cov corpus
for reader in "${readers[@]}"; do
  log="$out/logs/$reader.log"
  executions=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -n 1)
  speed=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -n 1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')
  printf '%-13s %12s %10s %8s %8s\n' "$reader" "${executions:--}" "${speed:--}" "${coverage:--}" "${corpus:--}"
done
if [ "${#failed[@]}" -gt 0 ]; then
  for reader in "${failed[@]}"; do
    echo "zicht-fuzz $reader FAILED; the end of $out/logs/$reader.log:" >&2
    tail -n 40 "$out/logs/$reader.log" >&2
    ls "$out/crashes/$reader" >&2 || true
  done
  exit 1
fi
echo "no crashes in ${#readers[@]} readers (${seconds} s each)"
