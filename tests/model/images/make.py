#!/usr/bin/env python3
"""Writes the small PNG and JPEG files that tests/model/image_check_test.cpp reads, good and bad,
into this folder, with nothing but the standard library; or, given folders (the fuzzer's seed
corpus, fuzz/corpus/image_check), those of them up to 16 KB into each.

The PNGs go through zlib; the JPEGs come from a tiny encoder below that writes flat 8x8 blocks
(DC coefficients only), which is all a test of sizes, colour spaces, scans and damage needs.
Run it again after changing it and commit what it wrote:  tests/model/images/make.py
"""
import os
import struct
import sys
import zlib

# ---- PNG -------------------------------------------------------------------------------------

GREY, RGB, PALETTE, GREY_ALPHA, RGBA = 0, 2, 3, 4, 6
SAMPLES = {GREY: 1, RGB: 3, PALETTE: 1, GREY_ALPHA: 2, RGBA: 4}
# Adam7: first column, first row, column step, row step of each pass.
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def sample(x, y, channel, depth):
    """A deterministic pattern, different per pixel and channel, within the bit depth."""
    return (x * 7 + y * 13 + channel * 29 + x * y) % (1 << depth)


def pack_row(pixels, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", value) for pixel in pixels for value in pixel)
    if depth == 8:
        return bytes(value for pixel in pixels for value in pixel)
    bits, count = 0, 0
    out = bytearray()
    for pixel in pixels:
        for value in pixel:
            bits = bits << depth | value
            count += depth
            if count == 8:
                out.append(bits)
                bits, count = 0, 0
    if count:
        out.append(bits << (8 - count))
    return bytes(out)


def png_pixels(width, height, colour, depth, interlaced):
    """The filtered (filter type 0) scanlines, pass after pass when interlaced."""
    samples = SAMPLES[colour]
    pixel = lambda x, y: [sample(x, y, c, depth) for c in range(samples)]
    passes = ADAM7 if interlaced else [(0, 0, 1, 1)]
    raw = bytearray()
    for x0, y0, dx, dy in passes:
        columns = range(x0, width, dx)
        if not columns:
            continue
        for y in range(y0, height, dy):
            raw += b"\0" + pack_row([pixel(x, y) for x in columns], depth)
    return bytes(raw)


def png(width, height, colour=RGB, depth=8, interlaced=False, before_idat=b"", idat=None):
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 1 if interlaced else 0)
    if idat is None:
        idat = zlib.compress(png_pixels(width, height, colour, depth, interlaced), 9)
    if colour == PALETTE:
        before_idat = chunk(b"PLTE", bytes(i % 256 for i in range(3 * (1 << depth)))) + before_idat
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + before_idat + chunk(b"IDAT", idat) +
            chunk(b"IEND", b""))


def idat_range(data):
    """The offset and length of the first IDAT chunk's data."""
    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            return at + 8, length
        at += 12 + length
    raise ValueError("no IDAT")


def with_idat_data(data, new):
    """The PNG with its IDAT's data replaced and its CRC made right again."""
    start, length = idat_range(data)
    return data[:start - 8] + chunk(b"IDAT", new) + data[start + length + 4:]


# ---- JPEG ------------------------------------------------------------------------------------

# The luminance DC table of the JPEG standard (Annex K); AC needs one code only: end of block.
DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
DC_VALUES = list(range(12))
AC_BITS = [1] + [0] * 15
AC_VALUES = [0x00]


