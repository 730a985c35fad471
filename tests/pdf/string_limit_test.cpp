// The readers bound every text that becomes a PDF string by pdf_text_string_size and
// kLongestPdfString (base/pdf_text_size.h). These tests hold that measure to what the writer makes and
// to what libharu takes: right at the limit the PDF is written, one byte over it libharu refuses it.
#include <gtest/gtest.h>

#include <string>

#include "base/pdf_text_size.h"
#include "pdf/pdf_writer.h"
#include "pdf/text_encoding.h"
#include "test_support.h"

namespace nashr {
namespace {

using testing::Fonts;
using testing::sample_document;

TEST(PdfStringLimit, TheMeasureIsWhatTheWriterWrites) {
  for (const std::string text : {"", "ASCII text", "tab\tand newline\n", "é", "ASCII then é",
                                 "پرونده‌های فارسی", "𝔸 beyond the plane",
                                 "a\xFF"
                                 "b"}) {
    const std::size_t expected = is_printable_ascii(text) ? text.size() : utf16be_with_bom(text).size();
    EXPECT_EQ(pdf_text_string_size(text), expected) << text;
  }
  EXPECT_EQ(pdf_text_string_size("abc"), 3u);
  EXPECT_EQ(pdf_text_string_size("abé"), 2u + 3 * 2);
  EXPECT_EQ(pdf_text_string_size("a𝔸"), 2u + 2 + 4);
}

// A text of `characters` characters: one é, then ASCII letters (all BMP: two bytes each in UTF-16).
std::string utf16_text(std::size_t characters) {
  return "é" + std::string(characters - 1, 'a');
}

Result<std::string> write_with_title(const Fonts& fonts, const std::string& title) {
  PagedDocument document = sample_document(fonts, 1);
  document.info.title = title;
  return write_pdf(document);
}

Result<std::string> write_with_outline_title(const Fonts& fonts, const std::string& title) {
  PagedDocument document = sample_document(fonts, 1);
  EXPECT_FALSE(document.outline.empty());
  document.outline.front().title = title;
  return write_pdf(document);
}

TEST(PdfStringLimit, LibharuTakesTheLimitAndRefusesOneByteMore) {
  Fonts fonts;
  // UTF-16: 2 + 2 × 32,766 = 65,534 bytes pass, 2 + 2 × 32,767 = 65,536 do not.
  ASSERT_EQ(pdf_text_string_size(utf16_text(32766)), 65534u);
  ASSERT_EQ(pdf_text_string_size(utf16_text(32767)), 65536u);
  EXPECT_TRUE(write_with_title(fonts, utf16_text(32766)).ok());
  EXPECT_FALSE(write_with_title(fonts, utf16_text(32767)).ok());
  EXPECT_TRUE(write_with_outline_title(fonts, utf16_text(32766)).ok());
  EXPECT_FALSE(write_with_outline_title(fonts, utf16_text(32767)).ok());
  // ASCII: 65,535 bytes pass, 65,536 do not.
  EXPECT_TRUE(write_with_title(fonts, std::string(kLongestPdfString, 'a')).ok());
  Result<std::string> over = write_with_title(fonts, std::string(kLongestPdfString + 1, 'a'));
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.error().message.find("libharu error"), std::string::npos) << over.error().message;
}

}  // namespace
}  // namespace nashr
