#!/usr/bin/env python3
"""The colour operators of a PDF's page content streams (docs/editions.md, "Colours in print"):
`content_colours.py FILE` prints one line per distinct operator with its operands and how often it
occurs ("0 0 0 1 k 812"); check_archive.py uses colour_operators() to refuse DeviceCMYK. Reads the
file with `qpdf --json=2`; exits 2 when qpdf is missing."""
import base64
import collections
import json
import shutil
import subprocess
import sys

COLOUR_OPERATORS = {b"rg", b"RG", b"k", b"K", b"g", b"G", b"cs", b"CS", b"sc", b"SC", b"scn", b"SCN"}
DELIMITERS = b"()<>[]{}/%"
WHITE = b" \t\r\n\f\0"


def tokens(data):
    """The content stream's operands and operators, strings and comments skipped (as '()')."""
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in (b" ", b"\t", b"\r", b"\n", b"\f", b"\0"):
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in (b"\r", b"\n"):
                i += 1
        elif c == b"(":
            depth, i = 1, i + 1
            while i < n and depth:
                if data[i:i + 1] == b"\\":
                    i += 1
                elif data[i:i + 1] == b"(":
                    depth += 1
                elif data[i:i + 1] == b")":
                    depth -= 1
                i += 1
            yield b"()"
        elif data[i:i + 2] in (b"<<", b">>"):
            yield data[i:i + 2]
            i += 2
        elif c == b"<":
            end = data.index(b">", i)
            yield b"()"
            i = end + 1
        elif c in (b"[", b"]", b"{", b"}"):
            yield c
            i += 1
        else:
            start = i
            i += 1
            while i < n and data[i:i + 1] not in WHITE and data[i:i + 1] not in DELIMITERS:
                i += 1
            yield data[start:i]


def is_operand(token):
    return token[:1] in b"0123456789.-+/" or token in (b"()", b"[", b"]", b"<<", b">>")


def colour_operators(objects):
    """[(page number, "c m y k k"), …] for every colour operator in the pages' content streams."""
    def resolve(value):
        while isinstance(value, str) and value.endswith(" R"):
            entry = objects["obj:" + value]
            value = entry.get("value", entry.get("stream"))
        return value

    found = []
    pages = []

    def walk(node):
        node = resolve(node)
        if node.get("/Type") == "/Pages":
            for kid in node.get("/Kids", []):
                walk(kid)
        else:
            pages.append(node)

    catalog = resolve(objects["trailer"]["value"]["/Root"])
    walk(catalog["/Pages"])
    for number, page in enumerate(pages, 1):
        contents = page.get("/Contents", [])
        references = contents if isinstance(contents, list) else [contents]
        data = b"".join(base64.b64decode(objects["obj:" + r]["stream"].get("data", "")) + b"\n" for r in references)
        operands = []
        for token in tokens(data):
            if is_operand(token):
                operands.append(token)
                continue
            if token in COLOUR_OPERATORS:
                found.append((number, b" ".join(operands + [token]).decode("latin-1")))
            operands = []
    return found


def load(path):
    dump = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", path],
                                     check=True, capture_output=True).stdout)
    return dump["qpdf"][1]


def main(path):
    if shutil.which("qpdf") is None:
        print("qpdf is missing: install Debian's qpdf (scripts/setup.sh does)")
        return 2
    counts = collections.Counter(operator for _, operator in colour_operators(load(path)))
    for operator, count in sorted(counts.items()):
        print(operator, count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
