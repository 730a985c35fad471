// nashr distribute and nashr trace end to end, checked with real tools: qpdf (encryption), poppler's
// pdftotext (the user password, the stamp as text), MuPDF (cropping the stamp away).
#include <gtest/gtest.h>

#include <fstream>

#include "distribute/publisher_key.h"
#include "support.h"

namespace nashr {
namespace {

using namespace ::nashr::testing;

TEST(Distribute, CopiesAreAes256R6AndOpenOnlyWithTheirPassword) {
  require_tool("qpdf");
  require_tool("pdftotext");
  const fs::path out = scratch("encryption");
  const Command made = distribute(fixture().english, out);
  ASSERT_EQ(made.code, 0) << made.out;
  const Command shown = run("qpdf --show-encryption " + (out / "A-1042.pdf").string());
  EXPECT_NE(shown.out.find("R = 6"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("stream encryption method: AESv3"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("print high resolution: allowed"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("extract for accessibility: allowed"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("modify anything: not allowed"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("extract for any purpose: not allowed"), std::string::npos) << shown.out;
  // B-7 has a user password: pdftotext opens it with it, not without.
  const std::string protected_copy = (out / "B-7.pdf").string();
  EXPECT_NE(run("pdftotext " + protected_copy + " -").code, 0);
  const Command opened = run("pdftotext -enc UTF-8 -upw secret7 " + protected_copy + " -");
  EXPECT_EQ(opened.code, 0) << opened.out;
  EXPECT_NE(opened.out.find("مریم احمدی"), std::string::npos) << opened.out;
  // The stamp is text: searchable on every page.
  const Command text = run("pdftotext -enc UTF-8 " + (out / "A-1042.pdf").string() + " -");
  std::size_t stamps = 0;
  for (std::size_t at = 0; (at = text.out.find("Prepared for Jane Doe (A-1042) · 15 January 2025", at)) != std::string::npos; ++at)
    ++stamps;
  const Command pages = run("qpdf --show-npages " + (out / "A-1042.pdf").string());
  ASSERT_EQ(pages.code, 0) << pages.out;
  EXPECT_EQ(stamps, std::stoul(pages.out)) << text.out;  // one a page
  EXPECT_EQ(run("qpdf --check " + (out / "A-1042.pdf").string()).code, 0);
}

TEST(Distribute, ThePersianStampHasPersianDigitsAndTheSolarHijriDate) {
  require_tool("pdftotext");
  const fs::path out = scratch("persian");
  ASSERT_EQ(distribute(fixture().persian, out).code, 0);
  // pdftotext's layout mode gives the stamp's line whole (its order of the isolates is its own).
  const Command text = run("pdftotext -enc UTF-8 " + (out / "A-1042.pdf").string() + " -");
  const std::size_t line = text.out.find("تهیه‌شده برای");
  ASSERT_NE(line, std::string::npos) << text.out;
  const std::string stamp = text.out.substr(line, text.out.find('\n', line) - line);
  for (const char* part : {"Jane Doe", "A-1042", "۲۶", "دی", "۱۴۰۳"}) EXPECT_NE(stamp.find(part), std::string::npos) << stamp;
}

TEST(Distribute, ManifestListsEveryCopyWithItsDigestAndNoPassword) {
  const fs::path out = scratch("manifest");
  ASSERT_EQ(distribute(fixture().english, out).code, 0);
  const std::string json = slurp(out / "manifest.json");
  const std::string csv = slurp(out / "manifest.csv");
  for (const char* id : {"A-1042", "B-7", "C-3"}) {
    const std::string digest = to_hex(sha256(slurp(out / (std::string(id) + ".pdf"))));
    EXPECT_NE(json.find(std::string("\"file\": \"") + id + ".pdf\", \"id\": \"" + id + "\", \"sha256\": \"" + digest +
                        "\", \"status\": \"written\""),
              std::string::npos)
        << json;
    EXPECT_NE(csv.find(std::string(id) + ".pdf," + id + "," + digest + ",written"), std::string::npos) << csv;
  }
  EXPECT_EQ(json.find("secret7"), std::string::npos);
  EXPECT_EQ(csv.find("secret7"), std::string::npos);
}

TEST(Distribute, CopiesAreReproducibleAndASecondRunKeepsThem) {
  const fs::path one = scratch("same-1"), two = scratch("same-2");
  ASSERT_EQ(distribute(fixture().english, one, " -j 1").code, 0);
  ASSERT_EQ(distribute(fixture().english, two, " -j 2").code, 0);
  for (const char* file : {"A-1042.pdf", "B-7.pdf", "C-3.pdf", "manifest.json"}) {
    EXPECT_EQ(slurp(one / file), slurp(two / file)) << file;
  }
  const Command again = distribute(fixture().english, two);
  EXPECT_NE(again.out.find("0 copies written, 3 kept"), std::string::npos) << again.out;
  // Other options make other copies: nothing is kept.
  const Command other = distribute(fixture().english, two, " --allow=print,copy");
  EXPECT_NE(other.out.find("3 copies written, 0 kept"), std::string::npos) << other.out;
}

// A thread parses the issue once for many copies and undoes each copy's changes: the third copy
// made on one thread (after one with a user password) is the copy made alone from a fresh parse.
TEST(Distribute, ACopyMadeAfterOthersOnOneThreadIsTheCopyMadeAlone) {
  const fs::path all = scratch("reuse-all"), alone = scratch("reuse-alone");
  ASSERT_EQ(distribute(fixture().persian, all, " -j 1 --watermark").code, 0);
  const fs::path list = alone / "one.csv";
  std::ofstream(list) << "id,name,email,lang,password\nC-3,Sara (سارا) Karimi,,fa,\n";
  const Command one = run(kNashr + " distribute " + fixture().persian.string() + " --subscribers " + list.string() +
                          " --key-file " + fixture().key.string() + " -o " + (alone / "copies").string() +
                          " -j 1 --watermark");
  ASSERT_EQ(one.code, 0) << one.out;
  EXPECT_EQ(slurp(all / "C-3.pdf"), slurp(alone / "copies" / "C-3.pdf"));
}

// The style's <watermark>: the name and id over every page, translucent (an ExtGState's /ca), drawn
// after the content so the summary box's fill cannot hide it; the page's text still reads.
TEST(Distribute, TheStylesWatermarkIsTextOverTheContentAndTranslucent) {
  require_tool("pdftotext");
  require_tool("mutool");
  require_tool("qpdf");
  const fs::path out = scratch("watermark");
  std::string style = slurp(fs::path(NASHR_SOURCE_DIR) / "styles" / "persian-files.xml");
  style.replace(style.rfind("</style>"), 8, "<watermark size=\"40pt\" colour=\"#708090\" opacity=\"0.25\"/>\n</style>");
  std::ofstream(out / "marked.xml") << style;
  const Command made = distribute(fixture().english, out / "copies", " --style " + (out / "marked.xml").string());
  ASSERT_EQ(made.code, 0) << made.out;
  const std::string copy = (out / "copies" / "A-1042.pdf").string();
  // MuPDF reads the turned line whole (pdftotext splits diagonal text into letters among the lines).
  const Command drawn_text = run("mutool draw -q -F txt -o - " + copy);
  std::size_t marks = 0;
  for (std::size_t at = 0; (at = drawn_text.out.find("Jane Doe · A-1042", at)) != std::string::npos; ++at) ++marks;
  const Command pages = run("qpdf --show-npages " + copy);
  ASSERT_EQ(pages.code, 0) << pages.out;
  EXPECT_EQ(marks, std::stoul(pages.out)) << drawn_text.out;  // one a page, besides the stamps' "Jane Doe (A-1042)"
  // The page still reads: the summary box's text, which the watermark crosses, comes out whole.
  const Command text = run("pdftotext -enc UTF-8 -raw " + copy + " -");
  EXPECT_NE(text.out.find("Prepared for Jane Doe (A-1042)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Executive Summary\nBelarus and Iran continue to solidify their bilateral relations"),
            std::string::npos) << text.out;
  // The watermark comes after the page's own content (after its closing Q) in its translucent state.
  ASSERT_EQ(run("qpdf --decrypt --qdf --object-streams=disable " + copy + " " + (out / "open.pdf").string()).code, 0);
  const std::string open = slurp(out / "open.pdf");
  EXPECT_NE(open.find("/Type /ExtGState\n  /ca 0.25"), std::string::npos);
  const std::size_t drawn = open.find("/NashrWatermarkAlpha gs");
  ASSERT_NE(drawn, std::string::npos);
  const std::size_t closing = open.rfind("Q\n", drawn);
  ASSERT_NE(closing, std::string::npos);
  // The issue is tagged (docs/pdf.md, "Tagged PDF"): the watermark is a Watermark artifact.
  const std::size_t artifact = open.find("/Watermark>>BDC", closing);
  EXPECT_LT(artifact, drawn) << open.substr(closing, drawn - closing);
  // The same copy made with --watermark and a style without one: the defaults, 30pt and 0.2.
  const Command flag = distribute(fixture().english, out / "flag", " --watermark");
  ASSERT_EQ(flag.code, 0) << flag.out;
  EXPECT_NE(run("mutool draw -q -F txt -o - " + (out / "flag" / "A-1042.pdf").string()).out.find("Jane Doe · A-1042"),
            std::string::npos);
  // Changing the style's watermark makes other copies: none is kept.
  style.replace(style.find("opacity=\"0.25\""), 14, "opacity=\"0.15\"");
  std::ofstream(out / "marked.xml") << style;
  const Command again = distribute(fixture().english, out / "copies", " --style " + (out / "marked.xml").string());
  EXPECT_NE(again.out.find("3 copies written, 0 kept"), std::string::npos) << again.out;
}

TEST(Distribute, BuildWithSubscribersWritesTheCopiesBesideThePdf) {
  require_tool("pdftotext");
  const fs::path out = scratch("build");
  const Command built = run(kNashr + " build -o " + out.string() + fixture().common() + " " + NASHR_SOURCE_DIR +
                            "/reports/persian-files-29-2-fa.xml");
  ASSERT_EQ(built.code, 0) << built.out;
  EXPECT_TRUE(fs::exists(out / "persian-files-29-2-fa.pdf"));
  EXPECT_TRUE(fs::exists(out / "persian-files-29-2-fa-copies" / "manifest.json"));
  const Command text = run("pdftotext -enc UTF-8 " + (out / "persian-files-29-2-fa-copies" / "C-3.pdf").string() + " -");
  EXPECT_NE(text.out.find("تهیه‌شده برای"), std::string::npos) << text.out;
}

TEST(Trace, NamesTheSubscriberAfterCropAndDecryptAndSaysNoFingerprintOtherwise) {
  require_tool("qpdf");
  require_tool("pdftotext");
  const fs::path out = scratch("trace");
  ASSERT_EQ(distribute(fixture().english, out).code, 0);
  const std::string trace = " --subscribers " + fixture().subscribers.string() + " --key-file " + fixture().key.string();
  const Command direct = run(kNashr + " trace " + (out / "B-7.pdf").string() + trace);
  EXPECT_EQ(direct.code, 0) << direct.out;
  EXPECT_NE(direct.out.find("the copy of B-7 (مریم احمدی)"), std::string::npos) << direct.out;
  // Decrypted and re-saved by qpdf.
  const fs::path decrypted = out / "decrypted.pdf";
  ASSERT_EQ(run("qpdf --decrypt --password=secret7 " + (out / "B-7.pdf").string() + " " + decrypted.string()).code, 0);
  const Command after_decrypt = run(kNashr + " trace " + decrypted.string() + trace);
  EXPECT_NE(after_decrypt.out.find("the copy of B-7"), std::string::npos) << after_decrypt.out;
  // Cropped by MuPDF: the strip with the stamp cut off every page (media and crop boxes), saved
  // decrypted; no stamp left to read, the fingerprint still there.
  require_tool("mutool");
  const fs::path cropped = out / "cropped.pdf";
  const fs::path script = out / "crop.js";
  std::ofstream(script) << "var doc = new PDFDocument(scriptArgs[0]);\n"
                           "if (doc.needsPassword()) doc.authenticatePassword(scriptArgs[2]);\n"
                           "for (var i = 0; i < doc.countPages(); ++i) {\n"
                           "  var page = doc.findPage(i);\n"
                           "  var box = page.get('MediaBox');\n"
                           "  var cut = [box[0], box[1] + 60, box[2], box[3]];\n"
                           "  page.put('MediaBox', cut);\n"
                           "  page.put('CropBox', cut);\n"
                           "}\n"
                           "doc.save(scriptArgs[1], 'decrypt,garbage');\n";
  const Command crop = run("mutool run " + script.string() + " " + (out / "B-7.pdf").string() + " " + cropped.string() +
                       " secret7");
  ASSERT_EQ(crop.code, 0) << crop.out;
  const Command text = run("pdftotext -enc UTF-8 " + cropped.string() + " -");
  EXPECT_NE(text.out.find("Belarus"), std::string::npos) << text.out;  // the issue's text stays
  EXPECT_EQ(text.out.find("Prepared for"), std::string::npos) << "the stamp survived the crop";
  EXPECT_EQ(text.out.find("مریم"), std::string::npos) << "the stamp survived the crop";
  const Command after_crop = run(kNashr + " trace " + cropped.string() + trace);
  EXPECT_NE(after_crop.out.find("the copy of B-7"), std::string::npos) << after_crop.out;
  // The issue itself, and a PDF nashr never touched: no fingerprint, exit 1.
  const Command issue = run(kNashr + " trace " + fixture().english.string() + trace);
  EXPECT_EQ(issue.code, 1);
  EXPECT_NE(issue.out.find(": no fingerprint"), std::string::npos) << issue.out;
  ASSERT_EQ(run("qpdf --empty " + (out / "empty.pdf").string()).code, 0);
  EXPECT_NE(run(kNashr + " trace " + (out / "empty.pdf").string() + trace).out.find("no fingerprint"), std::string::npos);
}

}  // namespace
}  // namespace nashr
