#!/usr/bin/env python3
"""Writes a synthetic nashr report holding N tables (200 by default), for bench/tables.sh.

    bench/gen-tables.py [--tables N] [--variant ltr|rtl] [-o FILE]

Each table has a numbered caption, a head row and 6 to 14 body rows of four columns: a row
number, a sector (English or Persian, some long enough to wrap), and two numbers lined up on their
decimal separator; every fifth table has a row span and a column span. A short paragraph comes
before each table, and a section heading before every tenth. The figures are a formula of the
table and row numbers (test data). The output depends only on N and the variant.
Only the Python 3 standard library is used.
"""

import argparse
import sys

FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SECTORS = {
    "ltr": ["Energy", "Agriculture", "Transport (حمل‌ونقل)", "Industry and mining",
            "Pharmaceuticals and medical equipment, with a note that wraps onto a second line"],
    "rtl": ["انرژی", "کشاورزی", "حمل‌ونقل (transport)", "صنعت و معدن",
            "داروسازی و تجهیزات پزشکی، با توضیحی که به سطر دوم می‌رود"],
}
WORDS = {
    "ltr": ("Table", "The figures below are made up for the benchmark; they follow a formula of the table "
            "and row numbers, so that every build sets the same text.", "Value", "Share %", "Sector", "No."),
    "rtl": ("جدول", "ارقام جدول زیر برای سنجش سرعت ساخته شده‌اند و از فرمولی بر پایهٔ شمارهٔ جدول و ردیف پیروی "
            "می‌کنند تا هر ساخت همان متن را بچیند.", "ارزش", "سهم ٪", "بخش", "ردیف"),
}


def number(text, variant):
    return text.translate(FA_DIGITS).replace(".", "٫") if variant == "rtl" else text


def table(t, variant):
    _, _, value, share, sector, no = WORDS[variant]
    rows = 6 + (t * 7) % 9
    out = [f'      <table id="t{t}">',
           f"        <caption>{'بخش‌ها در سنجش' if variant == 'rtl' else 'Sectors in run'} {number(str(t), variant)}</caption>",
           '        <columns><column align="end"/><column width="1*"/><column align="decimal"/>'
           '<column width="2cm" align="decimal"/></columns>',
           f"        <head><row><cell>{no}</cell><cell>{sector}</cell><cell>{value}</cell><cell>{share}</cell></row></head>"]
    for r in range(1, rows + 1):
        n = t * 31 + r
        amount = number(f"{(n * 7919) % 12000}.{(n * 37) % 100:02d}" if r % 4 else f"{(n * 7919) % 12000}", variant)
        percent = number(f"{(n * 53) % 100}.{n % 10}", variant)
        name = SECTORS[variant][n % 5]
        if t % 5 == 0 and r == 2:
            out.append(f'        <row><cell>{number(str(r), variant)}</cell><cell rowspan="2">{name}</cell>'
                       f"<cell>{amount}</cell><cell>{percent}</cell></row>")
        elif t % 5 == 0 and r == 3:
            out.append(f"        <row><cell>{number(str(r), variant)}</cell><cell>{amount}</cell><cell>{percent}</cell></row>")
        elif t % 5 == 0 and r == 4:
            out.append(f'        <row><cell>{number(str(r), variant)}</cell><cell>{name}</cell>'
                       f'<cell colspan="2" align="centre">—</cell></row>')
        else:
            out.append(f"        <row><cell>{number(str(r), variant)}</cell><cell>{name}</cell>"
                       f"<cell>{amount}</cell><cell>{percent}</cell></row>")
    out.append("      </table>")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=200)
    parser.add_argument("--variant", choices=["ltr", "rtl"], default="ltr")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    variant = args.variant
    lang = ('xml:lang="fa" dir="rtl" style="persian-files-fa"' if variant == "rtl"
            else 'xml:lang="en" dir="ltr" style="persian-files"')
    heading, paragraph = WORDS[variant][0], WORDS[variant][1]
    parts = [f"""<?xml version="1.0" encoding="UTF-8"?>
<report {lang}>
  <meta>
    <series-title xml:lang="en" dir="ltr">Persian Files</series-title>
    <series-title xml:lang="fa" dir="rtl">پرونده‌های پارسی</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>2</issue>
    <date>2025-01-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher>
    <title>{args.tables} tables (benchmark)</title>
  </meta>
  <body>"""]
    for t in range(1, args.tables + 1):
        if t % 10 == 1:
            if t > 1:
                parts.append("    </section>")
            parts.append(f'    <section><heading>{heading} {number(str(t), variant)}–{number(str(t + 9), variant)}</heading>')
        parts.append(f"      <p>{paragraph}</p>")
        parts.append(table(t, variant))
    parts.append("    </section>\n  </body>\n</report>\n")
    text = "\n".join(parts)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
