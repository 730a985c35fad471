#!/usr/bin/env python3
"""Reads a tagged PDF's structure back with poppler's `pdfinfo -struct-text` and checks it against
the report's XML source (docs/pdf.md, "Tagged PDF"): the summary's and sections' headings as H1-H3
by depth, the paragraphs as P, list items as LI with their text in LBody, table captions and cells
as Caption and TH/TD, figures as Figure and their captions, notes as Note, in the source's order,
each element's text holding the source's words (a right-to-left run comes out of pdfinfo in drawing
order, so a word also counts when its characters come reversed); and, with qpdf, each Figure's
/Alt equal to the source's alt and a /Lang on every span in the other language.
Usage: check_struct_text.py FILE.pdf REPORT.xml. Exits 1 on a failure, 2 when a tool is missing."""
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MIN_WORDS = 0.9  # share of an element's source words that must come back in it


def words(text):
    # A joining glyph (kashida) carries U+200D in the text layer: not a letter of the word.
    text = unicodedata.normalize("NFC", text).replace("\u200d", "").replace("\u0640", "")
    # Letters (with ZWNJ and Arabic marks) and digits apart: a number drawn beside a right-to-left
    # word comes out of pdfinfo glued to it.
    return re.findall(r"(?:[^\W\d_]|[\u200c\u064b-\u065f\u0670])+|\d+", text)


# Dates in a source are written in the calendar and digits (2025-01-15 → ۲۶ دی ۱۴۰۳): not
# the source's words.
DATES = ("date", "accessed")


def inline_text(element, skip=("note",) + DATES):
    """An element's text without its notes (they are Note elements of their own) and dates."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in skip:
            parts.append(inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def expected_items(root):
    """(tag, text) in document order; text None: only the tag is checked."""
    items = []

    def notes_of(element):
        for note in element.iter("note"):
            items.append(("Note", inline_text(note, DATES)))

    def blocks(parent, depth):
        for child in parent:
            tag = child.tag
            if tag == "heading":
                items.append((f"H{min(depth, 3)}", inline_text(child)))
            elif tag == "p":
                items.append(("P", inline_text(child)))
                notes_of(child)
            elif tag == "section":
                blocks(child, depth + 1)  # a section's heading is one level below its parent's
            elif tag in ("ul", "ol"):
                for item in child.findall("li"):
                    items.append(("LBody", inline_text(item, ("note", "ul", "ol") + DATES)))
                    notes_of(item)
                    for nested in item:
                        if nested.tag in ("ul", "ol"):
                            blocks(_wrap(nested), depth)
            elif tag == "figure":
                items.append(("Figure", None))
                caption = child.find("caption")
                if caption is not None:
                    items.append(("Caption", inline_text(caption)))
            elif tag == "table":
                caption = child.find("caption")
                if caption is not None:
                    items.append(("Caption", inline_text(caption)))
                for row in child.iter("row"):
                    for cell in row.findall("cell"):
                        text = inline_text(cell)
                        if words(text):
                            items.append(("TH|TD", text))
            elif tag in ("quote", "blockquote"):
                blocks(child, depth)

    def _wrap(element):
        holder = ET.Element("holder")
        holder.append(element)
        return holder

    for summary in root.findall("summary"):
        blocks(summary, 1)
    body = root.find("body")
    if body is not None:
        blocks(body, 0)
    return items


def struct_tree(path):
    """pdfinfo -struct-text as a list of elements in tree order: (type, depth, text)."""
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True, check=True).stdout
    elements = []  # [type, depth, [texts]]
    open_ = []
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if not body:
            continue
        while open_ and open_[-1][1] >= depth:
            open_.pop()
        if body.startswith('"') and body.endswith('"'):
            for element in open_:
                element[2].append(body[1:-1])
        elif re.match(r"^[A-Z][A-Za-z0-9]*\b", body) and not body.startswith("Object "):
            element = [re.match(r"^[A-Za-z0-9]+", body).group(0), depth, []]
            elements.append(element)
            open_.append(element)
    return [(kind, depth, " ".join(texts)) for kind, depth, texts in elements]


def share_found(source, text):
    """The share of the source's words found in `text`, forwards or (right-to-left runs) reversed;
    a Latin word may also be glued to its neighbour (pdfinfo joins lines without a space)."""
    wanted = words(source)
    if not wanted:
        return 1.0
    have = set(words(text))
    glued = "".join(words(text))
    found = sum(1 for w in wanted if w in have or w[::-1] in have or (w.isascii() and w in glued))
    return found / len(wanted)


def check(pdf, xml):
    problems = []
    root = ET.parse(xml).getroot()
    expected = expected_items(root)
    tree = struct_tree(pdf)
    position = 0
    for tag, text in expected:
        tags = tag.split("|")
        start = position
        while position < len(tree):
            kind, _, got = tree[position]
            position += 1
            if kind in tags and (text is None or share_found(text, got) >= MIN_WORDS):
                break
        else:
            problems.append(f"{tag} not found in order after element {start}: {text[:80] if text else ''!r}")
            position = start
    # The whole text: every source word of the body and the summaries somewhere in the tree.
    all_text = " ".join(text for _, _, text in tree)
    source = " ".join(inline_text(e, DATES) for e in root.findall("summary") + root.findall("body"))
    coverage = share_found(source, all_text)
    print(f"{pdf}: {len(expected)} elements in order, {coverage:.3f} of the source's words in the tree")
    if coverage < 0.98:
        problems.append(f"only {coverage:.3f} of the source's words are in the structure tree's text")

    # Alt and Lang, with qpdf.
    objects = json.loads(subprocess.run(["qpdf", "--json=2", pdf], capture_output=True, check=True).stdout)["qpdf"][1]
    elems = [v["value"] for k, v in sorted(objects.items(), key=lambda kv: int(kv[0].split(":")[1].split()[0])
                                            if kv[0].startswith("obj:") else 0)
             if isinstance(v.get("value"), dict) and "/S" in v["value"] and "/P" in v["value"]
             and v["value"].get("/Type", "/StructElem") == "/StructElem"]
    alts = [e.get("/Alt", "")[2:] for e in elems if e.get("/S") == "/Figure"]
    source_alts = [f.get("alt") for f in root.iter("figure") if f.get("alt")]
    if sorted(alts) != sorted(source_alts):
        problems.append(f"Figure /Alt {alts} differ from the source's {source_alts}")
    report_lang = root.get(XML_LANG, "")
    other = [s for s in root.iter("span") if s.get(XML_LANG) and s.get(XML_LANG) != report_lang]
    spans = [e for e in elems if e.get("/S") == "/Span"]
    if len(spans) < len(other) or any("/Lang" not in e for e in spans):
        problems.append(f"{len(other)} spans in another language in the source, {len(spans)} Span elements "
                        f"({sum('/Lang' in e for e in spans)} with /Lang)")
    return problems


def main(pdf, xml):
    for tool in ("pdfinfo", "qpdf"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: install Debian's poppler-utils and qpdf (scripts/setup.sh does)")
            return 2
    problems = check(pdf, xml)
    for p in problems:
        print(f"{pdf}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
