#!/usr/bin/env python3
"""The bad-input suite: every file named in EXPECTED (beside this script) is given to both
`nashr check` and `nashr build`. Both must exit with the expected code, both must print the expected
text (a substring of the diagnostics, with its file:line:col) as their first error, both must print
the same errors and none twice, and `build` must leave no file at all in its output folder. So
`check` and `build` agree on every bad input.
A case with exit code 0 (an input right at a limit) must give no error in either, and `build` must
leave exactly its PDF.

  run.py NASHR_EXECUTABLE

EXPECTED has one case a line: FILE <TAB> EXIT CODE <TAB> TEXT, FILE relative to this folder (or
absolute, such as /dev/zero) and TEXT with {file} standing for FILE as given to nashr. Lines starting
with # are comments. Inputs that cannot be kept in git are made for the run, in a temporary folder:
FILE {fifo} is a named pipe, {sparse:BYTES} a sparse file of that many bytes (both named input.xml).
"""
import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent


def errors(stderr):
    return [line for line in stderr.splitlines() if ": error: " in line or line.startswith("error: ")]


def first_error(stderr):
    return next(iter(errors(stderr)), "")


def made_input(file, folder):
    """The path of the input FILE names: made in `folder` for {fifo} and {sparse:BYTES}."""
    if file == "{fifo}":
        path = os.path.join(folder, "input.xml")
        os.mkfifo(path)
        return path
    if file.startswith("{sparse:") and file.endswith("}"):
        path = os.path.join(folder, "input.xml")
        with open(path, "wb") as out:
            out.truncate(int(file[len("{sparse:"):-1]))
        return path
    return str((HERE / file).resolve()) if not file.startswith("/") else file


def run_case(nashr, file, code, text):
    with tempfile.TemporaryDirectory(prefix="nashr-bad-input-made-") as folder:
        return run_case_on(nashr, made_input(file, folder), code, text)


def run_case_on(nashr, path, code, text):
    problems = []
    expected = text.replace("{file}", path)
    with tempfile.TemporaryDirectory(prefix="nashr-bad-input-") as out:
        runs = {
            "check": subprocess.run([nashr, "check", path], capture_output=True, text=True, errors="replace", timeout=60),
            "build": subprocess.run([nashr, "build", "-o", out, path], capture_output=True, text=True, errors="replace",
                                    timeout=60),
        }
        left = sorted(os.listdir(out))
    for name, run in runs.items():
        if run.returncode != code:
            problems.append(f"{name} exited {run.returncode}, expected {code}")
        if expected not in first_error(run.stderr):
            problems.append(f"{name}'s first error is {first_error(run.stderr)!r}, expected it to hold {expected!r}")
    if errors(runs["check"].stderr) != errors(runs["build"].stderr):
        problems.append(f"check and build disagree on the errors: {errors(runs['check'].stderr)!r} against "
                        f"{errors(runs['build'].stderr)!r}")
    for name, run in runs.items():
        if len(set(errors(run.stderr))) != len(errors(run.stderr)):
            problems.append(f"{name} printed an error twice: {errors(run.stderr)!r}")
    if code == 0:
        pdf = pathlib.Path(path).with_suffix(".pdf").name
        if left != [pdf]:
            problems.append(f"build left {left} in its output folder, expected [{pdf!r}]")
        for name, run in runs.items():
            if first_error(run.stderr):
                problems.append(f"{name} gave an error: {first_error(run.stderr)!r}")
    elif left:
        problems.append(f"build left {left} in its output folder")
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    nashr = sys.argv[1]
    passed = failed = 0
    for number, line in enumerate((HERE / "EXPECTED").read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            print(f"EXPECTED:{number}: want FILE<TAB>EXIT<TAB>TEXT, got {line!r}")
            failed += 1
            continue
        file, code, text = fields
        problems = run_case(nashr, file, int(code), text)
        if problems:
            failed += 1
            print(f"FAIL {file}:")
            for problem in problems:
                print(f"  {problem}")
        else:
            passed += 1
            print(f"ok   {file}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
