#!/usr/bin/env bash
# Makes the sample issues' charts: each SVG here becomes the PDF the report names (vectors and fonts
# kept). The PDFs are committed; run this after editing an SVG. Needs rsvg-convert (Debian:
# librsvg2-bin) and finds the repository's fonts through a fontconfig file of its own.
set -euo pipefail
cd "$(dirname "$0")"
fonts=$(cd ../../fonts && pwd)
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' "$fonts" "${TMPDIR:-/tmp}/nashr-fc-cache" >"$config"
for svg in *.svg; do
  FONTCONFIG_FILE="$config" SOURCE_DATE_EPOCH=0 rsvg-convert -f pdf -o "${svg%.svg}.pdf" "$svg"
done
