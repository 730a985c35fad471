#!/usr/bin/env bash
# install_test.sh BINARY_DIR SOURCE_DIR BUILD_TREE_NASHR
set -euo pipefail
binary=$1 source=$2 built=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$binary" --prefix "$work/prefix" >/dev/null
prefix=$work/prefix
for file in bin/nashr lib/nashr/nashr-preview.so lib/nashr/nashr-qpdf.so share/nashr/styles/persian-files.xml share/nashr/styles/persian-files-fa.xml \
            share/nashr/schema/report.rng share/man/man1/nashr.1 share/bash-completion/completions/nashr; do
  [[ -f $prefix/$file ]] || fail "$file was not installed"
done
[[ -n $(find "$prefix/share/nashr/fonts" -name "*.ttf" -print -quit) ]] || fail "no fonts in share/nashr/fonts"
# No source or build path is compiled into the executable for finding its data. Debug information and
# the names of source files (assert's __FILE__, a sanitizer's metadata in the asan preset) do name
# the source folder; neither is a place nashr looks, so they are left out of the search.
objcopy --strip-debug "$prefix/bin/nashr" "$work/nashr-stripped"
if strings -a "$work/nashr-stripped" | grep -F "$source" | grep -v -E '\.(cpp|h|hpp|c)(:[0-9]+)?$' | grep -q .; then
  fail "bin/nashr holds the source path $source: $(strings -a "$work/nashr-stripped" | grep -F "$source" | head -3)"
fi

# A sample built from another folder, with no styles/ or fonts/ beside it: the installed data is used,
# and the PDF is the one the build tree's nashr writes.
mkdir -p "$work/elsewhere"
cp "$source/reports/persian-files-29-2-fa.xml" "$work/elsewhere/"
cp -r "$source/reports/charts" "$work/elsewhere/"
(cd "$work/elsewhere" && "$prefix/bin/nashr" build -o out persian-files-29-2-fa.xml) || fail "the installed nashr failed"
[[ -s $work/elsewhere/out/persian-files-29-2-fa.pdf ]] || fail "no PDF"
"$built" build -o "$work/reference" "$source/reports/persian-files-29-2-fa.xml"
cmp "$work/elsewhere/out/persian-files-29-2-fa.pdf" "$work/reference/persian-files-29-2-fa.pdf" ||
  fail "the installed nashr's PDF differs from the build tree's"

# Render and diff load poppler's module from lib/nashr/ (not linked into nashr: src/preview/poppler_api.h).
ldd "$prefix/bin/nashr" | grep -q poppler && fail "bin/nashr links poppler; only lib/nashr/nashr-preview.so should"
(cd "$work/elsewhere" && "$prefix/bin/nashr" render out/persian-files-29-2-fa.pdf --pages 1-1 --dpi 30 -o pages) ||
  fail "the installed nashr could not render a page"
[[ -s $work/elsewhere/pages/persian-files-29-2-fa-1.png ]] || fail "render wrote no PNG"
mv "$prefix/lib/nashr/nashr-preview.so" "$work/moved.so"
set +e
message=$(cd "$work/elsewhere" && "$prefix/bin/nashr" render out/persian-files-29-2-fa.pdf -o pages2 2>&1)
status=$?
set -e
[[ $status == 3 && $message == *"nashr-preview.so"* ]] || fail "without its module render exits $status: $message"

# PDF figures and subscriber copies load libqpdf's module from lib/nashr/ (not linked into nashr either:
# src/base/loadable_module.h); the sample's chart is a PDF figure.
ldd "$prefix/bin/nashr" | grep -q -E 'libqpdf|gnutls' && fail "bin/nashr links libqpdf or GnuTLS; only lib/nashr/nashr-qpdf.so should"
mv "$prefix/lib/nashr/nashr-qpdf.so" "$work/moved-qpdf.so"
set +e
message=$(cd "$work/elsewhere" && "$prefix/bin/nashr" build -o out-without persian-files-29-2-fa.xml 2>&1)
status=$?
set -e
[[ $status == 1 && $message == *"nashr-qpdf.so"* && $message == *"persian-files-29-2-fa.xml:"* ]] ||
  fail "without libqpdf's module a report with a PDF figure exits $status: $message"
[[ ! -e $work/elsewhere/out-without/persian-files-29-2-fa.pdf ]] || fail "a PDF was written without the figure's module"
mv "$work/moved-qpdf.so" "$prefix/lib/nashr/nashr-qpdf.so"

# A style not found: the error names every place looked, the installed styles/ among them.
sed 's/style="persian-files-fa"/style="no-such-style"/' "$source/reports/persian-files-29-2-fa.xml" >"$work/elsewhere/lost.xml"
set +e
message=$("$prefix/bin/nashr" check "$work/elsewhere/lost.xml" 2>&1)
status=$?
set -e
[[ $status == 1 ]] || fail "a missing style exits $status, not 1: $message"
for place in "$work/styles/no-such-style.xml" "$work/elsewhere/styles/no-such-style.xml" \
             "$prefix/share/nashr/styles/no-such-style.xml"; do
  [[ $message == *"$place"* ]] || fail "the error does not name $place: $message"
done

# The man page renders and the completion completes.
man -l "$prefix/share/man/man1/nashr.1" 2>/dev/null | grep -q "typeset XML reports mixing" || fail "man page"
completed=$(bash -c 'source "$1"; COMP_WORDS=(nashr ch); COMP_CWORD=1; _nashr; echo "${COMPREPLY[*]}"' _ \
            "$prefix/share/bash-completion/completions/nashr")
[[ $completed == check ]] || fail "bash completion gave '$completed' for 'nashr ch'"
echo "install test: passed"
