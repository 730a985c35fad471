#!/usr/bin/env python3
"""Space stretch of justified Persian lines, from `nashr build --dump=lines REPORT`.

Usage: nashr build --dump=lines REPORT | bench/space_stretch.py
For each justified line set in Vazirmatn or Noto Naskh Arabic: the widest inter-word space as a
multiple of the font's natural space (the advance its spaces have on lines that are not justified),
the tatweels (kashida) on the line and the words that carry them. Prints the distribution."""
import collections
import re
import sys

GLYPH = re.compile(r"([^|']+)(?:'((?:[^']|'(?![+@]))*)')?(?:@-?\d+,-?\d+)?\+(-?\d+)")
ARABIC_FONTS = ("Vazirmatn", "NotoNaskhArabic")


def lines(stream):
    line = None
    font = None
    for text in stream:
        if text.startswith("line "):
            if line:
                yield line
            line = {"justified": " justified" in text, "runs": []}
        elif text.startswith("  run ") and line is not None:
            font = text.split()[7] if " rtl " in text or " ltr " in text else None
            line["runs"].append({"font": font, "glyphs": []})
        elif text.startswith("    ") and line is not None and line["runs"]:
            for name, glyph_text, advance in GLYPH.findall(text.strip()):
                line["runs"][-1]["glyphs"].append((name, glyph_text, int(advance)))
    if line:
        yield line


def main():
    all_lines = list(lines(sys.stdin))
    natural = collections.defaultdict(collections.Counter)
    for line in all_lines:
        if line["justified"]:
            continue
        for run in line["runs"]:
            for name, text, advance in run["glyphs"]:
                if text == " ":
                    natural[run["font"]][advance] += 1
    buckets = [1.0, 1.1, 1.2, 1.25, 1.3, 1.4, 1.5, 99]
    counts = collections.Counter()
    with_kashida = words_total = tatweels_total = 0
    over = 0
    for line in all_lines:
        if not line["justified"]:
            continue
        runs = [r for r in line["runs"] if r["font"] and r["font"].startswith(ARABIC_FONTS)]
        if not runs:
            continue
        widest = 0
        tatweels = 0
        words = set()
        word = 0
        for run in runs:
            base = natural[run["font"]].most_common(1)
            for name, text, advance in run["glyphs"]:
                if text == " ":
                    word += 1
                    if base:
                        widest = max(widest, advance / base[0][0])
                elif name == "uni0640" and text == "":
                    tatweels += 1
                    words.add(word)
        for limit in buckets:
            if widest <= limit + 1e-3:
                counts[limit] += 1
                break
        if widest > 1.25 + 1e-3:
            over += 1
        if tatweels:
            with_kashida += 1
            words_total += len(words)
            tatweels_total += tatweels
    total = sum(counts.values())
    print(f"justified Arabic-script lines: {total}")
    previous = 0
    for limit in buckets:
        label = f"<= {limit:.2f}x" if limit < 99 else "> 1.50x"
        print(f"  widest space {label if limit < 99 else label:>10}: {counts[limit]}")
        previous = limit
    print(f"lines with spaces over 1.25x: {over}")
    print(f"lines with kashida: {with_kashida}; tatweels {tatweels_total} in {words_total} words "
          f"({words_total / with_kashida if with_kashida else 0:.1f} words a line)")


main()
