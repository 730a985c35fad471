#!/usr/bin/env python3
"""Prints each link annotation of a PDF with the characters its rectangle covers, read back with real
readers: qpdf --json for the annotations, MuPDF's structured text (mutool draw -F stext) for where
each character's glyph is. Usage: link_areas.py FILE.pdf

One line per annotation: PAGE<TAB>TARGET<TAB>LEFT,TOP,RIGHT,BOTTOM<TAB>CHARACTERS (their centres in
the rectangle, spaces left out, in MuPDF's order). Then one line per character that the rectangle
cuts (partly inside): CUT<TAB>PAGE<TAB>TARGET<TAB>CHARACTER. Exit 2 when a tool is missing."""
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

TOLERANCE = 0.6  # points: a glyph's box may stick out of the area by this much (rounding, side bearings)


def need(tool):
    if shutil.which(tool) is None:
        print(f"link_areas.py needs {tool} (scripts/setup.sh installs it)", file=sys.stderr)
        sys.exit(2)


def annotations(pdf):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf", pdf],
                         check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    objects = data["qpdf"][1]

    def resolve(value):
        if isinstance(value, str) and value.endswith(" R"):
            return objects["obj:" + value]["value"]
        return value

    result = []
    for number, page in enumerate(data["pages"], start=1):
        page_dict = resolve(page["object"])
        height = float(resolve(page_dict["/MediaBox"])[3])
        for ref in resolve(page_dict.get("/Annots", [])):
            annot = resolve(ref)
            if annot.get("/Subtype") != "/Link":
                continue
            x0, y0, x1, y1 = (float(v) for v in resolve(annot["/Rect"]))
            action = resolve(annot.get("/A", {}))
            target = action.get("/URI", "") if action else ""
            if target.startswith("u:"):
                target = target[2:]
            if not target:
                target = "#" + str(annot.get("/Dest", "")).lstrip("/")
            result.append((number, target, (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))))
    return result


def characters(pdf):
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf], check=True, capture_output=True).stdout
    pages = []
    for page in ET.fromstring(out).iter("page"):
        chars = []
        for char in page.iter("char"):
            q = [float(v) for v in char.get("quad").split()]
            xs, ys = q[0::2], q[1::2]
            chars.append((char.get("c"), min(xs), min(ys), max(xs), max(ys)))
        pages.append(chars)
    return pages


def main():
    need("qpdf")
    need("mutool")
    pdf = sys.argv[1]
    pages = characters(pdf)
    cuts = []
    for number, target, (left, top, right, bottom) in annotations(pdf):
        inside = []
        for c, x0, y0, x1, y1 in pages[number - 1]:
            if c.isspace():
                continue
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if not (top <= cy <= bottom):
                continue  # another line
            if left <= cx <= right:
                inside.append(c)
                if x0 < left - TOLERANCE or x1 > right + TOLERANCE:
                    cuts.append((number, target, c))
            elif x1 > left + TOLERANCE and x0 < right - TOLERANCE:
                cuts.append((number, target, c))
        print(f"{number}\t{target}\t{left:.2f},{top:.2f},{right:.2f},{bottom:.2f}\t{''.join(inside)}")
    for number, target, c in cuts:
        print(f"CUT\t{number}\t{target}\t{c}")


main()
