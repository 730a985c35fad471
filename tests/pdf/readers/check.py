#!/usr/bin/env python3
"""One reader family's text-layer test (ctest pdf.readers.*): typesets the two sample issues and a
100-page synthetic issue of each direction with nashr, has the reader extract their text, and
scores the Persian and English words against the source (score.py). Fails when a share is below
its minimum or when the reader is missing (never skips).

    check.py build --nashr EXE --scratch DIR
    check.py FAMILY --scratch DIR [--min DOC=PERSIAN,ENGLISH ...] [--drop-zwnj]

FAMILY: poppler-layout, poppler-raw (pdftotext), mutool (Debian's mupdf-tools), mupdf, pdfjs,
pdfium (npm, tests/pdf/readers/node_modules). DOC: en, fa (reports/), ltr100, rtl100
(bench/gen-issue.py --pages 100). Documents without a --min are not checked. `build` typesets the
four documents once into DIR/pdfs (the ctest fixture every family's test requires), so that the six
families share one build of each.
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
NPM_PACKAGES = {"mupdf": "mupdf", "pdfjs": "pdfjs-dist", "pdfium": os.path.join("@embedpdf", "pdfium")}


def extract_command(family, pdf, out):
    if family in ("poppler-layout", "poppler-raw"):
        return ["pdftotext", "-layout" if family == "poppler-layout" else "-raw", pdf, out]
    if family == "mutool":
        return ["mutool", "draw", "-q", "-F", "txt", "-o", out, pdf]
    return ["node", os.path.join(HERE, "extract.mjs"), family, pdf]


def missing_reader(family):
    tool = {"poppler-layout": "pdftotext", "poppler-raw": "pdftotext", "mutool": "mutool"}.get(family, "node")
    if shutil.which(tool) is None:
        return f"{tool} is not installed: run scripts/setup.sh"
    if family in NPM_PACKAGES and not os.path.isdir(os.path.join(HERE, "node_modules", NPM_PACKAGES[family])):
        return (f"{NPM_PACKAGES[family]} is not installed in tests/pdf/readers: run scripts/setup.sh "
                "(npm ci there, pinned by package-lock.json)")
    return None


DOCS = ("en", "fa", "ltr100", "rtl100")


def report_of(doc, scratch):
    if doc in ("en", "fa"):
        return os.path.join(REPO, "reports", "persian-files-29-2" + ("-fa" if doc == "fa" else "") + ".xml")
    return os.path.join(scratch, f"issue-{doc}.xml")


def pdf_of(doc, scratch):
    return os.path.join(scratch, os.path.splitext(os.path.basename(report_of(doc, scratch)))[0] + ".pdf")


def build(nashr, scratch):
    os.makedirs(scratch, exist_ok=True)
    for doc in DOCS:
        if doc not in ("en", "fa"):
            subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen-issue.py"), "--pages", "100",
                            "--variant", doc[:3], "-o", report_of(doc, scratch)], check=True)
        if os.path.exists(pdf_of(doc, scratch)):
            os.remove(pdf_of(doc, scratch))
    subprocess.run([nashr, "build", "-o", scratch] + [report_of(doc, scratch) for doc in DOCS], check=True,
                   stdout=subprocess.DEVNULL)
    return 0


def check_document(family, spec, pdfs, scratch, drop_zwnj):
    """Extracts one document's text with the reader and scores it: (what to print, passed)."""
    doc, minimums = spec.split("=")
    persian, english = minimums.split(",")
    report = report_of(doc, pdfs)
    pdf = pdf_of(doc, pdfs)
    if not os.path.exists(pdf):
        return f"pdf.readers.{family}: {pdf} is missing: the fixture pdf.readers.build makes it\n", False
    text = os.path.join(scratch, f"{doc}.txt")
    command = extract_command(family, pdf, text)
    if command[0] == "node":
        with open(text, "w", encoding="utf-8") as out:
            result = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True)
    else:
        result = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        return f"{family} failed on {pdf}: {result.stderr}\n", False
    scored = subprocess.run([sys.executable, os.path.join(HERE, "score.py"), report, text,
                             "--persian", persian, "--english", english, "--label", f"{family} {doc}"]
                            + (["--drop-zwnj"] if drop_zwnj else []), stdout=subprocess.PIPE, text=True)
    return scored.stdout, scored.returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("family")
    parser.add_argument("--nashr")
    parser.add_argument("--scratch", required=True)
    parser.add_argument("--min", action="append", default=[])
    parser.add_argument("--drop-zwnj", action="store_true")
    args = parser.parse_args()
    pdfs = os.path.join(args.scratch, "pdfs")
    if args.family == "build":
        return build(args.nashr, pdfs)
    problem = missing_reader(args.family)
    if problem:
        print(f"pdf.readers.{args.family}: the reader is missing: {problem}", file=sys.stderr)
        return 1
    scratch = os.path.join(args.scratch, args.family)
    os.makedirs(scratch, exist_ok=True)
    # The documents are read and scored two at a time (the readers and difflib are single-threaded;
    # CI has two cores): the test takes half as long.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda spec: check_document(args.family, spec, pdfs, scratch, args.drop_zwnj),
                                args.min))
    for output, passed in results:
        sys.stdout.write(output)
    ok = all(passed for _, passed in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
