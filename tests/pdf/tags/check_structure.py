#!/usr/bin/env python3
"""Checks a tagged PDF's structure (docs/pdf.md, "Tagged PDF", lists the rules): qpdf --check
clean; MarkInfo, Lang, StructTreeRoot; every MCID of every page reached from the tree exactly once
and the ParentTree agreeing; all painted content inside marked content (a structure element's or an
artifact's); every link annotation with a StructParent, an OBJR from its Link and a /Contents;
figures with /Alt; the standard types' nesting (L/LI/Lbl/LBody, Table/TR/TH/TD); notes with /ID.
Usage: check_structure.py FILE.pdf... Prints each broken rule, exits 1 when any, 2 when qpdf is
missing."""
import base64
import json
import re
import shutil
import subprocess
import sys

PAINTING = {"TJ", "Tj", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}


def string_end(data, i):
    """The index after the literal string that starts at data[i] ("("): nested parentheses balance,
    a backslash escapes the next byte."""
    depth, i = 1, i + 1
    while i < len(data) and depth:
        ch = data[i:i + 1]
        if ch == b"\\":
            i += 2
            continue
        depth += 1 if ch == b"(" else -1 if ch == b")" else 0
        i += 1
    return i


def tokens(data):
    """The operators of a content stream with the depth of marked content each is at, and each
    BDC's operands (tag, properties text). Strings and dictionaries are skipped as operands."""
    i, n = 0, len(data)
    operands = []
    while i < n:
        c = data[i:i + 1]
        if c in b" \t\r\n\f\x00":
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in b"\r\n":
                i += 1
        elif c == b"(":
            end = string_end(data, i)
            operands.append(("string", data[i + 1:end - 1]))
            i = end
        elif data[i:i + 2] == b"<<":
            depth, start, i = 1, i, i + 2
            while i < n and depth:
                if data[i:i + 2] == b"<<":
                    depth, i = depth + 1, i + 2
                elif data[i:i + 2] == b">>":
                    depth, i = depth - 1, i + 2
                elif data[i:i + 1] == b"(":  # a string inside the dictionary
                    i = string_end(data, i)
                else:
                    i += 1
            operands.append(("dict", data[start:i]))
        elif c == b"<":
            end = data.index(b">", i)
            operands.append(("hex", data[i + 1:end]))
            i = end + 1
        elif c in b"[]":
            i += 1
        elif c == b"/":
            m = re.compile(rb"/[^\s/\[\]()<>{}%]*").match(data, i)
            operands.append(("name", m.group(0)))
            i = m.end()
        else:
            m = re.compile(rb"[^\s/\[\]()<>{}%]+").match(data, i)
            if m is None:  # a stray delimiter: not an operator
                i += 1
                continue
            word = m.group(0).decode("latin-1")
            i = m.end()
            if re.fullmatch(r"[-+]?[0-9.]+", word) or word in ("true", "false", "null"):
                operands.append(("number", word))
            else:
                yield word, operands
                operands = []


def main(paths):
    if shutil.which("qpdf") is None:
        print("qpdf is missing: install Debian's qpdf (scripts/setup.sh does)")
        return 2
    problems = []
    for path in paths:
        problems += [f"{path}: {p}" for p in check(path)]
    for p in problems[:60]:
        print(p)
    if len(problems) > 60:
        print(f"... and {len(problems) - 60} more")
    return 1 if problems else 0


