#!/usr/bin/env bash
# Runs one libFuzzer target for NASHR_FUZZ_SECONDS (default 12) with issue 12's limits (10 s, 2 GB per
# input). ctest calls it for every target; scripts/fuzz.sh sets the time for longer runs.
#   fuzz/run.sh EXECUTABLE MAX_LEN DICT CORPUS [SEEDS...]
set -euo pipefail
executable=$1 max_len=$2 dict=$3 corpus=$4
shift 4
mkdir -p "$corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
exec "$executable" -max_total_time="${NASHR_FUZZ_SECONDS:-12}" -timeout=10 -rss_limit_mb=2048 \
  -max_len="$max_len" -dict="$dict" -print_final_stats=1 "$corpus" "$@"
