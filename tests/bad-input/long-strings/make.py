#!/usr/bin/env python3
"""Writes the long-string cases of the bad-input suite (issue 12, "strings over 64 KB") beside this
script: texts that become PDF strings (document information, outline entries) right at and just
over libharu's limit of 65,535 bytes a string. Text that is not all printable ASCII is written as
UTF-16 with a byte order mark, 2 + 2 bytes a character here, so 32,766 characters take 65,534 bytes
and 32,767 take 65,536; all-ASCII text takes a byte a character.

    tests/bad-input/long-strings/make.py     (the files are kept in the repository; rerun after a change)
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent

META = """  <meta>
    <series-title>Persian Files</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>2</issue>
    <date>2025-01-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher>
    <title>{title}</title>{more}
  </meta>"""


def words(characters, first="é"):
    """`characters` characters: `first` (non-ASCII unless empty), then words of nine letters."""
    text = first
    while len(text) < characters:
        text += ("" if not text or text.endswith(" ") else " ") + "abcdefghi"
    return text[:characters].rstrip() + "x" * (characters - len(text[:characters].rstrip()))


def report(comment, title="Long strings", more="", heading="One"):
    return (f'<report xml:lang="en" style="persian-files">\n<!-- {comment} -->\n'
            + META.format(title=title, more=more)
            + f"\n  <body>\n    <section><heading>{heading}</heading><p>Text.</p></section>\n  </body>\n</report>\n")


def keywords(*texts):
    return "".join(f"\n    <keyword>{text}</keyword>" for text in texts)


CASES = {
    # The keywords, joined with ", " (2 characters), in UTF-16: 2 + 2 × 32,766 = 65,534 bytes, then 65,536.
    "keywords-utf16-65534.xml": report("keywords in UTF-16: 65,534 bytes, within the limit",
                                       more=keywords(words(16001), words(32766 - 16001 - 2, first=""))),
    "keywords-utf16-65536.xml": report("keywords in UTF-16: 65,536 bytes, over the limit",
                                       more=keywords(words(16001), words(32767 - 16001 - 2, first=""))),
    # All ASCII: 65,535 bytes, then 65,536 (each keyword alone is within the reader's 65,535-byte text bound).
    "keywords-ascii-65535.xml": report("keywords in ASCII: 65,535 bytes, the limit",
                                       more=keywords(words(40000, first=""), words(65535 - 40000 - 2, first=""))),
    "keywords-ascii-65536.xml": report("keywords in ASCII: 65,536 bytes, over the limit",
                                       more=keywords(words(40000, first=""), words(65536 - 40000 - 2, first=""))),
    # The title, one character past the limit, in two text runs around a comment.
    "title-utf16-65536.xml": report("the title in UTF-16: 65,536 bytes, over the limit",
                                    title=words(20000) + "<!-- two runs -->" + words(12767, first="")),
    # Two authors, joined.
    "authors-utf16-65536.xml": report("the authors in UTF-16: 65,536 bytes, over the limit",
                                      more="".join(f"\n    <author>{a}</author>" for a in
                                                   (words(20000), words(32767 - 20000 - 2, first="")))),
    # A section's heading (the outline entry), at the limit and one past it, across inline elements.
    "heading-utf16-65534.xml": report("a heading in UTF-16: 65,534 bytes, within the limit",
                                      heading=words(20000) + "<em>" + words(12766, first="") + "</em>"),
    "heading-utf16-65536.xml": report("a heading in UTF-16: 65,536 bytes, over the limit",
                                      heading=words(20000) + "<em>" + words(12767, first="") + "</em>"),
}


def main():
    for name, text in CASES.items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