def check(path):
    problems = []
    checked = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if checked.returncode != 0 or "WARNING" in checked.stdout + checked.stderr:
        problems.append("qpdf --check is not clean: " + (checked.stdout + checked.stderr).strip()[-400:])
    dump = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized",
                                      path], check=True, capture_output=True).stdout)
    objects = dump["qpdf"][1]

    def entry(ref):
        e = objects["obj:" + ref]
        return e.get("value", e.get("stream", {}).get("dict"))

    def resolve(value):
        while isinstance(value, str) and value.endswith(" R"):
            value = entry(value)
        return value

    def data(ref):
        return base64.b64decode(objects["obj:" + ref]["stream"].get("data", ""))

    catalog = resolve(objects["trailer"]["value"]["/Root"])
    if resolve(catalog.get("/MarkInfo", {})).get("/Marked") is not True:
        problems.append("the catalog has no /MarkInfo << /Marked true >>")
    if not str(catalog.get("/Lang", "")).startswith("u:") or len(catalog.get("/Lang", "")) < 4:
        problems.append("the catalog has no /Lang")
    if resolve(catalog.get("/ViewerPreferences", {})).get("/DisplayDocTitle") is not True:
        problems.append("no /ViewerPreferences << /DisplayDocTitle true >>")
    if "/StructTreeRoot" not in catalog:
        return problems + ["the catalog has no /StructTreeRoot"]
    root_ref = catalog["/StructTreeRoot"]
    root = resolve(root_ref)

    # The pages in order.
    pages = []

    def walk_pages(ref):
        node = entry(ref)
        if node.get("/Type") == "/Pages":
            for kid in node["/Kids"]:
                walk_pages(kid)
        else:
            pages.append(ref)
    walk_pages(catalog["/Pages"])
    page_index = {ref: i for i, ref in enumerate(pages)}

    # The tree: every element's kids, MCRs and OBJRs.
    reached = {}   # (page ref, mcid) → element ref
    objrs = {}     # annotation ref → element ref
    roles = {}
    ids = {}
    stack = [(k, root_ref) for k in (root["/K"] if isinstance(root["/K"], list) else [root["/K"]])]
    seen = set()
    while stack:
        ref, parent = stack.pop()
        if ref in seen:
            problems.append(f"{ref} is in the tree twice")
            continue
        seen.add(ref)
        elem = entry(ref)
        role = elem.get("/S")
        roles[ref] = role
        if elem.get("/P") != parent:
            problems.append(f"{ref} ({role}): /P is not its parent")
        parent_role = roles.get(parent, "/StructTreeRoot")
        rules = {"/LI": {"/L"}, "/Lbl": {"/LI"}, "/LBody": {"/LI"}, "/TR": {"/Table"}, "/TH": {"/TR"},
                 "/TD": {"/TR"}, "/TOCI": {"/TOC"}}
        if role in rules and parent_role not in rules[role]:
            problems.append(f"{ref}: {role} inside {parent_role}")
        if role == "/Figure" and not elem.get("/Alt"):
            problems.append(f"{ref}: a Figure without /Alt")
        if role == "/Note":
            if not elem.get("/ID"):
                problems.append(f"{ref}: a Note without /ID")
            ids[elem.get("/ID")] = ref
        kids = elem.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        for kid in reversed(kids):
            if isinstance(kid, int):
                if "/Pg" not in elem:
                    problems.append(f"{ref}: an MCID without /Pg")
                    continue
                key = (elem["/Pg"], kid)
            elif isinstance(kid, str):
                stack.append((kid, ref))
                continue
            elif kid.get("/Type") == "/MCR":
                key = (kid["/Pg"], kid["/MCID"])
            elif kid.get("/Type") == "/OBJR":
                objrs[kid["/Obj"]] = ref
                if roles[ref] != "/Link":
                    problems.append(f"{ref}: an OBJR outside a Link")
                continue
            else:
                problems.append(f"{ref}: a kid that is neither an element, an MCID, an MCR nor an OBJR")
                continue
            if key in reached:
                problems.append(f"MCID {key[1]} of page {page_index.get(key[0])} is reached twice")
            reached[key] = ref

    # The ParentTree, flattened.
    parent_tree = {}

    def walk_numbers(node):
        node = resolve(node)
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            parent_tree[nums[i]] = nums[i + 1]
        for kid in node.get("/Kids", []):
            walk_numbers(kid)
    walk_numbers(root.get("/ParentTree", {}))
    next_key = root.get("/ParentTreeNextKey", 0)

    # Each page: its MCIDs as its content stream gives them; painting only inside marked content.
    for index, ref in enumerate(pages):
        page = entry(ref)
        contents = page.get("/Contents", [])
        contents = contents if isinstance(contents, list) else [contents]
        stream = b"\n".join(data(c) for c in contents)
        depth = 0
        mcids = []
        for op, operands in tokens(stream):
            if op in ("BDC", "BMC"):
                depth += 1
                if op == "BDC" and operands and operands[-1][0] == "dict":
                    m = re.search(rb"/MCID\s+(\d+)", operands[-1][1])
                    if m:
                        mcids.append(int(m.group(1)))
            elif op == "EMC":
                depth -= 1
                if depth < 0:
                    problems.append(f"page {index + 1}: EMC without BDC")
                    depth = 0
            elif op in PAINTING and depth == 0:
                problems.append(f"page {index + 1}: '{op}' outside marked content (neither tagged nor an artifact)")
                break
        if depth != 0:
            problems.append(f"page {index + 1}: {depth} marked-content sequences left open")
        if len(set(mcids)) != len(mcids):
            problems.append(f"page {index + 1}: an MCID used twice")
        in_tree = sorted(m for (p, m) in reached if p == ref)
        if sorted(mcids) != in_tree:
            missing = sorted(set(mcids) - set(in_tree))
            extra = sorted(set(in_tree) - set(mcids))
            problems.append(f"page {index + 1}: MCIDs not in the tree {missing[:10]}, in the tree but not drawn {extra[:10]}")
        if mcids:
            key = page.get("/StructParents")
            if key is None:
                problems.append(f"page {index + 1}: marked content but no /StructParents")
            else:
                parents = resolve(parent_tree.get(key, []))
                for mcid in mcids:
                    if mcid >= len(parents) or parents[mcid] != reached.get((ref, mcid)):
                        problems.append(f"page {index + 1}: the ParentTree's entry for MCID {mcid} is not its element")
                        break
                if key >= next_key:
                    problems.append(f"page {index + 1}: /StructParents {key} not below /ParentTreeNextKey")
        annots = resolve(page.get("/Annots", []))
        if annots and page.get("/Tabs") != "/S":
            problems.append(f"page {index + 1}: annotations but no /Tabs /S")
        for annot_ref in annots:
            annot = resolve(annot_ref)
            if annot.get("/Subtype") != "/Link":
                continue
            key = annot.get("/StructParent")
            if key is None:
                problems.append(f"page {index + 1}: link annotation {annot_ref} has no /StructParent")
                continue
            if parent_tree.get(key) != objrs.get(annot_ref):
                problems.append(f"page {index + 1}: link annotation {annot_ref}: the ParentTree and the OBJR disagree")
            if not annot.get("/Contents"):
                problems.append(f"page {index + 1}: link annotation {annot_ref} has no /Contents")
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
