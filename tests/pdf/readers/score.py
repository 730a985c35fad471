#!/usr/bin/env python3
"""Scores a reader's text against the report it was typeset from: the share of the source's Persian
words and of its English words that come back exactly and in order.

    score.py REPORT.xml TEXT.txt [--drop-zwnj] [--persian MIN] [--english MIN] [--label NAME]

Words: maximal runs of letters, marks and ZWNJ/ZWJ, or of digits, after NFC, with the bidi controls
(U+200E/F, U+202A-202E, U+2066-2069) that readers add removed. A Persian word has an Arabic-script
letter, an English word a Latin one. The source words are those of <summary> and <body>, by block
(source_blocks()): the flow's blocks in document order, and each floating block (a note, a source's
field, a table cell, a caption) on its own. "In order" is the longest common subsequence of the
source's words and the text's, taken in chunks (aligned() below), so running heads, page numbers
and list labels in the text cost nothing, and a word that comes back out of place counts as lost
(docs/testing.md, "How score.py scores"). --drop-zwnj removes ZWNJ on both
sides (for a reader that drops it by design). Exits 1 when a share is below its minimum.
"""

import argparse
import bisect
import difflib
import sys
import unicodedata
import xml.etree.ElementTree as ET

BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
JOINERS = ("\u200c", "\u200d")


def is_arabic_letter(c):
    return ("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff") \
        and unicodedata.category(c).startswith("L")


def is_latin_letter(c):
    return c.isascii() and c.isalpha() or "\u00c0" <= c <= "\u024f"


def words(text, drop_zwnj):
    text = unicodedata.normalize("NFC", text).translate(BIDI_CONTROLS)
    if drop_zwnj:
        text = text.replace("\u200c", "")
    out, word = [], []
    for c in text:
        category = unicodedata.category(c)[0]
        if c in JOINERS or category in "LMN":
            # A number is a word of its own: readers that move a number inside right-to-left text
            # (poppler) glue it to the word beside it, which is the number's fault, not the word's.
            if word and (category == "N") != (unicodedata.category(word[-1])[0] == "N") and \
                    word[-1] not in JOINERS:
                out.append("".join(word))
                word = []
            word.append(c)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def kind(word):
    if any(is_arabic_letter(c) for c in word):
        return "persian"
    if any(is_latin_letter(c) for c in word):
        return "english"
    return "other"


# What the page shows of a report, as blocks of words in reading order (source_blocks()). Flow
# blocks are read in the order of the source; floating blocks are set elsewhere on the page (notes
# at its foot, sources inside them in the style's order of fields, table cells in the reader's
# order of columns, captions above or below) and each is scored on its own.
FLOW_BLOCKS = {"summary", "body", "section", "heading", "p", "ul", "ol", "li", "quote", "attribution"}
FLOATING_BLOCKS = {"note", "figure", "caption", "table", "columns", "column", "head", "row", "cell",
                   "source", "author", "title", "publisher", "url"}
# Generated or not drawn as written: a cross-reference's words ("Figure 1", a section's title),
# and a source's dates (written in the style's format: "15 January 2025").
SKIPPED = {"ref", "date", "accessed"}


def source_blocks(report):
    """[(floating, text)] of <summary> and <body>, each block's own text (its inline elements'
    included, its nested blocks left out), in document order: a list item before its nested list,
    a paragraph before its notes."""
    root = ET.parse(report).getroot()
    out = []

    def inline(elem, own, floating):
        for child in elem:
            if child.tag in SKIPPED:
                pass
            elif child.tag in FLOW_BLOCKS or child.tag in FLOATING_BLOCKS:
                block(child, floating or child.tag in FLOATING_BLOCKS)
            else:
                own.append(child.text or "")
                inline(child, own, floating)
            own.append(child.tail or "")

    def block(elem, floating):
        at = len(out)
        out.append(None)
        own = [elem.text or ""]
        inline(elem, own, floating)
        out[at] = (floating, " ".join(own))

    for part in root:
        if part.tag in ("summary", "body"):
            block(part, False)
    return [b for b in out if b[1].strip()]


CHUNK = 1000  # source words aligned at a time
MARGIN = 1000  # text words searched before and after where the chunk should be
BACK = 200  # text words searched before where the previous chunk ended


