#!/usr/bin/env python3
"""Writes a synthetic nashr report of about N pages, for the scaling benchmark (bench/scale.sh).

    bench/gen-issue.py --pages N [--variant ltr|rtl] [--seed S] [-o FILE] [--stats] [--notes]

The issue is in the report format (docs/report-format.md, schema/report.rng): the masthead
metadata, an English and a Persian executive summary, nested sections with headings, Persian and
Latin paragraphs, nested bulleted and numbered lists (some Persian), block quotes with an
attribution, isolates (ISSN, codes, numbers, dates), links to sections, and the contact.
Its text is real: sentences, list items and names are drawn from the sample issues in reports/,
so the Persian has its ZWNJs, Persian digits, « » and the SCO/EAEU acronyms; a few connecting
sentences (links, isolates) are written here.

`ltr` is an English issue with Persian parts (style persian-files); `rtl` is a Persian issue with
English parts (style persian-files-fa). The output depends only on N, the variant, the seed and
the sample reports: the random numbers come from our own generator, not Python's, so every
Python 3 version writes the same bytes.

Calibration (bench/README.md has the measurement): the house styles set the body at 10.5 pt on
15 pt leading in a 170 mm x 251 mm text area of an A4 page, 47 lines. Shaping this text with the
styles' fonts at 10.5 pt gives about 11.7 English words a line (Noto Serif) and 16.8 Persian words
a line (Vazirmatn; Persian words are short), last lines of paragraphs included. Paragraph spacing,
headings and list indents leave about 41 lines of running text a page, so an LTR page (82 % English)
was estimated to hold about 500 words and an RTL page (82 % Persian) about 650. Laid out by nashr,
the 1000-page issues of that estimate came to 1012 and 1071 pages: WORDS_PER_PAGE holds the words a
page measured there (494 and 607), so that N = 1000 gives 1000 pages. The first page loses about
MASTHEAD_WORDS words to the masthead. Words are white-space separated tokens of the
text. `nashr build` and pdfinfo give the real page count; bench/scale.sh prints both.

Only the Python 3 standard library is used.
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

WORDS_PER_PAGE = {"ltr": 494, "rtl": 607}
MASTHEAD_WORDS = 150

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


class Random:
    """SplitMix64: small, well distributed, and the same on every Python version."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return self.next64() % n

    def between(self, low, high):
        """A whole number in [low, high]."""
        return low + self.below(high - low + 1)

    def chance(self, percent):
        return self.below(100) < percent

    def choice(self, items):
        return items[self.below(len(items))]


# ---- reading the samples ------------------------------------------------------------------------

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian_digits(number):
    return str(number).translate(PERSIAN_DIGITS)


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute_name(name):
    return "xml:" + name[len(XML_NS):] if name.startswith(XML_NS) else name


def inline_xml(element):
    """The element's content as XML text, white space collapsed (it is re-indented on output)."""
    parts = [escape(element.text or "")]
    for child in element:
        attributes = "".join(
            f' {attribute_name(k)}="{escape(v)}"' for k, v in child.attrib.items())
        parts.append(f"<{child.tag}{attributes}>{inline_xml(child)}</{child.tag}>")
        parts.append(escape(child.tail or ""))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def is_well_formed(fragment):
    try:
        ET.fromstring(f"<x>{fragment}</x>")
        return True
    except ET.ParseError:
        return False


# A sentence ends at . ! ? or the Arabic question mark, before a space and the next sentence's
# first letter (Latin capital, Arabic letter, « or an opening tag).
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+(?=[A-Z«<\u0600-\u06FF])")


def split_sentences(fragment):
    """Sentences of an inline XML fragment; a split inside markup is undone."""
    sentences, pending = [], ""
    for piece in SENTENCE_END.split(fragment):
        pending = f"{pending} {piece}" if pending else piece
        if is_well_formed(pending):
            sentences.append(pending)
            pending = ""
    if pending:
        sentences.append(pending)
    return sentences