def huffman_codes(bits, values):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[values[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


DC_CODES = huffman_codes(DC_BITS, DC_VALUES)
AC_END_OF_BLOCK = huffman_codes(AC_BITS, AC_VALUES)[0x00]


class BitWriter:
    def __init__(self):
        self.out, self.bits, self.count = bytearray(), 0, 0

    def put(self, value, length):
        for i in range(length - 1, -1, -1):
            self.bits = self.bits << 1 | (value >> i & 1)
            self.count += 1
            if self.count == 8:
                self.out.append(self.bits)
                if self.bits == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.bits, self.count = 0, 0

    def finish(self):
        if self.count:
            self.put((1 << (8 - self.count)) - 1, 8 - self.count)
        return bytes(self.out)


def marker(code, payload):
    return bytes([0xFF, code]) + struct.pack(">H", len(payload) + 2) + payload


def put_dc(writer, difference):
    category = abs(difference).bit_length()
    writer.put(*DC_CODES[category])
    if category:
        writer.put(difference if difference > 0 else difference + (1 << category) - 1, category)


def block_dc(bx, by, component):
    """The DC coefficient of a flat block: 8 × (level − 128), the quantiser being 1."""
    level = 28 + (bx * 37 + by * 91 + component * 53) % 200
    return 8 * (level - 128)


def jpeg_head(width, height, components=3, progressive=False, adobe=False, frame=None):
    """Everything before the first scan: markers, tables and the frame header."""
    ids = list(range(1, components + 1))
    head = b"\xff\xd8"
    if adobe:
        head += marker(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0))
    else:
        head += marker(0xE0, b"JFIF\0" + struct.pack(">BBBHHBB", 1, 1, 0, 1, 1, 0, 0))
    head += marker(0xDB, b"\0" + b"\1" * 64)
    frame_code = frame if frame is not None else (0xC2 if progressive else 0xC0)
    head += marker(frame_code, struct.pack(">BHHB", 8, height, width, components) +
                   b"".join(bytes([i, 0x11, 0]) for i in ids))
    head += marker(0xC4, b"\x00" + bytes(DC_BITS) + bytes(DC_VALUES) +
                   b"\x10" + bytes(AC_BITS) + bytes(AC_VALUES))
    return head


def jpeg(width, height, components=3, progressive=False, adobe=False, frame=None):
    blocks = [(bx, by) for by in range((height + 7) // 8) for bx in range((width + 7) // 8)]
    ids = list(range(1, components + 1))
    head = jpeg_head(width, height, components, progressive, adobe, frame)

    def scan(scan_ids, first, last, code_dc, code_ac):
        header = bytes([len(scan_ids)]) + b"".join(bytes([i, 0x00]) for i in scan_ids) + bytes([first, last, 0])
        writer = BitWriter()
        previous = {i: 0 for i in scan_ids}
        for bx, by in blocks:
            for i in scan_ids:
                if code_dc:
                    dc = block_dc(bx, by, i)
                    put_dc(writer, dc - previous[i])
                    previous[i] = dc
                if code_ac:
                    writer.put(*AC_END_OF_BLOCK)
        return marker(0xDA, header) + writer.finish()

    if progressive:
        body = scan(ids, 0, 0, True, False) + b"".join(scan([i], 1, 63, False, True) for i in ids)
    else:
        body = scan(ids, 0, 63, True, True)
    return head + body + b"\xff\xd9"


def scan_data_range(data):
    """The offset and length of the first scan's entropy-coded data."""
    at = data.index(b"\xff\xda")
    start = at + 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return start, data.index(b"\xff\xd9", start) - start


# ---- the files -------------------------------------------------------------------------------


def files():
    good = {
        "rgb8.png": png(13, 9),
        "rgba8.png": png(11, 7, RGBA),
        "palette4-trns.png": png(10, 6, PALETTE, 4, before_idat=chunk(b"tRNS", bytes([0, 128, 255]))),
        "palette8-trns.png": png(12, 4, PALETTE, 8, before_idat=chunk(b"tRNS", bytes([0, 128, 255]))),
        "grey-key.png": png(7, 3, GREY, 8, before_idat=chunk(b"tRNS", struct.pack(">H", 5))),
        "rgb-key.png": png(7, 3, RGB, 8, before_idat=chunk(b"tRNS", struct.pack(">HHH", 5, 12, 29))),
        "grey8.png": png(9, 5, GREY),
        "grey1.png": png(19, 3, GREY, 1),
        "grey-alpha8.png": png(6, 6, GREY_ALPHA),
        "rgb16.png": png(5, 4, RGB, 16),
        "interlaced.png": png(17, 13, RGB, 8, interlaced=True),
        # A private chunk of 70 KB before the pixels, so the reading crosses the 64 KiB pieces.
        "large-chunk.png": png(8, 8, RGB, before_idat=chunk(b"teSt", bytes(70 * 1024))),
        "baseline.jpg": jpeg(16, 8),
        "progressive.jpg": jpeg(24, 48, progressive=True),
        "grey.jpg": jpeg(9, 7, components=1),
        "cmyk.jpg": jpeg(8, 8, components=4, adobe=True),
        "cmyk-plain.jpg": jpeg(8, 8, components=4),
    }
    rgb = good["rgb8.png"]
    idat_start, idat_length = idat_range(rgb)
    flipped = bytearray(rgb)
    flipped[idat_start + idat_length // 2] ^= 0xFF
    wrong_crc = bytearray(rgb)
    wrong_crc[idat_start + idat_length] ^= 0xFF
    baseline = good["baseline.jpg"]
    scan_start, scan_length = scan_data_range(baseline)
    bad = {
        "empty.png": b"",
        "truncated.png": rgb[:idat_start + idat_length // 2],
        # One byte of the pixel data changed: the filter types go wrong before the CRC is read.
        "idat-flipped.png": bytes(flipped),
        # The pixel data intact, its CRC not.
        "idat-crc.png": bytes(wrong_crc),
        "idat-garbage.png": with_idat_data(rgb, b"\x78\x9c" + bytes(range(200, 240))),
        # 30000 × 30000 RGB: 2.7 GB of pixels, refused from the header (the IDAT is not even valid).
        # Damage libpng reads past with a warning (libharu 2.3.0 then fails): a private chunk's CRC
        # wrong, and more pixel data than the rows need.
        "ancillary-crc.png": png(8, 8, before_idat=chunk(b"teSt", b"hello")[:-1] + b"\0"),
        "too-much-data.png": png(8, 8, idat=zlib.compress(png_pixels(8, 8, RGB, 8, False) + bytes(100))),
        "bomb.png": png(30000, 30000, idat=b"\x78\x9c\x03\x00\x00\x00\x00\x01"),
        "too-wide.png": png(70000, 1, idat=b"\x78\x9c\x03\x00\x00\x00\x00\x01"),
        "zero-height.png": png(5, 0, idat=b"\x78\x9c\x03\x00\x00\x00\x00\x01"),
        "soi-only.jpg": b"\xff\xd8",
        "truncated.jpg": baseline[:scan_start + scan_length // 2],
        # The entropy-coded data cut short: the end-of-image marker comes before the last blocks.
        "cut-scan.jpg": baseline[:scan_start + scan_length // 2] + b"\xff\xd9",
        # All one bits: no code of the DC table is nine ones.
        "bad-huffman.jpg": baseline[:scan_start] + b"\xff\x00" * scan_length + b"\xff\xd9",
        "bomb.jpg": jpeg_head(30000, 30000) + marker(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x12\x34\xff\xd9",
        "arithmetic.jpg": jpeg(16, 8, frame=0xC9),
        "two-components.jpg": jpeg(8, 8, components=2),
        "gif-named.png": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        "svg-named.png": b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n',
    }
    return good, bad


def write(path, data):
    with open(path, "wb") as out:
        out.write(data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folders = sys.argv[1:] or [here]
    good, bad = files()
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
        for name, data in {**good, **bad}.items():
            # A fuzzer's seed corpus (a folder named on the command line) stays small: libFuzzer
            # takes its largest seed for the longest input to try.
            if folder == here or len(data) <= 16 * 1024:
                write(os.path.join(folder, name), data)
    if not sys.argv[1:]:
        # The photograph of tests/model/read_report_test.cpp's figures: 7x5, grey.
        write(os.path.join(here, "..", "bad", "images", "photo.jpg"), jpeg(7, 5, components=1))


if __name__ == "__main__":
    main()
