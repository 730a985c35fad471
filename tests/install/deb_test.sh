#!/usr/bin/env bash
# deb_test.sh BINARY_DIR: cpack's package holds nashr and its data under /usr and depends on the
# libraries nashr links, so `apt-get install ./nashr_*.deb` pulls them on a fresh Debian 12.
set -euo pipefail
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb test: $*" >&2; exit 1; }
command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps is missing (dpkg-dev; scripts/setup.sh installs it)"
(cd "$binary" && cpack -G DEB -B "$work" >/dev/null) || fail "cpack failed"
deb=$(ls "$work"/nashr_*_*.deb)
contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/nashr ./usr/lib/nashr/nashr-preview.so ./usr/lib/nashr/nashr-qpdf.so ./usr/share/nashr/styles/persian-files.xml ./usr/share/nashr/schema/report.rng \
            ./usr/share/man/man1/nashr.1 ./usr/share/bash-completion/completions/nashr; do
  [[ $contents == *" $file"* ]] || fail "$file is not in the package"
done
depends=$(dpkg-deb -f "$deb" Depends)
for library in libpoppler-cpp libqpdf libicu libharfbuzz0b libharfbuzz-subset libfreetype libhpdf libtinyxml2 libdeflate libnettle libpng libjpeg libc6; do
  [[ $depends == *"$library"* ]] || fail "Depends lacks $library: $depends"
done
echo "deb test: $(basename "$deb"): Depends: $depends"
