#!/usr/bin/env python3
"""Lists the internal links of a PDF as a reader resolves them, from qpdf's JSON (not our own parser).

  ref_links.py FILE.pdf   prints one line per link to a named destination:
                          "<page of the link> <destination name> <page the destination is on>" (1-based)
"""
import json
import subprocess
import sys

data = json.loads(subprocess.run(["qpdf", "--json=2", sys.argv[1]], check=True, capture_output=True, text=True).stdout)
objects = {key[4:]: value.get("value") for key, value in data["qpdf"][1].items() if key.startswith("obj:")}
page_numbers = {page["object"]: number for number, page in enumerate(data["pages"], 1)}
trailer = data["qpdf"][1]["trailer"]["value"]
catalog = objects[trailer["/Root"]]
dests = catalog.get("/Dests")
dests = objects[dests] if isinstance(dests, str) else (dests or {})
for page_object, number in page_numbers.items():
    annots = objects[page_object].get("/Annots", [])
    if isinstance(annots, str):
        annots = objects[annots]
    for reference in annots:
        annotation = objects[reference] if isinstance(reference, str) else reference
        destination = annotation.get("/Dest")
        if annotation.get("/Subtype") != "/Link" or not isinstance(destination, str):
            continue
        target = dests.get(destination)
        target = objects[target] if isinstance(target, str) and target.endswith(" R") else target
        print(number, destination[1:], page_numbers.get(target[0], 0) if target else 0)