def remove_notes(root):
    """Drops every <note> (keeping the text after it): the pool draws from the running text only,
    so notes in the samples change no synthetic issue (--notes adds its own)."""
    for parent in root.iter():
        for index, child in reversed(list(enumerate(parent))):
            if child.tag != "note":
                continue
            tail = child.tail or ""
            if index > 0:
                parent[index - 1].tail = (parent[index - 1].tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(child)


def language_of(element, inherited):
    return element.get(XML_NS + "lang", inherited)


class Pool:
    """Text drawn from the sample reports, by language."""

    def __init__(self):
        self.sentences = {"en": [], "fa": []}
        self.list_items = {"en": [], "fa": []}
        self.headings = {"en": [], "fa": []}
        self.keywords = {"en": [], "fa": []}
        self.names = {"en": [], "fa": []}  # spans in the other language, with their markup
        self.contact = {}
        self.titles = {}

    def read(self, path):
        root = ET.parse(path).getroot()
        remove_notes(root)
        report_lang = language_of(root, "en")[:2]
        self._walk(root, report_lang)

    def _walk(self, element, lang):
        lang = language_of(element, lang)[:2]
        if lang not in self.sentences:
            return
        tag = element.tag
        if tag == "p" and element.find(".//ref") is not None:
            return  # a cross-reference needs its target, which a synthetic issue does not have
        if tag == "p":
            self.sentences[lang].extend(split_sentences(inline_xml(element)))
        elif tag == "li":
            self.list_items[lang].append(inline_xml(element))
        elif tag == "heading":
            text = inline_xml(element)
            if text not in ("Executive Summary", "خلاصهٔ مدیریتی"):
                self.headings[lang].append(text)
        elif tag == "keyword":
            self.keywords[lang].append(inline_xml(element))
        elif tag == "title":
            self.titles[lang] = inline_xml(element)
        elif tag == "sentence":
            self.contact[lang] = inline_xml(element)
        if tag in ("p", "li", "heading", "keyword", "title", "sentence"):
            # Spans inside still count as names in their own language.
            for span in element.iter("span"):
                span_lang = language_of(span, lang)[:2]
                if span_lang in self.names:
                    self.names[span_lang].append(
                        f'<span xml:lang="{span_lang}" dir="{"rtl" if span_lang == "fa" else "ltr"}">'
                        f"{inline_xml(span)}</span>")
            return
        for child in element:
            self._walk(child, lang)

    def check(self):
        for lang in ("en", "fa"):
            for what, items in (("sentences", self.sentences), ("list items", self.list_items),
                                ("headings", self.headings), ("keywords", self.keywords)):
                if not items[lang]:
                    sys.exit(f"gen-issue: the sample reports have no {lang} {what}")
            if lang not in self.contact or lang not in self.titles:
                sys.exit(f"gen-issue: the sample reports have no {lang} contact sentence or title")
        for lang in ("en", "fa"):
            self.names[lang] = sorted(set(self.names[lang]))


# ---- writing the issue --------------------------------------------------------------------------


def word_count(fragment):
    return len(re.sub(r"<[^>]*>", " ", fragment).split())


class Issue:
    def __init__(self, pool, rng, variant, pages, seed, words_per_page, notes=False):
        self.pool, self.rng, self.variant, self.pages, self.seed = pool, rng, variant, pages, seed
        # --notes: a note after every paragraph, drawn from a generator of its own so that the
        # running text is the same as without notes.
        self.notes = notes
        self.note_rng = Random(seed * 7919 + pages)
        self.words_per_page = words_per_page
        self.main = "en" if variant == "ltr" else "fa"
        self.other = "fa" if self.main == "en" else "en"
        self.lines = []
        self.words = 0
        self.sections = []  # (id, heading, language) of the sections written so far
        self.counts = {"sections": 0, "paragraphs": 0, "lists": 0, "quotes": 0, "links": 0,
                       "isolates": 0, "other-language paragraphs": 0}
        self.code_number = 0
        self.showcase_written = False

    # -- inline pieces --

    def sentence(self, lang):
        return self.rng.choice(self.pool.sentences[lang])

    def connecting_sentence(self, lang, link=None):
        """A sentence with a link to a section or with isolates, written here."""
        rng = self.rng
        if link is None:
            link = rng.chance(50)
        if self.sections and link:
            section_id, heading, heading_lang = rng.choice(self.sections)
            self.counts["links"] += 1
            if heading_lang != lang:
                heading = (f'<span xml:lang="{heading_lang}" '
                           f'dir="{"rtl" if heading_lang == "fa" else "ltr"}">{heading}</span>')
            if lang == "en":
                return f'For the details, see <link to="{section_id}">{heading}</link>.'
            return f'برای جزئیات بیشتر، بخش «<link to="{section_id}">{heading}</link>» را ببینید.'
        self.code_number += 1
        self.counts["isolates"] += 2
        code = f"PF-29/2-{self.code_number}"
        day = f"2025-01-{rng.between(10, 28)}"
        if lang == "en":
            if rng.chance(50):
                return (f'The series is registered as <isolate kind="issn">2975-0598</isolate>; this '
                        f'note is filed under <isolate kind="code">{code}</isolate>.')
            return (f'The meeting of <isolate kind="date">{day}</isolate> lasted '
                    f'<isolate kind="number">{rng.between(2, 9)}.{rng.between(1, 9)}</isolate> hours.')
        if rng.chance(50):
            return (f'شاپای این نشریه <isolate kind="issn">2975-0598</isolate> و کد این یادداشت '
                    f'<isolate kind="code">{code}</isolate> است.')
        return (f'این دیدار در <isolate kind="date">{day}</isolate> برگزار شد و '
                f'{persian_digits(rng.between(2, 9))} ساعت به درازا کشید.')

    def name_sentence(self, lang):
        """A sentence naming someone in the other language, as the samples do."""
        other = "fa" if lang == "en" else "en"
        if not self.pool.names[other]:
            return self.sentence(lang)
        name = self.rng.choice(self.pool.names[other])
        if lang == "en":
            return f"In the Persian press the name is written {name}."
        return f"در منابع لاتین، این نام به صورت {name} آمده است."

    def paragraph_text(self, lang, low, high):
        parts = []
        for _ in range(self.rng.between(low, high)):
            roll = self.rng.below(100)
            if roll < 8:
                parts.append(self.connecting_sentence(lang))
            elif roll < 12:
                parts.append(self.name_sentence(lang))
            else:
                parts.append(self.sentence(lang))
        return " ".join(parts)

    # -- output --

    def emit(self, depth, text, words=0):
        self.lines.append("  " * depth + text)
        self.words += words

    def language_attributes(self, lang):
        if lang == self.main:
            return ""
        return f' xml:lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}"'

    def sentence_with(self, lang, needle):
        matches = [s for s in self.pool.sentences[lang] if re.search(needle, s)]
        return self.rng.choice(matches) if matches else self.sentence(lang)

    def showcase_paragraph(self, depth, lang):
        """A paragraph with the acronyms, « » and digits (Persian), a link, a name and isolates."""
        parts = [self.sentence_with(lang, "SCO")]
        if lang == "fa":
            parts.append(self.sentence_with(lang, "«"))
            parts.append(self.sentence_with(lang, "[۰-۹]"))
        parts.append(self.connecting_sentence(lang, link=True))
        parts.append(self.name_sentence(lang))
        parts.append(self.connecting_sentence(lang, link=False))
        self.paragraph(depth, lang, text=" ".join(parts))

    def note(self, lang):
        """A note: a sentence, and every third one a cited source (marked as an example)."""
        rng = self.note_rng
        text = rng.choice(self.pool.sentences[lang])
        self.counts["notes"] = self.counts.get("notes", 0) + 1
        if self.counts["notes"] % 3 == 0:
            title = re.sub(r"<[^>]*>", "", rng.choice(self.pool.headings[lang]))
            day = 1 + rng.below(28)
            text += (f' <source example="yes"><author>SpecialEurasia OSINT Unit</author><title>{escape(title)}</title>'
                     f"<publisher>Persian Files</publisher><date>2024-{1 + rng.below(12):02d}-{day:02d}</date>"
                     f"<url>https://www.specialeurasia.com/2024/notes/{self.counts['notes']}/?lang={lang}&amp;ref=pf</url>"
                     f"</source>")
        return f"<note>{text}</note>"

    def paragraph(self, depth, lang, low=2, high=6, text=None):
        if text is None:
            text = self.paragraph_text(lang, low, high)
        if self.notes:
            text += self.note(lang)
        self.counts["paragraphs"] += 1
        if lang != self.main:
            self.counts["other-language paragraphs"] += 1
        self.emit(depth, f"<p{self.language_attributes(lang)}>{text}</p>", word_count(text))

    def list_block(self, depth, lang, nesting=0, force_nested=False, most=5, numbered=None):
        rng = self.rng
        if numbered is None:
            numbered = rng.chance(40)
        tag = "ol" if numbered else "ul"
        start = f' start="{rng.between(2, 5)}"' if numbered and rng.chance(30) else ""
        self.counts["lists"] += 1
        self.emit(depth, f"<{tag}{start}{self.language_attributes(lang) if nesting == 0 else ''}>")
        # Distinct items within a list: a shuffled copy of the pool, cut to length.
        items = list(self.pool.list_items[lang])
        for last in range(len(items) - 1, 0, -1):
            other = rng.below(last + 1)
            items[last], items[other] = items[other], items[last]
        for index, item in enumerate(items[:rng.between(2, most)]):  # item 1 may hold a nested list
            nested = nesting < 2 and index == 1 and (force_nested or rng.chance(45))
            as_paragraph = not nested and rng.chance(15)
            if nested:
                self.emit(depth + 1, f"<li>{item}", word_count(item))
                self.list_block(depth + 2, lang, nesting + 1, most=most,
                                numbered=(not numbered) if force_nested else None)
                self.emit(depth + 1, "</li>")
            elif as_paragraph:
                text = self.paragraph_text(lang, 1, 2)
                self.emit(depth + 1, f"<li><p>{text}</p></li>", word_count(text))
            else:
                self.emit(depth + 1, f"<li>{item}</li>", word_count(item))
        self.emit(depth, f"</{tag}>")

    def quote(self, depth, lang):
        self.counts["quotes"] += 1
        text = self.paragraph_text(lang, 1, 3)
        if lang == "en":
            attribution = f"SpecialEurasia OSINT Unit, {self.rng.between(2019, 2025)}"
        else:
            attribution = f"واحد OSINT اسپشال‌اوراسیا، {persian_digits(self.rng.between(1398, 1403))}"
        self.emit(depth, f"<quote{self.language_attributes(lang)}>")
        self.emit(depth + 1, f"<p>{text}</p>", word_count(text))
        self.emit(depth + 1, f"<attribution>{attribution}</attribution>", word_count(attribution))
        self.emit(depth, "</quote>")

    def heading_text(self, lang, number):
        base = self.rng.choice(self.pool.headings[lang])
        keyword = self.rng.choice(self.pool.keywords[lang])
        if lang == "en":
            return f"{number}. {base}: {keyword}"
        return f"{persian_digits(number)}. {base}: {keyword}"

    def blocks(self, depth, budget):
        """Blocks worth about `budget` words in the current section."""
        rng = self.rng
        target = self.words + budget
        first = True
        if not self.showcase_written:
            # The first section shows every kind of block, so that even a 2-page issue has them all.
            self.showcase_written = True
            self.showcase_paragraph(depth, self.main)
            self.showcase_paragraph(depth, self.other)
            self.list_block(depth, self.main, force_nested=True, most=3, numbered=False)
            self.list_block(depth, self.other, most=3, numbered=True)
            self.quote(depth, self.main)
            first = False
        while self.words < target:
            roll = rng.below(100)
            lang = self.other if rng.chance(18) else self.main
            if first or roll < 70:
                self.paragraph(depth, self.main if first else lang)
            elif roll < 88:
                self.list_block(depth, lang)
            else:
                self.quote(depth, lang)
            first = False

    def section(self, depth, level, number, budget):
        self.counts["sections"] += 1
        section_id = "s" + "-".join(str(n) for n in number)
        lang = self.main
        heading = self.heading_text(lang, ".".join(str(n) for n in number))
        self.emit(depth, f'<section id="{section_id}">')
        self.emit(depth + 1, f"<heading>{heading}</heading>", word_count(heading))
        # Links may point here from now on (ids resolve over the whole issue).
        self.sections.append((section_id, heading, lang))
        subsections = self.rng.between(1, 3) if level < 3 and budget > 900 else 0
        if number == [1]:
            subsections = max(subsections, 1)  # even a 2-page issue nests a section
        own = budget if subsections == 0 else budget // (subsections + 1)
        self.blocks(depth + 1, own)
        for index in range(subsections):
            self.section(depth + 1, level + 1, number + [index + 1],
                         (budget - own) // subsections)
        self.emit(depth, "</section>")

    def summary(self, lang):
        box_dir = "rtl" if lang == "fa" else "ltr"
        attributes = "" if lang == self.main else f' xml:lang="{lang}" dir="{box_dir}"'
        heading = "Executive Summary" if lang == "en" else "خلاصهٔ مدیریتی"
        self.emit(1, f"<summary{attributes}>")
        self.emit(2, f"<heading>{heading}</heading>", word_count(heading))
        for _ in range(3 if self.pages > 2 else 2):
            text = self.paragraph_text(lang, 2, 3)
            self.emit(2, f"<p>{text}</p>", word_count(text))
        self.emit(1, "</summary>")

    def meta(self, schema_href):
        pool, main = self.pool, self.main
        style = "persian-files" if self.variant == "ltr" else "persian-files-fa"
        self.emit(0, '<?xml version="1.0" encoding="UTF-8"?>')
        self.emit(0, f'<?xml-model href="{schema_href}" type="application/xml" '
                     'schematypens="http://relaxng.org/ns/structure/1.0"?>')
        self.emit(0, f"<!-- A synthetic issue of about {self.pages} pages (variant {self.variant}, "
                     f"seed {self.seed}), written by bench/gen-issue.py for the scaling benchmark. -->")
        self.emit(0, f'<report xml:lang="{main}" dir="{"ltr" if main == "en" else "rtl"}" style="{style}">')
        self.emit(1, "<meta>")
        english = "" if main == "en" else ' xml:lang="en" dir="ltr"'
        persian = "" if main == "fa" else ' xml:lang="fa"'
        self.emit(2, f"<series-title{english}>Persian Files</series-title>")
        self.emit(2, f"<series-title{persian}>پرونده‌های پارسی</series-title>")
        self.emit(2, '<issn medium="online">2975-0598</issn>')
        self.emit(2, "<volume>29</volume>")
        self.emit(2, "<issue>2</issue>")
        self.emit(2, "<date>2025-01-20</date>")
        if main == "en":
            self.emit(2, "<publisher>SpecialEurasia OSINT Unit</publisher>")
            self.emit(2, f"<title>{pool.titles['en']}</title>")
            self.emit(2, f"<subtitle>A synthetic issue of about {self.pages} pages</subtitle>")
            self.emit(2, "<author>SpecialEurasia OSINT Unit</author>")
        else:
            self.emit(2, "<publisher>واحد OSINT اسپشال‌اوراسیا</publisher>")
            self.emit(2, f"<title>{pool.titles['fa']}</title>")
            self.emit(2, f"<subtitle>شماره‌ای ساختگی در حدود {persian_digits(self.pages)} صفحه</subtitle>")
            self.emit(2, "<author>واحد OSINT اسپشال‌اوراسیا</author>")
        for keyword in pool.keywords[main]:
            self.emit(2, f"<keyword>{keyword}</keyword>")
        self.emit(2, "<contact>")
        self.emit(3, "<email>info@specialeurasia.com</email>")
        self.emit(3, "<url>https://www.specialeurasia.com/</url>")
        self.emit(3, f"<sentence>{pool.contact[main]}</sentence>")
        self.emit(2, "</contact>")
        self.emit(2, f"<copyright{english}>© 2025 SpecialEurasia</copyright>")
        self.emit(1, "</meta>")

    def write(self, schema_href):
        self.meta(schema_href)
        self.words = 0
        self.summary(self.main)
        self.summary(self.other)
        self.emit(1, "<body>")
        target = max(self.pages * self.words_per_page - MASTHEAD_WORDS, 0)
        number = 0
        while number == 0 or self.words < target:
            number += 1
            remaining = target - self.words
            budget = min(max(remaining, 300), self.rng.between(600, 2400))
            self.section(2, 1, [number], budget)
        self.emit(1, "</body>")
        self.emit(0, "</report>")
        return "\n".join(self.lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True, help="approximate number of pages (N)")
    parser.add_argument("--variant", choices=("ltr", "rtl"), default="ltr",
                        help="ltr: English issue with Persian parts; rtl: Persian issue")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", help="output file (default: standard output)")
    parser.add_argument("--samples", default=os.path.join(REPO, "reports"),
                        help="folder of sample reports to draw text from (default: reports/)")
    parser.add_argument("--words-per-page", type=int,
                        help="override the calibration (default 494 for ltr, 607 for rtl)")
    parser.add_argument("--stats", action="store_true", help="print what was written on stderr")
    parser.add_argument("--notes", action="store_true",
                        help="a note (footnote) after every paragraph, every third citing a source")
    args = parser.parse_args()
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    words_per_page = args.words_per_page or WORDS_PER_PAGE[args.variant]
    if words_per_page < 50:
        parser.error("--words-per-page must be at least 50")

    pool = Pool()
    samples = sorted(f for f in os.listdir(args.samples) if f.endswith(".xml"))
    for name in samples:
        pool.read(os.path.join(args.samples, name))
    pool.check()

    schema = os.path.join(REPO, "schema", "report.rng")
    if args.output:
        folder = os.path.dirname(os.path.abspath(args.output))
        schema_href = os.path.relpath(schema, folder)
    else:
        schema_href = schema
    issue = Issue(pool, Random(args.seed * 1000003 + args.pages * 2 + (args.variant == "rtl")),
                  args.variant, args.pages, args.seed, words_per_page, notes=args.notes)
    text = issue.write(schema_href.replace(os.sep, "/"))

    if args.output:
        temporary = args.output + ".tmp"
        with open(temporary, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, args.output)
    else:
        sys.stdout.write(text)
    if args.stats:
        counts = ", ".join(f"{v} {k}" for k, v in issue.counts.items())
        target = max(args.pages * words_per_page - MASTHEAD_WORDS, 0)
        print(f"gen-issue: {issue.words} words (target {target}: {words_per_page} a page, "
              f"{MASTHEAD_WORDS} fewer for the masthead), {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