def lcs(a, b):
    """One longest common subsequence of the word lists a and b, as (index in a, index in b) pairs
    (Hunt-Szymanski: for each word of a, its places in b from last to first, each lowering the
    smallest end of a common subsequence of its length; exact, unlike difflib's matching blocks,
    which take the longest run first and lose what lies across it when a passage repeats)."""
    places = {}
    for j, word in enumerate(b):
        places.setdefault(word, []).append(j)
    ends = []  # ends[k]: the smallest index in b that ends a common subsequence of length k + 1
    last = []  # last[k]: that subsequence, as a linked list (i, j, previous)
    for i, word in enumerate(a):
        for j in reversed(places.get(word, ())):
            k = bisect.bisect_left(ends, j)
            link = (i, j, last[k - 1] if k > 0 else None)
            if k == len(ends):
                ends.append(j)
                last.append(link)
            elif j < ends[k]:
                ends[k] = j
                last[k] = link
    pairs = []
    link = last[-1] if last else None
    while link is not None:
        pairs.append(link[:2])
        link = link[2]
    return pairs[::-1]


def aligned(source, text):
    """Which source words come back in order: the longest common subsequence (lcs()) of each CHUNK
    source words and the stretch of the text where they should be, so running heads, page numbers,
    list labels and floating blocks in between cost nothing. In chunks, to keep it fast. The
    stretch covers both the chunk's place at its share of the text's length (MARGIN words either
    side) and its place after the previous chunk's end in the text (the source position of the
    chunk's end moved by the median offset of its matched words; BACK words before it, MARGIN
    beyond the chunk's length): by share alone, a chunk missed its words wherever the reader had
    lost or moved more than MARGIN words before it. Each chunk is aligned on its own."""
    matched = [False] * len(source)
    ratio = len(text) / max(1, len(source))
    end = 0
    for first in range(0, len(source), CHUNK):
        part = source[first:first + CHUNK]
        start = max(0, min(end - BACK, int(first * ratio) - MARGIN))
        stop = max(end + int(len(part) * max(ratio, 1.0) * 1.2) + MARGIN, int((first + len(part)) * ratio) + MARGIN)
        region = text[start:stop]
        found = lcs(part, region)
        for i, _ in found:
            matched[first + i] = True
        if found:  # where the chunk ends in the text: by the median offset of its matched words
            offsets = sorted(start + j - i for i, j in found)  # text position minus chunk position
            end = len(part) + offsets[len(offsets) // 2]
    return matched


def aligned_block(block, text, matcher):
    """Which words of a floating block come back in order: the longest common subsequence of the
    block and the stretch of the text around the block's longest exact match (the block's length
    and ten words either side)."""
    matcher.set_seq1(block)
    anchor = matcher.find_longest_match(0, len(block), 0, len(text))
    matched = [False] * len(block)
    if anchor.size == 0:
        return matched
    start = max(0, anchor.b - anchor.a - len(block) - 10)
    region = text[start:anchor.b + (len(block) - anchor.a) + len(block) + 10]
    for i, _ in lcs(block, region):
        matched[i] = True
    return matched


def score(blocks, text):
    """(matched, total, lost words) per kind. `blocks`: [(floating, words)]; the flow blocks'
    words are aligned together (aligned()), each floating block on its own (aligned_block())."""
    flow = [w for floating, words in blocks if not floating for w in words]
    pairs = list(zip(flow, aligned(flow, text)))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    for floating, words in blocks:
        if floating:
            pairs += zip(words, aligned_block(words, text, matcher))
    result = {}
    for k in ("persian", "english"):
        mine = [(w, ok) for w, ok in pairs if kind(w) == k]
        lost = [w for w, ok in mine if not ok]
        result[k] = (len(mine) - len(lost), len(mine), lost)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("text")
    parser.add_argument("--drop-zwnj", action="store_true")
    parser.add_argument("--persian", type=float, default=0.0)
    parser.add_argument("--english", type=float, default=0.0)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    blocks = [(floating, words(text, args.drop_zwnj)) for floating, text in source_blocks(args.report)]
    with open(args.text, encoding="utf-8") as f:
        text = words(f.read(), args.drop_zwnj)
    scores = score(blocks, text)
    ok = True
    for k, minimum in (("persian", args.persian), ("english", args.english)):
        got, total, lost = scores[k]
        share = got / total if total else 1.0
        status = "ok" if share >= minimum else "BELOW"
        print(f"{args.label} {k}: {got}/{total} = {share:.4f} (minimum {minimum}) {status}")
        if share < minimum:
            ok = False
            print(f"  first lost: {' '.join(lost[:20])}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
