#!/usr/bin/env bash
# The subscriber-copies benchmark (issue 13): `nashr distribute` on the 3-page sample issue and on a
# 100-page synthetic issue (bench/gen-issue.py), against one `qpdf --encrypt` process per copy (AES-256,
# R6) on the same file, measured in the same run. Prints a Markdown table for bench/README.md: wall
# time and CPU time (user + system) per copy, and peak RSS at a tenth and at all of the copies (flat
# when it does not grow with the number of copies).
#
#   bench/distribute.sh [--nashr PATH] [--small N] [--large N] [--qpdf-sample N] [--keep DIR]
#   bench/distribute.sh [--nashr PATH] --rss 1000,4000,16000
#
# --small: copies of the sample (default 10000); --large: copies of the 100-page issue (default
# 1000); --qpdf-sample: qpdf processes timed per issue (default 200; the per-process figures are
# their mean). --rss: only peak RSS of the sample's copies for each count, on 1 and 2 threads.
# Exit status: 0, 2 usage or a missing tool, 3 a command failed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nashr="$repo/build/release/nashr"
small=10000
large=1000
qpdf_sample=200
keep=""
rss_counts=""

while (($#)); do
  case "$1" in
    --nashr) nashr="${2:?}"; shift 2 ;;
    --small) small="${2:?}"; shift 2 ;;
    --large) large="${2:?}"; shift 2 ;;
    --qpdf-sample) qpdf_sample="${2:?}"; shift 2 ;;
    --keep) keep="${2:?}"; shift 2 ;;
    --rss) rss_counts="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "distribute.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in qpdf python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "distribute.sh: $tool is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done
[[ -x $nashr ]] || { echo "distribute.sh: no $nashr: scripts/build.sh release" >&2; exit 2; }

if [[ -n $keep ]]; then work="$keep"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
export SOURCE_DATE_EPOCH=1736899200

"$nashr" build -o "$work" "$repo/reports/persian-files-29-2.xml" >/dev/null
python3 "$repo/bench/gen-issue.py" --pages 100 --variant ltr -o "$work/issue-100.xml" >/dev/null
"$nashr" build -o "$work" "$work/issue-100.xml" >/dev/null
head -c 32 /dev/urandom | base64 >"$work/key"
chmod 600 "$work/key"

# N subscribers: English, Persian and mixed names in turn.
subscribers() {
  python3 - "$1" <<'PY'
import sys
names = ["Jane Doe", "مریم احمدی", "Sara (سارا) Karimi", "Reza Moradi", "نگار رضایی"]
print("id,name")
for i in range(int(sys.argv[1])):
    print(f"S-{i:06d},{names[i % len(names)]} {i}")
PY
}

# "wall cpu rss_kb" of a command.
measure() {
  local log="$work/time.log"
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null 2>"$work/err.log" || { cat "$work/err.log" >&2; exit 3; }
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$log"
}

if [[ -n $rss_counts ]]; then
  echo "| copies of the sample | peak RSS, -j1 | peak RSS, -j2 |"
  echo "|---:|---:|---:|"
  for n in ${rss_counts//,/ }; do
    subscribers "$n" >"$work/subs-$n.csv"
    row="| $n |"
    for threads in 1 2; do
      rm -rf "$work/copies"
      read -r _ _ rss < <(measure "$nashr" distribute "$work/persian-files-29-2.pdf" --subscribers "$work/subs-$n.csv" \
        --key-file "$work/key" -o "$work/copies" -j "$threads")
      row+=" $(awk -v kb="$rss" 'BEGIN { printf "%.1f", kb / 1024 }') MiB |"
    done
    echo "$row"
  done
  exit 0
fi

per() { awk -v total="$1" -v n="$2" 'BEGIN { printf "%.2f", 1000 * total / n }'; }

echo "| issue | copies | nashr wall/copy | nashr CPU/copy | peak RSS at n/10 → n | qpdf wall/process | qpdf CPU/process | wall ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for pair in "persian-files-29-2:$small" "issue-100:$large"; do
  issue="${pair%%:*}" n="${pair##*:}"
  pdf="$work/$issue.pdf"
  subscribers "$n" >"$work/subs-$n.csv"
  subscribers "$((n / 10))" >"$work/subs-tenth.csv"
  rm -rf "$work/copies"
  read -r _ _ rss_tenth < <(measure "$nashr" distribute "$pdf" --subscribers "$work/subs-tenth.csv" --key-file "$work/key" -o "$work/copies-tenth")
  rm -rf "$work/copies-tenth"
  read -r wall cpu rss < <(measure "$nashr" distribute "$pdf" --subscribers "$work/subs-$n.csv" --key-file "$work/key" -o "$work/copies")
  rm -rf "$work/copies"
  # One qpdf process per copy, one after another, as a shell loop over the subscribers runs them.
  cat >"$work/qpdf-loop.sh" <<SH
for i in \$(seq $qpdf_sample); do qpdf --encrypt "" owner-\$i 256 -- "$pdf" "$work/q.pdf"; done
SH
  read -r q_wall q_cpu _ < <(measure bash "$work/qpdf-loop.sh")
  nashr_wall=$(per "$wall" "$n") qpdf_wall=$(per "$q_wall" "$qpdf_sample")
  echo "| $issue ($(qpdf --show-npages "$pdf") pages) | $n | ${nashr_wall} ms | $(per "$cpu" "$n") ms | $((rss_tenth / 1024)) → $((rss / 1024)) MiB | ${qpdf_wall} ms | $(per "$q_cpu" "$qpdf_sample") ms | $(awk -v a="$nashr_wall" -v b="$qpdf_wall" 'BEGIN { printf "1/%.1f", b / a }') |"
done
