#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, builds, and runs every test
# through ctest, first in the release preset, then under AddressSanitizer + UBSan, then the libFuzzer
# targets for a bounded time each (the fuzz preset, clang). NASHR_TEST_PRESETS="release" limits the presets.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
for preset in ${NASHR_TEST_PRESETS:-release asan fuzz}; do
  echo "== $preset: build" >&2
  scripts/build.sh "$preset"
  echo "== $preset: test" >&2
  ctest --preset "$preset"
done
