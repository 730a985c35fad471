#!/usr/bin/env bash
# Compares the pages of two PDFs as poppler renders them: the same page count and every page's
# pixels identical (pdftoppm, PPM at the given resolution). Used to show that a change to the text
# layer draws nothing differently (docs/pdf.md, "The text layer").
#   scripts/compare-renders.sh before.pdf after.pdf [dpi (default 100)]
set -euo pipefail
before=$1 after=$2 dpi=${3:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdftoppm -r "$dpi" "$before" "$work/a"
pdftoppm -r "$dpi" "$after" "$work/b"
count_a=$(ls "$work"/a-*.ppm | wc -l)
count_b=$(ls "$work"/b-*.ppm | wc -l)
if [[ $count_a != "$count_b" ]]; then
  echo "different page counts: $count_a and $count_b" >&2
  exit 1
fi
differ=0
for page in "$work"/a-*.ppm; do
  other="$work/b-${page##*/a-}"
  if ! cmp -s "$page" "$other"; then
    echo "page ${page##*/a-} differs" >&2
    differ=1
  fi
done
((differ == 0)) && echo "$count_a pages, every page identical at $dpi dpi"
exit "$differ"
