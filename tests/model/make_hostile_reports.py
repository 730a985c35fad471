#!/usr/bin/env python3
"""Writes the large hostile reports of issue 12 into a folder, to time `nashr check` on them:

    tests/model/make_hostile_reports.py /tmp/hostile
    for f in /tmp/hostile/*.xml; do /usr/bin/time -f "%e s %M KB  $f" build/release/nashr check "$f"; done

They are made here rather than kept in the repository (several are megabytes). The regression tests
make their own, smaller or equally large, at run time."""
import os
import sys

META = """<meta>
    <series-title>Persian Files</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>2</issue>
    <date>2025-01-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher>
    <title>{title}</title>
  </meta>"""


def report(body, title="Hostile input", lang="en"):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<report xml:lang="{lang}" style="persian-files">\n  '
            + META.format(title=title) + f"\n  <body>\n{body}\n  </body>\n</report>\n")


def section(content, extra=""):
    return f'    <section{extra}>\n      <heading>One</heading>\n      {content}\n    </section>'


CASES = {
    # Item 3: one letter and 80,000 fathas (aborted inside HarfBuzz); 100,000 combining accents.
    "harakat-80000.xml": report(section("<p>\u0628" + "\u064e" * 80000 + "</p>"), lang="fa"),
    "marks-100000.xml": report(section("<p>a" + "\u0301" * 100000 + "</p>")),
    # Item 4: a 1 MB link address shown as the link's text; 50,000 attributes on one element.
    "link-1mb.xml": report(section('<p><link href="https://example.com/' + "a" * (1 << 20) + '"/></p>')),
    "attributes-50000.xml": report(section("<p" + "".join(f' a{i}="v"' for i in range(50000)) + ">x</p>")),
    # Unclear errors: 5,000 sections; a 100,000-character title.
    "sections-5000.xml": report("\n".join(section("<p>x</p>") for _ in range(5000))),
    "title-100k.xml": report(section("<p>x</p>"), title="t" * 100000),
}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "hostile"
    os.makedirs(folder, exist_ok=True)
    for name, text in CASES.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
