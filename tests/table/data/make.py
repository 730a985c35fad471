#!/usr/bin/env python3
"""Writes the test issues with a table of about three pages, one left to right (English) and one
right to left (Persian): long-table-ltr.xml and long-table-rtl.xml. The figures are made up (test
data, a formula of the row number), chosen to show decimal alignment (one or two decimals, none,
thousands), a row span, a column span, wrapped cells and mixed Persian/English text.
Run from anywhere: python3 tests/table/data/make.py"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 96
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

META = """  <meta>
    <series-title xml:lang="en" dir="ltr">Persian Files</series-title>
    <series-title xml:lang="fa" dir="rtl">پرونده‌های پارسی</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>2</issue>
    <date>2025-01-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher>
    <title>{title}</title>
    <author>SpecialEurasia OSINT Unit</author>
  </meta>
"""


def value(i):
    whole = (i * 7919) % 12000 + 3
    if i % 5 == 0:
        return f"{whole}"
    if i % 3 == 0:
        return f"{whole}.{(i * 13) % 10}"
    return f"{whole}.{(i * 37) % 100:02d}"


def share(i):
    return f"{(i * 53) % 100}.{i % 10}"


def rows(persian):
    sectors = (["انرژی", "کشاورزی", "حمل‌ونقل (transport)", "صنعت و معدن", "داروسازی و تجهیزات پزشکی"]
               if persian else ["Energy", "Agriculture", "Transport (حمل‌ونقل)", "Industry and mining",
                                "Pharmaceuticals and medical equipment"])
    out = []
    for i in range(1, ROWS + 1):
        number = str(i)
        amount = value(i)
        percent = share(i)
        if persian:
            number = number.translate(FA_DIGITS)
            amount = amount.translate(FA_DIGITS).replace(".", "٫")
            percent = percent.translate(FA_DIGITS).replace(".", "٫")
        sector = sectors[i % len(sectors)]
        if i % 11 == 0:
            sector += (" — ردیفی با توضیحی بلندتر که در ستون خود به چند سطر شکسته می‌شود" if persian
                       else " — a row with a longer note that wraps onto several lines in its column")
        if i == 20:
            out.append(f'        <row><cell>{number}</cell><cell rowspan="2">{sector}</cell>'
                       f'<cell>{amount}</cell><cell>{percent}</cell></row>')
            continue
        if i == 21:
            out.append(f'        <row><cell>{number}</cell><cell>{amount}</cell><cell>{percent}</cell></row>')
            continue
        if i == 40:
            note = "ردیف بدون رقم: دو ستون آخر یکی شده‌اند" if persian else "no figures: the last two columns joined"
            out.append(f'        <row><cell>{number}</cell><cell>{sector}</cell><cell colspan="2" align="centre">{note}</cell></row>')
            continue
        out.append(f"        <row><cell>{number}</cell><cell>{sector}</cell><cell>{amount}</cell><cell>{percent}</cell></row>")
    return "\n".join(out)


def write(name, persian):
    lang = 'xml:lang="fa" dir="rtl" style="persian-files-fa"' if persian else 'xml:lang="en" dir="ltr" style="persian-files"'
    title = "جدول سه‌صفحه‌ای (داده‌های آزمون)" if persian else "A three-page table (test data)"
    caption = ("ارقام ساختگی بر پایهٔ شمارهٔ ردیف، برای آزمون شکستن جدول میان صفحه‌ها" if persian
               else "Made-up figures (a formula of the row number) to test a table broken across pages")
    head = ("<row><cell>ردیف</cell><cell>بخش</cell><cell>ارزش (میلیون دلار)</cell><cell>سهم ٪</cell></row>" if persian
            else "<row><cell>No.</cell><cell>Sector</cell><cell>Value (USD million)</cell><cell>Share %</cell></row>")
    intro = ("این شماره جدولی بلند دارد که در سه صفحه ادامه می‌یابد؛ سطر عنوان در بالای هر صفحه تکرار می‌شود." if persian
             else "This issue holds one long table that runs over three pages; its head row is repeated at the top of each page.")
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="../../../schema/report.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<!-- Made by tests/table/data/make.py: a table of about three pages. Test data, not facts. -->
<report {lang}>
{META.format(title=title)}  <body>
    <section id="table">
      <heading>{"جدول" if persian else "Table"}</heading>
      <p>{intro}</p>
      <table id="long">
        <caption>{caption}</caption>
        <columns>
          <column width="auto" align="end"/>
          <column width="1*"/>
          <column width="auto" align="decimal"/>
          <column width="2.2cm" align="decimal"/>
        </columns>
        <head>
          {head}
        </head>
{rows(persian)}
      </table>
    </section>
  </body>
</report>
"""
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
        out.write(text)


write("long-table-ltr.xml", False)
write("long-table-rtl.xml", True)
