#!/usr/bin/env python3
"""Checks the shape of src/: the stage order of includes, and the size of files and functions.

  scripts/check-structure.py order     every #include "X/..." in src/S/ names a folder X that comes
                                       no later than S in the stage order (CMake's NASHR_STAGE_ORDER,
                                       read from the top-level CMakeLists.txt), so no folder includes a
                                       folder that runs after it and there is no cycle between folders
  scripts/check-structure.py limits    no file in src/ over 600 lines and no function over 120 lines,
                                       except one whose definition is preceded by a comment holding
                                       "long-function:" and the reason; prints the largest of each
  scripts/check-structure.py           both

Exit status 0 when every rule holds, 1 when one is broken (each break is printed as file:line).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 120
LONG_FUNCTION_MARK = "long-function:"


def stage_order():
    text = (ROOT / "CMakeLists.txt").read_text()
    match = re.search(r"set\(NASHR_STAGE_ORDER\s+([^)]*)\)", text)
    if not match:
        sys.exit("check-structure: CMakeLists.txt has no set(NASHR_STAGE_ORDER ...)")
    return match.group(1).split()


def sources():
    return sorted(p for p in SRC.rglob("*") if p.suffix in (".h", ".cpp", ".in"))


def check_order():
    order = stage_order()
    rank = {stage: i for i, stage in enumerate(order)}
    broken = []
    folders = sorted({p.relative_to(SRC).parts[0] for p in sources()})
    for folder in folders:
        if folder not in rank:
            broken.append(f"src/{folder}/: not in NASHR_STAGE_ORDER ({' '.join(order)})")
    for path in sources():
        own = path.relative_to(SRC).parts[0]
        if own not in rank:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            match = re.match(r'\s*#\s*include\s+"([^"/]+)/', line)
            if not match:
                continue
            other = match.group(1)
            if other not in rank:
                broken.append(f"{path.relative_to(ROOT)}:{number}: includes {other}/, which is not a stage folder")
            elif rank[other] > rank[own]:
                broken.append(f"{path.relative_to(ROOT)}:{number}: {own}/ includes {other}/, which runs after it "
                              f"(order: {' '.join(order)})")
    for line in broken:
        print(line)
    print(f"order: {len(order)} folders in order, {len(broken)} break(s)")
    return not broken


def strip_comments_and_strings(text):
    """The text with comments, string and character literals blanked, line breaks kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def blank_directives(text):
    """The text with preprocessor directives blanked (`#if __has_feature(x)` is no function head)."""
    lines = text.split("\n")
    continued = False
    for k, line in enumerate(lines):
        if continued or re.match(r"\s*#", line):
            continued = line.rstrip().endswith("\\")
            lines[k] = " " * len(line)
    return "\n".join(lines)


CONTROL = re.compile(r"\b(if|for|while|switch|catch|do|else|try|return)\b\s*$")
SCOPE = re.compile(r"\b(namespace|class|struct|union|enum)\b")


def functions(path):
    """(name, first line, line count, marked long) for each function body at namespace or class scope."""
    raw = path.read_text()
    text = blank_directives(strip_comments_and_strings(raw))
    raw_lines = raw.splitlines()
    found = []
    stack = []  # for each open brace: "scope", "function" or "block"
    head_start = 0
    i = 0
    line_of = [0] * (len(text) + 1)
    line = 1
    for k, ch in enumerate(text):
        line_of[k] = line
        if ch == "\n":
            line += 1
    while i < len(text):
        ch = text[i]
        if ch in ";}":
            if ch == "}" and stack:
                kind, start, name = stack.pop()
                if kind == "function":
                    first, last = line_of[start], line_of[i]
                    before = "\n".join(raw_lines[max(0, first - 8):first])
                    found.append((name, first, last - first + 1, LONG_FUNCTION_MARK in before))
            head_start = i + 1
        elif ch == "{":
            head = text[head_start:i]
            inside_function = any(kind == "function" for kind, _, _ in stack)
            if inside_function:
                kind = "block"
            elif SCOPE.search(head) and "(" not in head.split("{")[-1].split("=")[0]:
                kind = "scope"
            elif ")" in head and not CONTROL.search(head.split(")")[0]) and "=" not in head.split("(")[0]:
                kind = "function"
            else:
                kind = "block"
            name = re.findall(r"([~\w:<>]+)\s*\(", head)
            stack.append((kind, i, name[0] if name else "?"))
            head_start = i + 1
        i += 1
    return found


def check_limits(show=8):
    files = []
    funcs = []
    broken = []
    for path in sources():
        rel = path.relative_to(ROOT)
        count = len(path.read_text().splitlines())
        files.append((count, str(rel)))
        if count > MAX_FILE_LINES:
            broken.append(f"{rel}: {count} lines (the limit is {MAX_FILE_LINES})")
        if path.suffix in (".h", ".cpp"):
            for name, first, length, marked in functions(path):
                funcs.append((length, f"{rel}:{first}", name, marked))
                if length > MAX_FUNCTION_LINES and not marked:
                    broken.append(f"{rel}:{first}: {name} is {length} lines (the limit is {MAX_FUNCTION_LINES}; "
                                  f"a longer one needs a '{LONG_FUNCTION_MARK} why' comment above it)")
    files.sort(reverse=True)
    funcs.sort(reverse=True)
    print(f"largest files (limit {MAX_FILE_LINES} lines):")
    for count, rel in files[:show]:
        print(f"  {count:5d}  {rel}")
    print(f"largest functions (limit {MAX_FUNCTION_LINES} lines):")
    for length, where, name, marked in funcs[:show]:
        print(f"  {length:5d}  {where}  {name}{'  (long-function: says why)' if marked else ''}")
    for line in broken:
        print(line)
    print(f"limits: {len(files)} files, {len(funcs)} functions, {len(broken)} break(s)")
    return not broken


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what not in ("order", "limits", "all"):
        sys.exit(__doc__)
    ok = True
    if what in ("order", "all"):
        ok = check_order() and ok
    if what in ("limits", "all"):
        ok = check_limits() and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
