#!/usr/bin/env bash
# The README's first command: installs what is missing, builds nashr and typesets the sample
# reports into out/: each in its three editions (screen, print, archive; docs/editions.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
nashr=build/release/nashr
"$nashr" --version
shopt -s nullglob
reports=(reports/*.xml)
if ((${#reports[@]} == 0)); then
  echo "quickstart: no sample reports in reports/ yet" >&2
  exit 0
fi
"$nashr" build --edition screen,print,archive -o out "${reports[@]}"
ls -l out/
