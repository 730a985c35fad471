#!/usr/bin/env bash
# The batch benchmark (issue 19): N two-page reports built by one `nashr build -o DIR FOLDER` call
# against N `nashr build` calls of one report each, as a Makefile or a shell loop would. Target:
# the batch at least 3 times faster. bench/README.md explains it and holds the results.
#
#   bench/batch.sh [--nashr PATH] [--count 500] [--pages 2] [--repeat 3] [--jobs N] [--keep DIR]
#
# Exit status: 0 target met, 1 target missed, 2 usage or a missing tool, 3 a build failed.
set -euo pipefail

count=500
pages=2
repeat=3
jobs=""
keep=""

usage() { sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
bench_name="batch"
# shellcheck source=bench/options.sh
source "$(dirname "${BASH_SOURCE[0]}")/options.sh"
parse_bench_options --nashr:nashr --count:count --pages:pages --repeat:repeat --jobs:jobs --keep:keep -- "$@"
[[ -x /usr/bin/time ]] || { echo "batch: /usr/bin/time is missing (scripts/setup.sh installs it)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "batch: python3 is missing (scripts/setup.sh installs it)" >&2; exit 2; }
[[ -x $nashr ]] || { echo "batch: no nashr at $nashr: build it first (scripts/build.sh release)" >&2; exit 2; }

if [[ -n $keep ]]; then work="$keep"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/reports"
# The reports' styles and fonts are found beside their folder, as in a project of the user's.
ln -sfn "$repo/styles" "$work/styles"
ln -sfn "$repo/fonts" "$work/fonts"
for ((i = 1; i <= count; i++)); do
  variant=ltr; ((i % 2 == 0)) && variant=rtl
  file="$work/reports/r$(printf %04d "$i").xml"
  [[ -f $file ]] || python3 "$repo/bench/gen-issue.py" --pages "$pages" --variant "$variant" --seed "$i" -o "$file"
done
jobs_option=()
[[ -n $jobs ]] && jobs_option=(-j "$jobs")

# Wall time, and user + system CPU time (steadier than the wall time on a busy machine), of a command.
measure() { /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null || return 1; read -r wall user sys <"$work/time"; cpu=$(echo "$user + $sys" | bc); }
min() { if [[ -z $1 ]] || (($(echo "$2 < $1" | bc))); then echo "$2"; else echo "$1"; fi; }
export nashr work
best_batch="" best_calls="" cpu_batch="" cpu_calls=""
for ((run = 0; run <= repeat; run++)); do  # run 0 warms the page cache and is not counted
  rm -rf "$work/batch" "$work/calls"
  measure "$nashr" build "${jobs_option[@]}" -o "$work/batch" "$work/reports" || { echo "batch: the batch build failed" >&2; exit 3; }
  batch=$wall batch_cpu=$cpu
  measure bash -c 'for file in "$work"/reports/*.xml; do "$nashr" build "$@" -o "$work/calls" "$file" || exit 1; done' \
    calls "${jobs_option[@]}" || { echo "batch: a single build failed" >&2; exit 3; }
  calls=$wall calls_cpu=$cpu
  ((run == 0)) && continue
  echo "run $run: batch ${batch} s (CPU ${batch_cpu} s), calls ${calls} s (CPU ${calls_cpu} s)" >&2
  best_batch=$(min "$best_batch" "$batch") best_calls=$(min "$best_calls" "$calls")
  cpu_batch=$(min "$cpu_batch" "$batch_cpu") cpu_calls=$(min "$cpu_calls" "$calls_cpu")
done
if ! diff -rq "$work/batch" "$work/calls" >/dev/null; then
  echo "batch: the batch's PDFs differ from the single calls'" >&2
  exit 3
fi
ratio=$(echo "scale=2; $best_calls / $best_batch" | bc)
cpu_ratio=$(echo "scale=2; $cpu_calls / $cpu_batch" | bc)
printf '%d reports of %d pages, -j %s: one call %.2f s wall (%.2f s CPU), %d calls %.2f s wall (%.2f s CPU): %.2fx wall, %.2fx CPU\n' \
  "$count" "$pages" "${jobs:-default}" "$best_batch" "$cpu_batch" "$count" "$best_calls" "$cpu_calls" "$ratio" "$cpu_ratio"
if (($(echo "$ratio >= 3" | bc))); then echo "target (batch >= 3x faster): met"; else echo "target (batch >= 3x faster): MISSED"; exit 1; fi
