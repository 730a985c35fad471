#!/usr/bin/env python3
"""Checks a print edition's page boxes (docs/editions.md): on every page the TrimBox is the page as
typeset, 12 mm inside the MediaBox, and the BleedBox 3 mm outside the TrimBox. Exits 1 on a
mismatch (one line each), 2 when qpdf is missing."""
import json
import shutil
import subprocess
import sys

MM = 72 / 25.4


def main(path, width, height):
    if shutil.which("qpdf") is None:
        print("qpdf is missing: install Debian's qpdf (scripts/setup.sh does)")
        return 2
    dump = json.loads(subprocess.run(["qpdf", "--json=2", path], check=True, capture_output=True).stdout)
    objects = dump["qpdf"][1]
    bad = []
    for number, page in enumerate(dump["pages"], 1):
        body = objects["obj:" + page["object"]]["value"]
        media, trim, bleed = body.get("/MediaBox"), body.get("/TrimBox"), body.get("/BleedBox")
        if trim is None or bleed is None:
            bad.append(f"page {number}: no TrimBox or BleedBox")
            continue
        want_trim = [12 * MM, 12 * MM, 12 * MM + width, 12 * MM + height]
        want_bleed = [want_trim[0] - 3 * MM, want_trim[1] - 3 * MM, want_trim[2] + 3 * MM, want_trim[3] + 3 * MM]
        want_media = [0, 0, width + 24 * MM, height + 24 * MM]
        for name, got, want in (("TrimBox", trim, want_trim), ("BleedBox", bleed, want_bleed),
                                ("MediaBox", media, want_media)):
            if any(abs(float(g) - w) > 0.01 for g, w in zip(got, want)):
                bad.append(f"page {number}: {name} {got}, expected {[round(w, 3) for w in want]}")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])))
