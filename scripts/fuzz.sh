#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and fuzzes one or all of them
# for a while, from their seed corpora and the corpus they keep in build/fuzz/fuzz/corpus/.
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]     TARGET: read_report, read_style, image_check, typeset
#
# CI runs each for NASHR_FUZZ_SECONDS (12 s) through `ctest --preset fuzz`; the hour-long run that
# docs/testing.md records is `scripts/fuzz.sh --seconds 3600 TARGET`. A crash leaves its input as
# crash-* in the current folder and the script exits non-zero. The limits are issue 12's: 10 s and
# 2 GB per input.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
scripts/setup.sh
[[ -f build/fuzz/build.ninja ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(ctest --test-dir build/fuzz -N | sed -n 's/.*Test *#[0-9]*: fuzz\.//p')
fi
status=0
for target in "${targets[@]}"; do
  echo "== fuzz.$target: $seconds s" >&2
  NASHR_FUZZ_SECONDS=$seconds ctest --test-dir build/fuzz -R "^fuzz\.$target\$" --output-on-failure \
    --timeout $((seconds + 300)) || status=1
done
exit $status
