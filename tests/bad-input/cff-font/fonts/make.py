#!/usr/bin/env python3
"""Writes Minimal-CFF.otf beside this script: the table directory of a CFF-flavoured OpenType font
('OTTO', PostScript outlines in a 'CFF ' table, no 'glyf'), as a user's .otf of most font families
begins. nashr refuses it from that directory, before reading any outline (issue 12): the PDF writer
embeds TrueType outlines only. The tables are empty; no font data is copied from anywhere."""
import pathlib
import struct

TAGS = [b"CFF ", b"OS/2", b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"post"]


def main():
    count = len(TAGS)
    header = struct.pack(">4sHHHH", b"OTTO", count, 128, 3, count * 16 - 128)
    offset = 12 + 16 * count
    records = b"".join(struct.pack(">4sIII", tag, 0, offset, 0) for tag in TAGS)
    (pathlib.Path(__file__).resolve().parent / "Minimal-CFF.otf").write_bytes(header + records)


if __name__ == "__main__":
    main()
