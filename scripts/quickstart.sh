#!/usr/bin/env bash
# The README's first command: installs what is missing, builds nashr, typesets the sample
# reports into out/, each in its three editions (screen, print, archive; docs/editions.md), and
# writes three subscriber copies of each screen edition (an English name, a Persian one, a mixed
# one: reports/sample-subscribers.csv) into out/<name>-copies/ under a demonstration key.
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
mkdir -p out
if [[ ! -s out/demo-publisher.key ]]; then
  (umask 077 && head -c 32 /dev/urandom | base64 >out/demo-publisher.key)
fi
"$nashr" build --edition screen,print,archive -o out --subscribers reports/sample-subscribers.csv --key-file out/demo-publisher.key "${reports[@]}"
ls -l out/ out/*-copies/
