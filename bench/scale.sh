#!/usr/bin/env bash
# The whole-process scaling benchmark (issue 6): generates synthetic issues of N = 2, 100 and 1000
# pages (bench/gen-issue.py), times `nashr build` on each as a user runs it, and checks the targets:
# 2 pages under 50 ms, 1000 pages under 1 s, peak RSS under 150 MiB at 1000 pages, and
# time(1000) <= 11 x time(100). bench/README.md explains it and holds the results.
#
#   bench/scale.sh [--nashr PATH] [--sizes 2,100,1000] [--variants ltr,rtl] [--repeat 3]
#                  [--seed 1] [--words-per-page LTR,RTL] [--keep DIR] [--mode build|check] [--notes]
#
# Exit status: 0 every target met, 1 a target missed, 2 usage or a missing tool,
# 3 `nashr build` (or check) failed: its message is printed.
set -euo pipefail

sizes="2,100,1000"
variants="ltr,rtl"
repeat=3
seed=1
keep=""
mode="build"
words_per_page=""
with_notes=""

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  cat <<'EOF'

  --nashr PATH     the nashr executable (default build/release/nashr)
  --sizes LIST     approximate page counts N (default 2,100,1000)
  --variants LIST  ltr (English issue, style persian-files), rtl (Persian, persian-files-fa)
  --repeat R       timed runs per issue after one warm-up run; the best wall time counts,
                   and the largest peak RSS (default 3)
  --seed S         the generator's seed (default 1)
  --words-per-page LTR,RTL
                   the generator's calibration for each variant (default its own: 494,607);
                   the script suggests values when the PDFs' page counts are off
  --keep DIR       write the issues, PDFs and logs to DIR and keep them (default: a temporary
                   folder, removed afterwards)
  --mode check     time `nashr check --strict` (reading, validation and layout, no PDF) instead of
                   `nashr build`; no PDF, no targets
  --notes          a footnote after every paragraph of the issues (gen-issue.py --notes; issue 15:
                   compare the time a page with the same sizes without it)
EOF
}

bench_name="scale"
# shellcheck source=bench/options.sh
source "$(dirname "${BASH_SOURCE[0]}")/options.sh"
parse_bench_options --nashr:nashr --sizes:sizes --variants:variants --repeat:repeat --seed:seed --keep:keep \
  --mode:mode --words-per-page:words_per_page --notes:with_notes=--notes -- "$@"

[[ "$mode" == build || "$mode" == check ]] || die_usage "--mode is build or check, not '$mode'"
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || die_usage "--repeat takes a whole number from 1, not '$repeat'"
[[ "$seed" =~ ^[0-9]+$ ]] || die_usage "--seed takes a whole number, not '$seed'"
IFS=, read -r -a size_list <<<"$sizes"
IFS=, read -r -a variant_list <<<"$variants"
for n in "${size_list[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die_usage "--sizes takes page counts from 1, not '$n'"
done
for v in "${variant_list[@]}"; do
  [[ "$v" == ltr || "$v" == rtl ]] || die_usage "--variants takes ltr and rtl, not '$v'"
done
declare -A calibration=()
if [[ -n "$words_per_page" ]]; then
  [[ "$words_per_page" =~ ^([1-9][0-9]+),([1-9][0-9]+)$ ]] ||
    die_usage "--words-per-page takes two numbers, LTR,RTL (e.g. 494,607), not '$words_per_page'"
  calibration[ltr]="--words-per-page=${BASH_REMATCH[1]}"
  calibration[rtl]="--words-per-page=${BASH_REMATCH[2]}"
fi

if [[ ! -x "$nashr" ]]; then
  echo "scale: no nashr executable at $nashr" >&2
  echo "  hint: cmake --preset release && cmake --build --preset release --target nashr, or --nashr PATH" >&2
  exit 2
fi
for tool in /usr/bin/time python3 pdfinfo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "scale: $tool is missing" >&2
    echo "  hint: scripts/setup.sh installs it (packages time, python3, poppler-utils)" >&2
    exit 2
  fi
done
if ((BASH_VERSINFO[0] < 5)); then
  echo "scale: bash 5 or later is needed (EPOCHREALTIME for microsecond wall times)" >&2
  exit 2
fi

if [[ -n "$keep" ]]; then
  mkdir -p "$keep"
  work="$(cd "$keep" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/nashr-scale.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi

