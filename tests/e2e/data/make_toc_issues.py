#!/usr/bin/env python3
"""Writes the synthetic contents-page issues of tests/e2e (issue 15): toc-long.xml (English, 32 sections of
two subsections: a contents of three pages, so every page number shifts once the contents take their
pages) and toc-fa.xml (the same in Persian, right to left), and notes-per-page.xml (footnotes numbered
from 1 on each page). Run it from this folder after changing it; the files are committed."""

META_EN = """  <meta>
    <series-title>Persian Files</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>3</issue>
    <date>2025-02-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher>
    <title>{title}</title>
  </meta>
"""
META_FA = """  <meta>
    <series-title xml:lang="en" dir="ltr">Persian Files</series-title>
    <series-title>پرونده‌های پارسی</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>3</issue>
    <date>2025-02-20</date>
    <publisher>واحد OSINT اسپشال‌اوراسیا</publisher>
    <title>{title}</title>
  </meta>
"""
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="../../../schema/report.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<!-- {comment} (written by make_toc_issues.py) -->
<report xml:lang="{lang}" dir="{dir}" style="{style}">
"""

EN_TOPICS = ["Trade", "Energy", "Transport corridors", "Agriculture", "Banking and payments", "Education",
             "Health", "Industry", "Defence ties", "Culture", "Tourism", "Science and technology"]
FA_TOPICS = ["تجارت", "انرژی", "کریدورهای حمل‌ونقل", "کشاورزی", "بانکداری و پرداخت", "آموزش", "سلامت",
             "صنعت", "پیوندهای دفاعی", "فرهنگ", "گردشگری", "علم و فناوری"]
EN_TEXT = ("Minsk and Tehran signed over 30 intergovernmental agreements, and the 16th session of the Joint "
           "Commission set out the next steps of their cooperation.")
FA_TEXT = ("مینسک و تهران بیش از ۳۰ موافقت‌نامهٔ بین‌دولتی امضا کرده‌اند و شانزدهمین نشست کمیسیون مشترک گام‌های "
           "بعدی همکاری را مشخص کرد.")


def toc_issue(persian):
    topics = FA_TOPICS if persian else EN_TOPICS
    text = FA_TEXT if persian else EN_TEXT
    out = HEAD.format(comment="a contents page of three pages before 32 sections",
                      lang="fa" if persian else "en", dir="rtl" if persian else "ltr",
                      style="../../../styles/persian-files-fa.xml" if persian else "../../../styles/persian-files.xml")
    out += (META_FA if persian else META_EN).format(title="فهرست مطالب بلند" if persian else "A long contents page")
    out += "  <body>\n    <toc/>\n"
    for s in range(32):
        topic = topics[s % len(topics)]
        part = " (" + ("بخش " + "۰۱۲۳۴۵۶۷۸۹"[s // 12 + 1] if persian else "part %d" % (s // 12 + 1)) + ")"
        out += '    <section id="s%d">\n      <heading>%s%s</heading>\n      <p>%s</p>\n' % (s + 1, topic, part, text)
        for sub in range(2):
            label = ("چشم‌انداز" if sub else "پیشینه") if persian else ("Outlook" if sub else "Background")
            out += "      <section>\n        <heading>%s</heading>\n        <p>%s %s</p>\n      </section>\n" % (
                label, text, text)
        out += "    </section>\n"
    out += "  </body>\n</report>\n"
    return out


def notes_issue():
    out = HEAD.format(comment="footnotes numbered from 1 on each page", lang="en", dir="ltr",
                      style="notes-per-page-style.xml")
    out += META_EN.format(title="Notes numbered per page")
    out += "  <body>\n"
    for s in range(4):
        out += '    <section>\n      <heading>%s</heading>\n' % EN_TOPICS[s]
        for p in range(6):
            out += "      <p>%s<note>The Joint Commission's communiqué, item %d.</note> %s %s</p>\n" % (
                EN_TEXT, s * 6 + p + 1, EN_TEXT, EN_TEXT)
        out += "    </section>\n"
    out += "  </body>\n</report>\n"
    return out


def main():
    with open("toc-long.xml", "w", encoding="utf-8") as f:
        f.write(toc_issue(False))
    with open("toc-fa.xml", "w", encoding="utf-8") as f:
        f.write(toc_issue(True))
    with open("notes-per-page.xml", "w", encoding="utf-8") as f:
        f.write(notes_issue())
    style = open("../../../styles/persian-files.xml", encoding="utf-8").read()
    style = style.replace('numbering="issue"', 'numbering="page"', 1)
    style = style.replace('name="persian-files"', 'name="notes-per-page-style"', 1)
    with open("notes-per-page-style.xml", "w", encoding="utf-8") as f:
        f.write(style)


main()
