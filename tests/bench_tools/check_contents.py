#!/usr/bin/env python3
"""check_contents.py FILE VARIANT: a generated issue has every feature the benchmark needs."""
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def main(path, variant):
    text = open(path, encoding="utf-8").read()
    root = ET.fromstring(text)
    main_lang, other_lang = ("en", "fa") if variant == "ltr" else ("fa", "en")
    problems = []

    def need(condition, what):
        if not condition:
            problems.append(what)

    need(root.get(XML_LANG) == main_lang, f"report language {main_lang}")
    need(root.get("dir") == ("ltr" if variant == "ltr" else "rtl"), "report direction")
    need(root.get("style") == ("persian-files" if variant == "ltr" else "persian-files-fa"), "style")
    meta = root.find("meta")
    for tag in ("series-title", "issn", "volume", "issue", "date", "publisher", "title", "contact"):
        need(meta.find(tag) is not None, f"<{tag}> in <meta>")
    need(meta.find("contact/sentence") is not None, "the contact sentence")
    summaries = root.findall("summary")
    languages = sorted(s.get(XML_LANG, main_lang) for s in summaries)
    need(languages == ["en", "fa"], f"an English and a Persian summary (got {languages})")
    body = root.find("body")
    need(body.find("section/heading") is not None, "a section with a heading")
    need(body.find("section/section/heading") is not None, "a nested section")
    need(body.find(".//link[@to]") is not None, "a link to a section")
    need(body.find(".//ul") is not None, "a bulleted list")
    need(body.find(".//ol") is not None, "a numbered list")
    need(body.find(".//li/ul") is not None or body.find(".//li/ol") is not None, "a nested list")
    need(any(l.get(XML_LANG) == "fa" or main_lang == "fa" for l in body.iter("ul")) or
         any(l.get(XML_LANG) == "fa" for l in body.iter("ol")), "a Persian list")
    need(body.find(".//quote/attribution") is not None, "a block quote with its attribution")
    need(body.find(".//isolate") is not None, "an isolate")
    need(any(p.get(XML_LANG) == other_lang for p in body.iter("p")), f"a paragraph in {other_lang}")
    need(any(s.get(XML_LANG) == other_lang for s in root.iter("span")), f"a span in {other_lang}")
    # Real Persian: ZWNJ, Persian digits, guillemets, and the acronyms of the samples.
    need("\u200c" in text, "a zero-width non-joiner")
    need(re.search("[۰-۹]", text) is not None, "Persian digits")
    need("«" in text and "»" in text, "« »")
    need("SCO" in text and "EAEU" in text, "the SCO and EAEU acronyms")
    ids = {s.get("id") for s in root.iter("section")}
    need(len(ids) == len(list(root.iter("section"))), "unique section ids")
    return problems


if __name__ == "__main__":
    problems = main(sys.argv[1], sys.argv[2])
    for problem in problems:
        print(f"{sys.argv[1]}: missing: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)