# Microseconds since the epoch, from bash's own clock: /usr/bin/time's wall clock has only 10 ms
# steps, too coarse for the 50 ms target. /usr/bin/time supplies the peak RSS.
now_us() {
  local t="${EPOCHREALTIME/[.,]/}"
  echo "$t"
}

# run_once FILE OUTDIR LOG TIMEFILE: one timed run; sets last_us, last_cpu_us and last_rss_kib.
run_once() {
  local file="$1" outdir="$2" log="$3" timefile="$4" start end status=0
  local -a command
  if [[ "$mode" == build ]]; then
    command=("$nashr" build -o "$outdir" "$file")
  else
    command=("$nashr" check --strict "$file")
  fi
  start="$(now_us)"
  /usr/bin/time -v -o "$timefile" "${command[@]}" >"$log" 2>&1 || status=$?
  end="$(now_us)"
  if ((status != 0)); then
    echo "" >&2
    if [[ "$mode" == build && $status -eq 3 ]] && grep -q "typesetting is not part of this build yet" "$log"; then
      echo "scale: nashr build cannot typeset yet: this nashr was built before the layout wiring" >&2
      echo "  (issue 6) landed, so there is nothing to measure. nashr said:" >&2
      sed 's/^/    /' "$log" >&2
      echo "  hint: build a nashr whose \`nashr build\` writes PDFs, or time \`nashr check\`" >&2
      echo "        with --mode check (not the benchmark's result)" >&2
    else
      echo "scale: \`${command[*]}\` failed with exit status $status; its output:" >&2
      tail -n 20 "$log" | sed 's/^/    /' >&2
    fi
    exit 3
  fi
  last_us=$((end - start))
  last_rss_kib="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$timefile")"
  [[ -n "$last_rss_kib" ]] || { echo "scale: /usr/bin/time -v gave no peak RSS ($timefile)" >&2; exit 3; }
  # User plus system CPU time: less sensitive than the wall time to a busy machine.
  last_cpu_us="$(awk -F': ' '/^[[:space:]]*(User|System) time \(seconds\)/ { t += $2 }
    END { printf "%d", t * 1000000 }' "$timefile")"
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
# /usr/bin/time counts CPU time in 10 ms steps.
cpu_ms() { if (($1 == 0)); then echo "<10"; else ms "$1"; fi; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.1f", kib / 1024 }'; }

echo "nashr scaling benchmark: $("$nashr" --version 2>/dev/null | head -n 1 || echo "$nashr")"
echo "mode: $mode$([[ "$mode" == check ]] && echo " (nashr check --strict: reading, validation and layout, no PDF; no targets)")"
echo "machine: $(nproc) cores, $(uname -srm); best of $repeat runs after a warm-up; seed $seed"
echo "work folder: $work"
echo ""

declare -A best_us rss_kib
rows=()
notes=()
for variant in "${variant_list[@]}"; do
  for n in "${size_list[@]}"; do
    name="issue-$variant-$n"
    file="$work/$name.xml"
    stats="$(python3 "$repo/bench/gen-issue.py" --pages "$n" --variant "$variant" --seed "$seed" \
      ${calibration[$variant]:+"${calibration[$variant]}"} ${with_notes:+"$with_notes"} -o "$file" --stats 2>&1)" ||
      { echo "scale: gen-issue.py failed: $stats" >&2; exit 3; }
    words="$(sed -n 's/^gen-issue: \([0-9]*\) words.*/\1/p' <<<"$stats")"
    calibrated="$(sed -n 's/.*target [0-9]*: \([0-9]*\) a page.*/\1/p' <<<"$stats")"
    outdir="$work/out-$name"
    mkdir -p "$outdir"
    printf 'running %-4s N=%-5s' "$variant" "$n" >&2
    run_once "$file" "$outdir" "$work/$name.log" "$work/$name.time" # warm-up: fonts into the page cache
    best=""
    best_cpu=""
    peak=0
    for ((i = 0; i < repeat; i++)); do
      run_once "$file" "$outdir" "$work/$name.log" "$work/$name.time"
      printf ' %sms' "$(ms "$last_us")" >&2
      if [[ -z "$best" ]] || ((last_us < best)); then best=$last_us; fi
      if [[ -z "$best_cpu" ]] || ((last_cpu_us < best_cpu)); then best_cpu=$last_cpu_us; fi
      if ((last_rss_kib > peak)); then peak=$last_rss_kib; fi
    done
    echo "" >&2
    best_us[$variant-$n]=$best
    rss_kib[$variant-$n]=$peak
    pages="-"
    pdf_size="-"
    if [[ "$mode" == build ]]; then
      pdf="$outdir/$name.pdf"
      if [[ ! -s "$pdf" ]]; then
        echo "scale: nashr build succeeded but wrote no $pdf" >&2
        exit 3
      fi
      pages="$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages:[[:space:]]*//p')"
      [[ -n "$pages" ]] || { echo "scale: pdfinfo cannot read $pdf" >&2; exit 3; }
      pdf_size="$(awk -v b="$(stat -c %s "$pdf")" 'BEGIN { printf "%.2f", b / 1048576 }')"
      # The targets speak of pages: say so when the generator's page estimate is more than 15 %
      # off (from 20 pages; small issues are mostly masthead and summaries).
      if ((n >= 20)) && ! awk -v p="$pages" -v n="$n" 'BEGIN { exit !(p >= 0.85 * n && p <= 1.15 * n) }'; then
        notes+=("$variant N=$n came out at $pages pages: $(awk -v w="$words" -v p="$pages" 'BEGIN { printf "%.0f", w / p }') words a page against the generator's $calibrated; rerun with --words-per-page to match")
      fi
    fi
    xml_size="$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.2f", b / 1048576 }')"
    rows+=("$(printf '%-7s %6s %6s %8s %9s %10s %8s %10s %9s' "$variant" "$n" "$pages" "$words" \
      "$xml_size" "$(ms "$best")" "$(cpu_ms "$best_cpu")" "$(mib "$peak")" "$pdf_size")")
  done
