#!/usr/bin/env bash
# The tables benchmark (issue 14): a synthetic issue of 200 tables (bench/gen-tables.py) against a
# text-only issue of the same number of pages (bench/gen-issue.py), each built by `nashr build`;
# prints CPU time (perf stat's task clock, all threads), instructions where the machine counts them
# ("-" where perf cannot, as in a VM without a PMU) and the best wall time per page, and checks the
# target: a page of tables costs at most 2x a page of text in CPU time. bench/README.md holds the
# results.
#
#   bench/tables.sh [--nashr PATH] [--tables 200] [--variants ltr,rtl] [--repeat 3]
#
# Exit status: 0 the target met, 1 missed, 2 a missing tool, 3 a build failed.
set -euo pipefail

tables=200
variants="ltr,rtl"
repeat=3

usage() { sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
bench_name="tables"
# shellcheck source=bench/options.sh
source "$(dirname "${BASH_SOURCE[0]}")/options.sh"
parse_bench_options --nashr:nashr --tables:tables --variants:variants --repeat:repeat -- "$@"
for tool in perf pdfinfo python3; do
  command -v "$tool" >/dev/null || { echo "tables: $tool is missing (apt-get install linux-perf poppler-utils python3)" >&2; exit 2; }
done
[[ -x "$nashr" ]] || { echo "tables: no nashr at $nashr (build the release preset)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/nashr-tables.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1736899200

# measure FILE: sets instructions, cpu_ms (task-clock), wall_ms (best of $repeat after a warm-up), pages.
measure() {
  local file="$1" name out start end best=""
  name="$(basename "$file" .xml)"
  out="$work/out-$name"
  mkdir -p "$out"
  "$nashr" build -o "$out" "$file" >"$work/$name.log" 2>&1 || { echo "tables: building $file failed:" >&2; cat "$work/$name.log" >&2; exit 3; }
  for ((i = 0; i < repeat; i++)); do
    start="${EPOCHREALTIME/[.,]/}"
    perf stat -x, -e instructions,task-clock -o "$work/$name.perf" "$nashr" build -o "$out" "$file" >/dev/null 2>&1
    end="${EPOCHREALTIME/[.,]/}"
    local us=$((end - start))
    if [[ -z "$best" || $us -lt $best ]]; then
      best=$us
      instructions="$(awk -F, '$3 ~ /^instructions/ { print ($1 ~ /^[0-9]+$/ ? $1 : "-") }' "$work/$name.perf")"
      cpu_ms="$(awk -F, '$3 ~ /^task-clock/ { printf "%.1f", $1 }' "$work/$name.perf")"
    fi
  done
  wall_ms="$(awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }')"
  pages="$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ { print $2 }')"
}

status=0
printf '%-7s %-12s %6s %14s %12s %10s %10s %12s\n' variant issue pages instructions "instr/page" "CPU ms" "wall ms" "CPU ms/page"
IFS=, read -r -a variant_list <<<"$variants"
for variant in "${variant_list[@]}"; do
  python3 "$repo/bench/gen-tables.py" --tables "$tables" --variant "$variant" -o "$work/tables-$variant.xml"
  cp -r "$repo/styles" "$work/" 2>/dev/null || true
  measure "$work/tables-$variant.xml"
  t_pages=$pages t_instr=$instructions t_cpu=$cpu_ms t_wall=$wall_ms
  python3 "$repo/bench/gen-issue.py" --pages "$t_pages" --variant "$variant" -o "$work/text-$variant.xml" >/dev/null
  measure "$work/text-$variant.xml"
  for row in "tables $t_pages $t_instr $t_cpu $t_wall" "text $pages $instructions $cpu_ms $wall_ms"; do
    read -r issue p n c w <<<"$row"
    per_page="-"
    [[ "$n" == - ]] || per_page=$((n / p))
    printf '%-7s %-12s %6s %14s %12s %10s %10s %12s\n' "$variant" "$issue" "$p" "$n" "$per_page" "$c" "$w" \
      "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.2f", c / p }')"
  done
  ratio="$(awk -v a="$t_cpu" -v ap="$t_pages" -v b="$cpu_ms" -v bp="$pages" 'BEGIN { printf "%.2f", (a / ap) / (b / bp) }')"
  wall_ratio="$(awk -v a="$t_wall" -v ap="$t_pages" -v b="$wall_ms" -v bp="$pages" 'BEGIN { printf "%.2f", (a / ap) / (b / bp) }')"
  if awk -v r="$ratio" 'BEGIN { exit !(r <= 2) }'; then verdict=met; else verdict=MISSED; status=1; fi
  echo "$variant: a page of tables costs ${ratio}x a page of text in CPU time (${wall_ratio}x in wall time): target <= 2x $verdict"
done
exit $status
