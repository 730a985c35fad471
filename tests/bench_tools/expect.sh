#!/usr/bin/env bash
# expect.sh STATUS REGEX... -- COMMAND...: runs COMMAND and passes when it exits with STATUS and
# every extended regular expression REGEX matches a line of its output (stdout and stderr together).
set -uo pipefail
want_status="$1"
shift
regexes=()
while (($#)) && [[ "$1" != -- ]]; do
  regexes+=("$1")
  shift
done
[[ "${1:-}" == -- ]] || { echo "expect: usage: expect.sh STATUS REGEX... -- COMMAND..." >&2; exit 2; }
shift
output="$("$@" 2>&1)"
status=$?
printf '%s\n' "$output"
failed=0
if ((status != want_status)); then
  echo "expect: exit status $status, wanted $want_status" >&2
  failed=1
fi
for regex in "${regexes[@]}"; do
  if ! grep -Eq -- "$regex" <<<"$output"; then
    echo "expect: no line of the output matches /$regex/" >&2
    failed=1
  fi
done
exit "$failed"
