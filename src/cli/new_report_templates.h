#pragma once
// The report skeletons `nashr new` writes: every part of the format, each with a comment saying
// what it is for (docs/report-format.md has the whole story). Both build as they are.

namespace nashr {

inline constexpr const char* kNewReportEnglish = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- A new report for nashr (docs/report-format.md describes every element). Build it with
       nashr build -o out @FILE@
     and check it while writing with
       nashr check @FILE@
     The root names the report's language (xml:lang), its direction (dir) and the style sheet that
     sets it: persian-files is an English issue with Persian parts, persian-files-fa a Persian one. -->
<report xml:lang="en" dir="ltr" style="persian-files">
  <!-- The masthead: what the first page's head and the PDF's metadata show. -->
  <meta>
    <!-- The periodical's name; a second one in another language may follow (xml:lang="fa"). -->
    <series-title>@TITLE@</series-title>
    <!-- The periodical's ISSN, with its check digit (nashr checks it); medium is print or online.
         Replace this one with yours. -->
    <issn medium="print">2975-0598</issn>
    <!-- Volume and issue numbers, and the issue's date (YYYY-MM-DD; the Solar Hijri date is derived). -->
    <volume>1</volume>
    <issue>1</issue>
    <date>2025-01-20</date>
    <publisher>The Publisher</publisher>
    <!-- The report's own title, an optional subtitle, its authors and keywords (each repeatable). -->
    <title>@TITLE@</title>
    <subtitle>What the report is about, in one line</subtitle>
    <author>First Author</author>
    <keyword>first keyword</keyword>
    <!-- How to reach the publisher: printed at the end of the report. -->
    <contact>
      <email>editor@example.com</email>
      <url>https://www.example.com/</url>
      <sentence>Write to <link href="mailto:editor@example.com"/> for more.</sentence>
    </contact>
    <copyright>© 2025 The Publisher</copyright>
  </meta>

  <!-- The executive summary, before the body; another one may follow in Persian
       (xml:lang="fa" dir="rtl"). -->
  <summary>
    <heading>Executive Summary</heading>
    <p>What the reader should take away, in a few sentences.</p>
  </summary>

  <!-- The body: sections nested at most three deep, each with a heading and blocks. -->
  <body>
    <section id="introduction">
      <heading>Introduction</heading>
      <!-- A paragraph, with inline markup: em, strong, a web link, a link to a section (to="id"),
           a Persian name in a span, and an isolate that keeps a code's order in either direction. -->
      <p>A paragraph with <em>emphasis</em>, <strong>strong</strong> words, a
        <link href="https://www.example.com/">web link</link>, a link to
        <link to="details">the details</link>, a Persian name
        (<span xml:lang="fa" dir="rtl">سید محمد اتابک</span>) and a code:
        <isolate kind="code">AB-12/3</isolate>.</p>
      <!-- Lists: ul (bullets) or ol (numbers, start="N" to begin elsewhere), nested two deep. -->
      <ul>
        <li>A point</li>
        <li>Another point
          <ol>
            <li>a numbered sub-point</li>
          </ol>
        </li>
      </ul>
      <!-- A block quotation and who said it. -->
      <quote>
        <p>A quoted paragraph.</p>
        <attribution>Someone, 2025</attribution>
      </quote>
      <!-- A table, numbered by the style ("Table 1: …"): columns fitted (auto), a share (1*) or fixed
           (2.5cm), numbers lined up on their decimal point; <head> rows repeat on each page. -->
      <table id="table-1">
        <caption>What the table shows</caption>
        <columns><column width="auto"/><column width="1*"/><column width="2.5cm" align="decimal"/></columns>
        <head><row><cell>Year</cell><cell>Item</cell><cell>Value</cell></row></head>
        <row><cell>2024</cell><cell>An item</cell><cell>12.5</cell></row>
        <row><cell>2025</cell><cell>Another item</cell><cell>7.25</cell></row>
      </table>
      <!-- A figure: a PNG or JPEG beside the report, with its alternative text and a caption.
           Put an image at images/figure.png and remove the comment marks to use it.
      <figure id="figure-1" src="images/figure.png" alt="What the image shows">
        <caption>Figure 1: what the image shows.</caption>
      </figure>
      -->
      <section id="details">
        <heading>Details</heading>
        <p>A second-level section.</p>
      </section>
    </section>
    <!-- A page break, then a section in Persian, right to left. -->
    <page-break/>
    <section id="persian" xml:lang="fa" dir="rtl">
      <heading>بخش فارسی</heading>
      <p>متن فارسی با نیم‌فاصله در «می‌شود» و ارقام ۱۲۳.</p>
    </section>
  </body>
</report>
)";