done

echo ""
printf '%-7s %6s %6s %8s %9s %10s %8s %10s %9s\n' variant N pages words "XML MiB" "wall ms" "CPU ms" "peak RSS" "PDF MiB"
printf '%-7s %6s %6s %8s %9s %10s %8s %10s %9s\n' "" "" "(pdf)" "" "" "(best)" "(best)" "MiB" ""
for row in "${rows[@]}"; do echo "$row"; done
echo ""
for note in "${notes[@]}"; do echo "note: $note"; done

for variant in "${variant_list[@]}"; do
  if [[ -n "${best_us[$variant-100]:-}" && -n "${best_us[$variant-1000]:-}" ]]; then
    echo "$variant: time(1000) / time(100) = $(awk -v a="${best_us[$variant-1000]}" -v b="${best_us[$variant-100]}" 'BEGIN { printf "%.2f", a / b }')"
  fi
done

if [[ "$mode" == check ]]; then
  echo ""
  echo "targets: not evaluated (they are for nashr build)"
  exit 0
fi

# Each target, for every variant measured at the sizes it needs.
echo ""
echo "targets:"
missed=0
checked=0
report_target() { # ok? description
  checked=$((checked + 1))
  if [[ "$1" == 1 ]]; then
    echo "  met     $2"
  else
    echo "  MISSED  $2"
    missed=$((missed + 1))
  fi
}
for variant in "${variant_list[@]}"; do
  if [[ -n "${best_us[$variant-2]:-}" ]]; then
    t="${best_us[$variant-2]}"
    report_target "$((t < 50000))" "$variant: 2 pages in under 50 ms ($(ms "$t") ms)"
  fi
  if [[ -n "${best_us[$variant-1000]:-}" ]]; then
    t="${best_us[$variant-1000]}"
    r="${rss_kib[$variant-1000]}"
    report_target "$((t < 1000000))" "$variant: 1000 pages in under 1 s ($(ms "$t") ms)"
    report_target "$((r < 150 * 1024))" "$variant: peak RSS under 150 MiB at 1000 pages ($(mib "$r") MiB)"
    if [[ -n "${best_us[$variant-100]:-}" ]]; then
      t100="${best_us[$variant-100]}"
      report_target "$((t <= 11 * t100))" "$variant: 1000 pages in at most 11 x the time of 100 ($(awk -v a="$t" -v b="$t100" 'BEGIN { printf "%.2f", a / b }') x)"
    fi
  fi
done
if ((checked == 0)); then
  echo "  none apply to these sizes (the targets are for N = 2, 100 and 1000)"
  exit 0
fi
if ((missed > 0)); then
  echo ""
  echo "scale: $missed of $checked targets missed" >&2
  exit 1
fi
echo ""
echo "all $checked targets met"
