#!/usr/bin/env python3
"""Scores a reader's text against the report it was typeset from: the share of the source's Persian
words and of its English words that come back exactly and in order.

    score.py REPORT.xml TEXT.txt [--drop-zwnj] [--persian MIN] [--english MIN] [--label NAME]

Words: maximal runs of letters, marks and ZWNJ/ZWJ, or of digits, after NFC, with the bidi controls
(U+200E/F, U+202A-202E, U+2066-2069) that readers add removed. A Persian word has an Arabic-script
letter, an English word a Latin one. The source words are the text of <summary> and <body> in
document order; "in order" is the longest common subsequence of the source's words and the text's,
taken in chunks (aligned() below), so running heads, page numbers and list labels in the text cost nothing, and a word that
comes back out of place counts as lost. --drop-zwnj removes ZWNJ on both
sides (for a reader that drops it by design). Exits 1 when a share is below its minimum.
"""

import argparse
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


def source_text(report):
    root = ET.parse(report).getroot()
    parts = []
    for part in root:
        if part.tag in ("summary", "body"):
            parts.append(" ".join(part.itertext()))
    return " ".join(parts)


CHUNK = 1000  # source words aligned at a time
MARGIN = 1000  # text words searched before and after where the chunk should be


def aligned(source, text):
    """Which source words come back in order: the longest common subsequence (difflib's matching
    blocks) of each CHUNK source words and the part of the text where they should be (at the same
    share of its length, MARGIN words either side), so running heads, page numbers and list labels
    in between cost nothing. In chunks, because difflib over a whole 100-page issue takes minutes;
    placed by share rather than by the previous chunk's matches, because a synthetic issue repeats
    passages and a chunk could match a later copy."""
    matched = [False] * len(source)
    ratio = len(text) / max(1, len(source))
    for first in range(0, len(source), CHUNK):
        part = source[first:first + CHUNK]
        start = max(0, int(first * ratio) - MARGIN)
        region = text[start:int((first + len(part)) * ratio) + MARGIN]
        matcher = difflib.SequenceMatcher(None, part, region, autojunk=False)
        for block in matcher.get_matching_blocks():
            for i in range(block.a, block.a + block.size):
                matched[first + i] = True
    return matched


def score(source, text):
    """(matched, total, lost words) per kind."""
    matched = aligned(source, text)
    result = {}
    for k in ("persian", "english"):
        indices = [i for i, w in enumerate(source) if kind(w) == k]
        lost = [source[i] for i in indices if not matched[i]]
        result[k] = (len(indices) - len(lost), len(indices), lost)
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
    source = words(source_text(args.report), args.drop_zwnj)
    with open(args.text, encoding="utf-8") as f:
        text = words(f.read(), args.drop_zwnj)
    ok = True
    for k, minimum in (("persian", args.persian), ("english", args.english)):
        got, total, lost = score(source, text)[k]
        share = got / total if total else 1.0
        status = "ok" if share >= minimum else "BELOW"
        print(f"{args.label} {k}: {got}/{total} = {share:.4f} (minimum {minimum}) {status}")
        if share < minimum:
            ok = False
            print(f"  first lost: {' '.join(lost[:20])}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