inline constexpr const char* kNewReportPersian = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- A new Persian report for nashr (docs/report-format.md describes every element). Build it with
       nashr build -o out @FILE@
     and check it while writing with
       nashr check @FILE@
     The root names the report's language (xml:lang), its direction (dir) and the style sheet that
     sets it: persian-files-fa is a Persian issue, right to left, with English parts. -->
<report xml:lang="fa" dir="rtl" style="persian-files-fa">
  <!-- The masthead: what the first page's head and the PDF's metadata show. -->
  <meta>
    <!-- The periodical's name; a second one in English may come first (xml:lang="en" dir="ltr"). -->
    <series-title>@TITLE@</series-title>
    <!-- The periodical's ISSN, with its check digit (nashr checks it); medium is print or online.
         Replace this one with yours. -->
    <issn medium="online">2975-0598</issn>
    <!-- Volume and issue numbers, and the issue's date (YYYY-MM-DD, Gregorian; the Solar Hijri date
         is derived). -->
    <volume>1</volume>
    <issue>1</issue>
    <date>2025-01-20</date>
    <publisher>ناشر</publisher>
    <!-- The report's own title, an optional subtitle, its authors and keywords (each repeatable). -->
    <title>@TITLE@</title>
    <subtitle>موضوع گزارش در یک سطر</subtitle>
    <author>نویسندهٔ نخست</author>
    <keyword>کلیدواژه</keyword>
    <!-- How to reach the publisher: printed at the end of the report. -->
    <contact>
      <email>editor@example.com</email>
      <url>https://www.example.com/</url>
      <sentence>برای اطلاعات بیشتر به
        <link href="mailto:editor@example.com"><isolate kind="email">editor@example.com</isolate></link>
        بنویسید.</sentence>
    </contact>
    <copyright xml:lang="en" dir="ltr">© 2025 The Publisher</copyright>
  </meta>

  <!-- The executive summary, before the body; another one may follow in English
       (xml:lang="en" dir="ltr"). -->
  <summary>
    <heading>خلاصهٔ مدیریتی</heading>
    <p>آنچه خواننده باید از گزارش بداند، در چند جمله.</p>
  </summary>

  <!-- The body: sections nested at most three deep, each with a heading and blocks. -->
  <body>
    <section id="introduction">
      <heading>درآمد</heading>
      <!-- A paragraph, with inline markup: em, strong, a web link, a link to a section (to="id"),
           an English name in a span, and an isolate that keeps a code's order. -->
      <p>بندی با <em>تأکید</em>، واژه‌های <strong>پررنگ</strong>،
        <link href="https://www.example.com/">پیوندی به وب</link>، پیوندی به
        <link to="details">جزئیات</link>، نامی انگلیسی
        (<span xml:lang="en" dir="ltr">Roman Golovchenko</span>) و یک کد:
        <isolate kind="code">AB-12/3</isolate>.</p>
      <!-- Lists: ul (bullets) or ol (numbers, start="N" to begin elsewhere), nested two deep. -->
      <ul>
        <li>نکته‌ای</li>
        <li>نکته‌ای دیگر
          <ol>
            <li>زیرنکته‌ای شماره‌دار</li>
          </ol>
        </li>
      </ul>
      <!-- A block quotation and who said it. -->
      <quote>
        <p>بندی نقل‌شده.</p>
        <attribution>گوینده، ۱۴۰۳</attribution>
      </quote>
      <!-- A table, numbered by the style («جدول ۱: …»): columns fitted (auto), a share (1*) or fixed
           (2.5cm), numbers lined up on their decimal separator; <head> rows repeat on each page. -->
      <table id="table-1">
        <caption>آنچه جدول نشان می‌دهد</caption>
        <columns><column width="auto"/><column width="1*"/><column width="2.5cm" align="decimal"/></columns>
        <head><row><cell>سال</cell><cell>مورد</cell><cell>مقدار</cell></row></head>
        <row><cell>۱۴۰۳</cell><cell>موردی</cell><cell>۱۲٫۵</cell></row>
        <row><cell>۱۴۰۴</cell><cell>موردی دیگر</cell><cell>۷٫۲۵</cell></row>
      </table>
      <!-- A figure: a PNG or JPEG beside the report, with its alternative text and a caption.
           Put an image at images/figure.png and remove the comment marks to use it.
      <figure id="figure-1" src="images/figure.png" alt="آنچه تصویر نشان می‌دهد">
        <caption>شکل ۱: آنچه تصویر نشان می‌دهد.</caption>
      </figure>
      -->
      <section id="details">
        <heading>جزئیات</heading>
        <p>بخشی در سطح دوم.</p>
      </section>
    </section>
    <!-- A page break, then a section in English, left to right. -->
    <page-break/>
    <section id="english" xml:lang="en" dir="ltr">
      <heading>An English Section</heading>
      <p>English text in a Persian report.</p>
    </section>
  </body>
</report>
)";

}  // namespace nashr
