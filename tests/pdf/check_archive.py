#!/usr/bin/env python3
"""Checks the PDF/A-2u rules (2a for a tagged file) that can be read from an archive edition (docs/editions.md lists them
and the ones not checked). Reads the file with `qpdf --json=2` and its XMP with an XML parser.
Prints one line per broken rule and exits 1 when any is; exits 2 when qpdf is missing."""
import base64
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from content_colours import colour_operators

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "prism": "http://prismstandard.org/namespaces/basic/2.0/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
FORBIDDEN_KEYS = {"/Encrypt", "/JavaScript", "/JS", "/AA", "/EmbeddedFiles", "/Alternates", "/OPI", "/PS"}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide"}

problems = []
# U (PDF/A-2u), or A (2a) when the file is tagged: then the tagged-PDF rules of
# tags/check_structure.py must hold too (6.8: MarkInfo, a structure tree, all content tagged or an
# artifact, standard types, /Lang).
CONFORMANCE = ["U"]


def problem(text):
    problems.append(text)


def text(value):
    """A qpdf JSON string ("u:…" or "b:hex") as text."""
    if isinstance(value, str) and value.startswith("u:"):
        return value[2:]
    if isinstance(value, str) and value.startswith("b:"):
        data = bytes.fromhex(value[2:])
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    return value


def main(path):
    if shutil.which("qpdf") is None:
        print("qpdf is missing: install Debian's qpdf (scripts/setup.sh does)")
        return 2
    raw = open(path, "rb").read()
    if not raw.startswith(b"%PDF-1.7\n"):
        problem("the header is not %PDF-1.7")
    second = raw.split(b"\n")[1]
    if not (second.startswith(b"%") and len(second) >= 5 and all(b >= 128 for b in second[1:5])):
        problem("no comment of four bytes >= 128 after the header")
    if not raw.rstrip().endswith(b"%%EOF"):
        problem("the file does not end with %%EOF")
    dump = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", path],
                                     check=True, capture_output=True).stdout)
    objects = dump["qpdf"][1]

    def resolve(value):
        while isinstance(value, str) and value.endswith(" R"):
            entry = objects["obj:" + value]
            value = entry.get("value", entry.get("stream"))
        return value

    def stream(reference):
        entry = objects["obj:" + reference]["stream"]
        return entry["dict"], base64.b64decode(entry.get("data", ""))

    trailer = objects["trailer"]["value"]
    if "/Encrypt" in trailer:
        problem("the file is encrypted")
    if len(trailer.get("/ID", [])) != 2:
        problem("the trailer has no /ID of two strings")
    catalog = resolve(trailer["/Root"])
    if "/StructTreeRoot" in catalog:
        CONFORMANCE[0] = "A"
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tags"))
        import check_structure
        for line in check_structure.check(path):
            problem("PDF/A-2a (tagged): " + line)
    if catalog.get("/Version", "/1.7") != "/1.7":
        problem("the catalog's /Version differs from the header")
    info = resolve(trailer["/Info"])

    # Every object: no forbidden keys, actions, transparency groups or interpolation.
    for name, entry in objects.items():
        body = entry.get("value", entry.get("stream", {}).get("dict"))
        if not isinstance(body, dict):
            continue
        for key in FORBIDDEN_KEYS & body.keys():
            problem(f"{name} has {key}")
        if body.get("/S") in FORBIDDEN_ACTIONS:
            problem(f"{name} is a {body['/S']} action")
        if body.get("/Interpolate") is True:
            problem(f"{name} asks for interpolation")
        if body.get("/Type") == "/Annot":
            if not (int(body.get("/F", 0)) & 4) or int(body.get("/F", 0)) & (1 | 2 | 32):
                problem(f"{name}: an annotation must be printed and not hidden (/F)")
        if body.get("/Type") == "/Font":
            check_font(name, body, resolve)

    # DeviceCMYK in a page's content with an RGB output intent (ISO 19005-2, 6.2.4.3).
    cmyk = [page for page, operator in colour_operators(objects) if operator.split()[-1] in ("k", "K")]
    if cmyk:
        problem(f"DeviceCMYK colour (k or K) in the content of page {cmyk[0]} with an RGB output intent")

    # The XMP metadata, unfiltered, and what it says.
    if "/Metadata" not in catalog:
        problem("the catalog has no /Metadata")
        return report()
    meta_dict, xmp = stream(catalog["/Metadata"])
    if meta_dict.get("/Type") != "/Metadata" or meta_dict.get("/Subtype") != "/XML":
        problem("/Metadata is not /Type /Metadata /Subtype /XML")
    if "/Filter" in meta_dict:
        problem("the XMP stream is filtered")
    check_xmp(ET.fromstring(xmp), info)

    # The output intent: GTS_PDFA1 with an RGB ICC profile.
    intents = [resolve(i) for i in resolve(catalog.get("/OutputIntents", []))]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        problem("no single /GTS_PDFA1 output intent")
    else:
        profile_dict, profile = stream(pdfa[0]["/DestOutputProfile"])
        if profile[36:40] != b"acsp" or profile[16:20] != b"RGB " or profile_dict.get("/N") != 3:
            problem("the output intent's profile is not an RGB ICC profile with /N 3")
    return report()


