#!/usr/bin/env bash
# Installs every Debian package that building, testing and benchmarking nashr needs.
# Idempotent: when every package is already installed it does nothing (no apt-get update).
# Runs as root on a fresh Debian 12; uses sudo otherwise.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  libharfbuzz-dev libfreetype-dev libicu-dev libtinyxml2-dev libhpdf-dev nettle-dev
  libpng-dev libjpeg-dev libdeflate-dev libmimalloc-dev libxxhash-dev
  # subscriber copies (AES-256), the ISSN barcode, English hyphenation, previews and diffs
  libqpdf-dev libzint-dev libhyphen-dev hyphen-en-us libpoppler-cpp-dev icc-profiles-free
  # tests and benchmarks; clang with libFuzzer's runtime for the fuzz preset
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  # readers and tools the tests drive
  poppler-utils qpdf mupdf-tools libxml2-utils libharfbuzz-bin unicode-data time zbar-tools
  # the install tests: the man page rendered, the Debian package's Depends (dpkg-shlibdeps)
  man-db dpkg-dev
  # the benchmark's issue generator (bench/gen-issue.py); not in a minimal Debian install
  python3
)

# node and npm for the reader tests (pdf.js, MuPDF, PDFium): Debian's, unless the machine already has a node and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The readers of the text-layer tests (tests/pdf/readers: pdf.js, MuPDF and PDFium from npm), at the
# versions its lock file pins. The tests fail, never skip, without them; so does this script when
# npm cannot install them.
readers_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/pdf/readers"
if [[ ! -d "$readers_dir/node_modules/pdfjs-dist" || ! -d "$readers_dir/node_modules/mupdf" ||
      ! -d "$readers_dir/node_modules/@embedpdf/pdfium" ]]; then
  echo "setup: installing the readers into tests/pdf/readers (npm ci)" >&2
  (cd "$readers_dir" && npm ci --no-audit --no-fund --silent)
fi
