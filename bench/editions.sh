#!/usr/bin/env bash
# The editions benchmark (issue 18): `nashr build --edition screen,print,archive --timings` on the
# sample issue and on synthetic issues (bench/gen-issue.py); the first edition costs everything
# before the writer plus its own write, each further edition only its write. Prints, per issue, the
# best of R runs of each share, and fails when the print or archive edition costs 30 % or more of
# the first. bench/README.md ("Editions") holds the results.
#
#   bench/editions.sh [--nashr PATH] [--pages 100,1000] [--repeat 3]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nashr="$repo/build/release/nashr"
pages="100,1000"
repeat=3
while [ $# -gt 0 ]; do
  case "$1" in
    --nashr) nashr="$2"; shift 2 ;;
    --pages) pages="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    *) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 2 ;;
  esac
done
[ -x "$nashr" ] || { echo "editions.sh: no nashr at $nashr (build it first)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
issues=("$repo/reports/persian-files-29-2.xml")
for n in ${pages//,/ }; do
  python3 "$repo/bench/gen-issue.py" --pages "$n" --seed 1 -o "$work/synthetic-$n.xml"
  cp "$repo/styles/persian-files.xml" "$work/persian-files.xml"
  sed -i 's|style="persian-files"|style="persian-files.xml"|' "$work/synthetic-$n.xml"
  issues+=("$work/synthetic-$n.xml")
done

status=0
printf '%-28s %10s %10s %10s %8s %8s\n' issue "first ms" "print ms" "archive ms" "print %" "archive %"
for issue in "${issues[@]}"; do
  best=""
  for _ in $(seq 0 "$repeat"); do  # one warm-up run, then R timed ones
    line="$("$nashr" build --timings --edition screen,print,archive -o "$work/out" "$issue" 2>&1 >/dev/null |
            grep 'nashr: timings')"
    total="$(sed -n 's/.*total \([0-9.]*\) ms.*/\1/p' <<<"$line")"
    print="$(sed -n 's/.*write_pdf_print \([0-9.]*\) ms.*/\1/p' <<<"$line")"
    archive="$(sed -n 's/.*write_pdf_archive \([0-9.]*\) ms.*/\1/p' <<<"$line")"
    first="$(python3 -c "print(round($total - $print - $archive, 1))")"
    row="$first $print $archive"
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $first < ${best%% *} else 1)"; then best="$row"; fi
  done
  read -r first print archive <<<"$best"
  shares="$(python3 -c "print(f'{100*$print/$first:.1f} {100*$archive/$first:.1f}')")"
  read -r print_share archive_share <<<"$shares"
  printf '%-28s %10s %10s %10s %8s %8s\n' "$(basename "$issue")" "$first" "$print" "$archive" "$print_share" "$archive_share"
  if python3 -c "import sys; sys.exit(0 if max($print_share, $archive_share) >= 30 else 1)"; then status=1; fi
done
exit $status
