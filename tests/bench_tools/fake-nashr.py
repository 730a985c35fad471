#!/usr/bin/env python3
"""A stand-in for nashr in the tests of bench/scale.sh and bench/ab.py: FAKE_NASHR says how it behaves.

    FAKE_NASHR=pdf         `build -o DIR FILE` writes DIR/<name>.pdf, a valid PDF of 7 empty pages
    FAKE_NASHR=by-folder   the same, with as many pages as DIR's name has characters
    FAKE_NASHR=not-wired   `build` fails as a nashr without the layout wiring does (exit 3)
    FAKE_NASHR=error       `build` fails with a diagnostic on the input (exit 1)
With --timings, `build` prints a timings line as nashr does.
"""
import os
import sys


def write_pdf(path, pages):
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   " ".join(f"{3 + i} 0 R" for i in range(pages)), pages)]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as pdf:
        pdf.write(out)


def main(args):
    behaviour = os.environ.get("FAKE_NASHR", "pdf")
    if args[:1] == ["--version"]:
        print("nashr (fake for the tests of bench/scale.sh)")
        return 0
    if args[:1] != ["build"] or "-o" not in args:
        print(f"fake-nashr: unexpected arguments {args}", file=sys.stderr)
        return 2
    source = args[-1]
    if behaviour == "not-wired":
        print("error: typesetting is not part of this build yet", file=sys.stderr)
        print("  hint: use `nashr check` to validate reports until the layout stage lands", file=sys.stderr)
        return 3
    if behaviour == "error":
        print(f"{source}:4:1: error: the fake was told to fail", file=sys.stderr)
        return 1
    folder = args[args.index("-o") + 1]
    name = os.path.splitext(os.path.basename(source))[0]
    os.makedirs(folder, exist_ok=True)
    pages = len(os.path.basename(os.path.normpath(folder))) if behaviour == "by-folder" else 7
    write_pdf(os.path.join(folder, name + ".pdf"), pages)
    if "--timings" in args:
        print(f"nashr: timings for {source}: read_report 1.5 ms, set_text 4.0 ms (itemize 2.0 + shape 1.0 + "
              "break_lines 1.0 ms on all threads), write_pdf 2.5 ms; total 8.0 ms; 1 layout pass", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