def check_font(name, font, resolve):
    subtype = font.get("/Subtype")
    if subtype == "/Type0":
        if "/ToUnicode" not in font:
            problem(f"{name}: a Type0 font without /ToUnicode (PDF/A-2u)")
        for descendant in resolve(font.get("/DescendantFonts", [])):
            check_font(name, resolve(descendant), resolve)
        return
    descriptor = resolve(font.get("/FontDescriptor", {}))
    if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
        problem(f"{name}: font {font.get('/BaseFont')} is not embedded")


def check_xmp(root, info):
    descriptions = root.findall(".//rdf:Description", NS)

    def value(path):
        for description in descriptions:
            found = description.find(path, NS)
            if found is not None:
                return "".join(found.itertext()).strip()
        return None

    expected = {
        "pdfaid:part": "2",
        "pdfaid:conformance": CONFORMANCE[0],
        "dc:title/rdf:Alt/rdf:li": text(info.get("/Title")),
        "dc:creator/rdf:Seq/rdf:li": text(info.get("/Author")),
        "dc:description/rdf:Alt/rdf:li": text(info.get("/Subject")),
        "pdf:Keywords": text(info.get("/Keywords")),
        "pdf:Producer": text(info.get("/Producer")),
        "xmp:CreatorTool": text(info.get("/Creator")),
        "dc:identifier": "urn:ISSN:" + text(info.get("/ISSN")),
        "prism:issn": text(info.get("/ISSN")),
    }
    for path, want in expected.items():
        if value(path) != want:
            problem(f"XMP {path} is {value(path)!r}, Info says {want!r}")
    for key, path in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        date = text(info.get(key, ""))  # D:YYYYMMDDHHmmSS+00'00'
        want = f"{date[2:6]}-{date[6:8]}-{date[8:10]}T{date[10:12]}:{date[12:14]}:{date[14:16]}+00:00"
        if value(path) != want:
            problem(f"XMP {path} is {value(path)!r}, Info's {key} is {date!r}")
    for path in ("prism:volume", "prism:number", "prism:coverDate", "dc:language/rdf:Bag/rdf:li", "dc:date/rdf:Seq/rdf:li"):
        if not value(path):
            problem(f"XMP has no {path}")
    declared = {e.text for e in root.iter("{%s}name" % NS["pdfaProperty"])}
    used = {el.tag.split("}")[1] for d in descriptions for el in d if el.tag.startswith("{%s}" % NS["prism"])}
    if not used <= declared:
        problem(f"PRISM properties {sorted(used - declared)} are not described in the extension schema")


def report():
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
