#!/usr/bin/env python3
"""A/B of nashr executables on one issue: `nashr build` run by each in turn, round after round.

    bench/ab.py [--rounds N] [--timings] [--keep DIR] ISSUE NAME=NASHR [NAME=NASHR ...]

This VM's speed moves by a fifth to a half within an hour (bench/README.md, "At the tenth stop"), so
times taken one after the other compare the minutes as much as the executables. Here each round runs
every executable once, the order turned by one each round, after one uncounted warm-up run each.
Printed per executable: wall time and CPU time (user + system, from wait4) best and median, peak RSS,
the median's ratio to the first executable's; with --timings, each stage's best and median from
`nashr build --timings`. Last, whether their PDFs are the same bytes (a refactor should keep them).

An executable finds its styles and fonts relative to itself (src/base/data_dirs.h): keep each beside
build/release/nashr-source-dir, e.g. `cp build/release/nashr build/release/nashr-before`.
Exit status: 0 done, 2 usage, 3 a `nashr build` failed (its message is printed).
"""
import argparse
import filecmp
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="ab", description="A/B of nashr executables on one issue, alternating run by run.",
        epilog="example: bench/ab.py --rounds 12 --timings rtl1000.xml before=build/release/nashr-before "
               "after=build/release/nashr")
    parser.add_argument("--rounds", type=int, default=8, help="counted runs of each executable (default 8)")
    parser.add_argument("--timings", action="store_true", help="also each stage's time (nashr build --timings)")
    parser.add_argument("--keep", help="folder for the PDFs (default: a temporary one, removed)")
    parser.add_argument("issue", help="the report to build")
    parser.add_argument("executables", nargs="+", metavar="NAME=NASHR", help="a label and a nashr executable")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds takes a count of 1 or more")
    if not os.path.isfile(args.issue):
        parser.error(f"no issue at {args.issue}")
    pairs = []
    for item in args.executables:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            parser.error(f"'{item}' is not NAME=NASHR")
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
            parser.error(f"the label '{name}' names a folder: letters, digits, '_', '.' and '-' only")
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            parser.error(f"no executable at {path}")
        if name in (n for n, _ in pairs):
            parser.error(f"the label '{name}' is given twice")
        pairs.append((name, path))
    return args, pairs


TIMINGS = re.compile(r"timings for .*?: (.*)$")
STAGE = re.compile(r"([a-z_]+) ([0-9.]+) ms")


PARTS = re.compile(r"([a-z_]+) ([0-9.]+)")


def stage_times(stderr):
    """{stage: ms} from the --timings line, in its order; a stage's parts ("set_text 812.2 ms (itemize
    493.8 + shape 305.6 + break_lines 729.9 ms on all threads)", summed over threads) as "  itemize"."""
    for line in stderr.splitlines():
        match = TIMINGS.search(line)
        if not match:
            continue
        times = {}
        for piece in re.split(r"(\([^)]*\))", match.group(1)):
            if piece.startswith("("):
                times.update({"  " + part: float(ms) for part, ms in PARTS.findall(piece)})
            else:
                times.update({stage: float(ms) for stage, ms in STAGE.findall(piece)})
        return times
    return None


def run(name, path, issue, out, timings):
    command = [path, "build"] + (["--timings"] if timings else []) + ["-o", os.path.join(out, name), issue]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.write(stderr)
        print(f"ab: `{' '.join(command)}` failed with exit status {process.returncode}", file=sys.stderr)
        sys.exit(3)
    stages = stage_times(stderr) if timings else None
    if timings and stages is None:
        print(f"ab: {path} printed no timings: is it a nashr with `build --timings`?", file=sys.stderr)
        sys.exit(3)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024, stages


def best_median(values):
    return f"{min(values):8.1f} {statistics.median(values):8.1f}"


def report(pairs, results, timings):
    first = statistics.median(results[pairs[0][0]]["wall"])
    print(f"{'':12} {'wall ms':>17} {'CPU ms':>17} {'peak RSS':>9} {'median':>7}")
    print(f"{'':12} {'best':>8} {'median':>8} {'best':>8} {'median':>8} {'MiB':>9} {'ratio':>7}")
    for name, _ in pairs:
        r = results[name]
        ratio = statistics.median(r["wall"]) / first if first > 0 else float("nan")
        print(f"{name:12} {best_median(r['wall'])} {best_median(r['cpu'])} {max(r['rss']):9.1f} {ratio:7.3f}")
    if timings:
        stages = list(dict.fromkeys(s for name, _ in pairs for run_ in results[name]["stages"] for s in run_))
        print("\nstages, ms (best / median):")
        print(f"{'':14}" + "".join(f"{name:>20}" for name, _ in pairs))
        for stage in stages:
            cells = []
            for name, _ in pairs:
                values = [run_[stage] for run_ in results[name]["stages"] if stage in run_]
                cells.append(f"{min(values):.1f} / {statistics.median(values):.1f}" if values else "-")
            print(f"{stage:14}" + "".join(f"{cell:>20}" for cell in cells))


def compare_pdfs(pairs, out, issue):
    pdf = os.path.splitext(os.path.basename(issue))[0] + ".pdf"
    reference = os.path.join(out, pairs[0][0], pdf)
    different = [name for name, _ in pairs[1:]
                 if not filecmp.cmp(reference, os.path.join(out, name, pdf), shallow=False)]
    if len(pairs) > 1:
        print("\nPDFs: " + ("the same bytes" if not different else
                            "different bytes from " + pairs[0][0] + "'s: " + ", ".join(different)))


def main(argv):
    args, pairs = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nashr-ab.") as scratch:
        out = args.keep or scratch
        results = {name: {"wall": [], "cpu": [], "rss": [], "stages": []} for name, _ in pairs}
        for name, path in pairs:  # warm-up: the page cache, not counted
            run(name, path, args.issue, out, args.timings)
        for round_ in range(args.rounds):
            turn = round_ % len(pairs)
            for name, path in pairs[turn:] + pairs[:turn]:
                wall, cpu, rss, stages = run(name, path, args.issue, out, args.timings)
                results[name]["wall"].append(wall)
                results[name]["cpu"].append(cpu)
                results[name]["rss"].append(rss)
                if stages is not None:
                    results[name]["stages"].append(stages)
            print(f"round {round_ + 1}/{args.rounds}: " +
                  ", ".join(f"{name} {results[name]['wall'][-1]:.1f} ms" for name, _ in pairs), file=sys.stderr)
        report(pairs, results, args.timings)
        compare_pdfs(pairs, out, args.issue)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
