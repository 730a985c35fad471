// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "model/xml_source.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace nashr {
namespace {

TEST(XmlSource, KeepsTextBetweenElementsAndLocatesEverything) {
  Result<XmlDocument> doc = parse_xml_text("t.xml",
                                           "<?xml version=\"1.0\"?>\n<!-- c -->\n<a x=\"1 &amp; 2\">\n  "
                                           "<b>hi &amp; <![CDATA[x<y]]> there</b> <c/>\n</a>\n");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const XmlNode& a = doc->root;
  EXPECT_EQ(a.name, "a");
  EXPECT_EQ(a.location, (SourceLocation{"t.xml", 3, 1}));
  ASSERT_EQ(a.attributes.size(), 1u);
  EXPECT_EQ(a.attributes[0].value, "1 & 2");
  EXPECT_EQ(a.attributes[0].location, (SourceLocation{"t.xml", 3, 4}));
  EXPECT_EQ(a.attributes[0].value_location, (SourceLocation{"t.xml", 3, 7}));
  ASSERT_EQ(a.children.size(), 5u);  // "\n  ", <b>, " ", <c/>, "\n"
  const XmlNode& b = a.children[1];
  EXPECT_EQ(b.location, (SourceLocation{"t.xml", 4, 3}));
  ASSERT_EQ(b.children.size(), 1u);
  EXPECT_EQ(b.children[0].text, "hi & x<y there");
  EXPECT_EQ(a.children[2].text, " ");  // white space between elements is kept
  // Offsets after an entity and inside CDATA map back to the source.
  EXPECT_EQ(doc->text_location(b.children[0], 5), (SourceLocation{"t.xml", 4, 24}));  // 'x' in CDATA
  EXPECT_EQ(doc->text_location(b.children[0], 9), (SourceLocation{"t.xml", 4, 31}));  // 't' of " there"
}

TEST(XmlSource, ColumnsCountCharactersNotBytes) {
  Result<XmlDocument> doc = parse_xml_text("t.xml", "<a>سلام <b/></a>");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->root.children[1].location.column, 9);
}

struct Malformed {
  std::string text;
  int line;
  int column;
  std::string message;
};

void PrintTo(const Malformed& m, std::ostream* os) {
  *os << m.message;
}

class MalformedXml : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedXml, FailsWithLineAndColumn) {
  Result<XmlDocument> doc = parse_xml_text("bad.xml", GetParam().text);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().location.line, GetParam().line);
  EXPECT_EQ(doc.error().location.column, GetParam().column);
  EXPECT_EQ(doc.error().message, "malformed XML: " + GetParam().message);
  EXPECT_FALSE(doc.error().hint.empty() && GetParam().message.find("closed") != std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Model, MalformedXml,
    ::testing::Values(Malformed{"<report>\n  <title>x</titel>\n</report>\n", 2, 11,
                                "</titel> does not close <title> (opened at line 2, column 3)"},
                      Malformed{"<report>\n  <p>x\n", 2, 3, "<p> is never closed"},
                      Malformed{"<a>\n Tom &amp Jerry</a>", 2, 6, "'&' must be written '&amp;'"},
                      Malformed{"<a>x &nbsp; y</a>", 1, 6, "unknown entity '&nbsp;'"},
                      Malformed{"<a b=\"1\" b=\"2\"/>", 1, 10, "attribute 'b' is given twice"},
                      Malformed{"<a b=1/>", 1, 6, "attribute values must be quoted"},
                      Malformed{"<a/><b/>", 1, 5, "content after the root element"},
                      Malformed{"", 1, 1, "expected the root element"},
                      Malformed{"<a>&#0;</a>", 1, 4, "'&#0;' names a character XML does not allow"}));

TEST(XmlSource, InvalidUtf8IsReportedWhereItIs) {
  Result<XmlDocument> doc = parse_xml_text("bad.xml", "<a>\n ok \xC3\x28</a>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().location.line, 2);
  EXPECT_EQ(doc.error().location.column, 5);
  EXPECT_EQ(doc.error().message, "the file is not valid UTF-8");
}

TEST(XmlSource, DeepNestingFailsInsteadOfOverflowing) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "<a>";
  Result<XmlDocument> doc = parse_xml_text("deep.xml", text);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("malformed XML"), std::string::npos);
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

// The whole tree as text: names, attributes, text, anchors, locations and offsets.
void dump_tree(const XmlNode& node, std::string& out, int depth = 0) {
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ');
  out += to_string(node.location) + " @" + std::to_string(node.offset) + " ";
  if (node.is_text()) {
    out += "text \"" + node.text + "\"";
    for (const auto& [in_text, in_source] : node.anchors)
      out += " " + std::to_string(in_text) + ">" + std::to_string(in_source);
    out += "\n";
    return;
  }
  out += "<" + node.name;
  for (const XmlAttribute& a : node.attributes) {
    out += " " + a.name + "=\"" + a.value + "\"(" + to_string(a.location) + "," +
           to_string(a.value_location) + ")";
  }
  out += ">\n";
  for (const XmlNode& child : node.children) dump_tree(child, out, depth + 1);
}

std::string outcome(const Result<XmlDocument>& doc) {
  if (!doc.ok()) return "error " + format_diagnostic(doc.error());
  std::string out;
  dump_tree(doc->root, out);
  return out;
}

// Which problem is reported when there are several: a byte that is not UTF-8 wins over what
// tinyxml2 refuses, which wins over what it lets through and the reader refuses (a bare '&').
TEST(XmlSource, FirstInvalidUtf8ThenTinyxml2ThenTheReadersOwnChecks) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\">\n <b>سلام &lt; <![CDATA[x<y]]> ok</b> <c/>\n</a>\n", ""},
      // tinyxml2 refuses a processing instruction inside content.
      {"<a>\n  <p>text<?pi x?>more</p>\n</a>\n", "malformed XML: cannot read the XML declaration"},
      {"<a>\n  <p>x &nbsp;<?pi x?></q>\n</a>\n", "malformed XML: cannot read the XML declaration"},
      {"<a>\n  <p>x &nbsp;</q>\n</a>\n", "malformed XML: unknown entity '&nbsp;'"},
      {"<a>\n  <p>x &nbsp; y</p>\n</a>\n", "malformed XML: unknown entity '&nbsp;'"},
      // Invalid UTF-8 after an error tinyxml2 finds, and after one the reader finds.
      {"<a>\n  <p>x</q>\n  \xC3\x28</a>\n", "the file is not valid UTF-8"},
      {"<a>\n  <p>x &nbsp;</p>\xE0\x80\x80\n</a>\n", "the file is not valid UTF-8"},
      {"", "malformed XML: expected the root element"},
  };
  for (const auto& [text, message] : cases) {
    const Result<XmlDocument> doc = parse_xml_text("t.xml", text);
    if (message.empty()) {
      EXPECT_TRUE(doc.ok()) << outcome(doc);
    } else {
      ASSERT_FALSE(doc.ok()) << text;
      EXPECT_EQ(doc.error().message, message) << text;
    }
  }
}

// Where a reference decoder, written for clarity, finds the first byte that is not UTF-8.
std::size_t reference_invalid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t length = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return i;
    char32_t c = length == 1 ? b : b & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return i;
      c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    const char32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < minimum[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return i;
    i += length;
  }
  return std::string::npos;
}

// The fast paths of the UTF-8 check (eight ASCII bytes at once, two-byte sequences) find the same
// byte as the reference, on random mixtures of ASCII, Persian and broken sequences.
TEST(XmlSource, Utf8CheckFindsTheFirstInvalidByte) {
  const std::vector<std::string> pieces = {"abcdefgh",
                                           "a",
                                           " ",
                                           "س",
                                           "ک",
                                           "\xE2\x80\x8C",
                                           "😀",
                                           "\xC0\x80",
                                           "\xC1\xBF",
                                           "\xC2",
                                           "\xE0\x80\x80",
                                           "\xED\xA0\x80",
                                           "\xF4\x90\x80\x80",
                                           "\xFF",
                                           "\x80",
                                           "\xDF\xBF",
                                           "\xEF\xBF\xBD"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 1000; ++round) {
    std::string body;
    const int count = 1 + static_cast<int>(next() % 24);
    for (int k = 0; k < count; ++k) {
      const std::size_t piece = next() % pieces.size();
      body += pieces[piece < 7 || next() % 4 == 0 ? piece : next() % 7];
    }
    const std::string text = "<a>" + body + "</a>";
    const std::size_t expected = reference_invalid_utf8(text);
    const Result<XmlDocument> doc = parse_xml_text("t.xml", text);
    if (expected == std::string::npos) {
      EXPECT_TRUE(doc.ok() || doc.error().message != "the file is not valid UTF-8") << body;
      continue;
    }
    ASSERT_FALSE(doc.ok()) << body;
    int column = 1;
    for (std::size_t i = 0; i < expected; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    EXPECT_EQ(doc.error().message, "the file is not valid UTF-8") << body;
    EXPECT_EQ(doc.error().location, (SourceLocation{"t.xml", 1, column})) << body;
  }
}

// The locator's shortcut (counting on from the last location) gives what counting from the line's
// start gives, in any order of lookups.
TEST(XmlLocator, AgreesWithTheDocumentInAnyOrder) {
  const Result<XmlDocument> doc = parse_xml_text(
      "t.xml",
      "<a>\n  <p>سلام <b>x</b> دنیا</p>\n\n  <p>one\ttwo 😀 three ۱۲۳۴۵۶۷۸۹ abcdefghijklmnop</p>\n</a>");
  ASSERT_TRUE(doc.ok());
  const std::size_t size = doc->source.size();
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i <= size + 2; ++i) offsets.push_back(i);
  for (std::size_t i = size + 2; i-- > 0;) offsets.push_back(i);
  for (std::size_t i = 0; i < 200; ++i) offsets.push_back((i * 37) % (size + 1));
  // Counted the slow way: lines and characters from the file's start.
  auto counted = [&](std::size_t offset) {
    SourceLocation location{"t.xml", 1, 1};
    for (std::size_t i = 0; i < std::min(offset, size); ++i) {
      const auto byte = static_cast<unsigned char>(doc->source[i]);
      if (byte == '\n') {
        ++location.line;
        location.column = 1;
      } else if ((byte & 0xC0) != 0x80) {
        ++location.column;
      }
    }
    return location;
  };
  XmlLocator locator(*doc);
  for (std::size_t offset : offsets) {
    EXPECT_EQ(locator.location_at(offset), counted(offset)) << offset;
    EXPECT_EQ(doc->location_at(offset), counted(offset)) << offset;
  }
  EXPECT_EQ(doc->location_at(size), doc->location_at(size + 5));
}

void expect_located_at_offset(const XmlDocument& doc, const XmlNode& node) {
  EXPECT_EQ(node.location, doc.location_at(node.offset)) << node.name << node.text;
  for (const XmlNode& child : node.children) expect_located_at_offset(doc, child);
}

// Every node's location is that of its offset (text_location relies on it), and the locator finds
// every character of every text run where the document does, after entities and in CDATA.
TEST(XmlLocator, TextRunsAndNodesAreLocatedAtTheirOffsets) {
  const Result<XmlDocument> doc = parse_xml_text(
      "t.xml", "<a>\n  <p>سلام &amp; <![CDATA[x<y]]>\n دنیا <b>x</b><![CDATA[z]]>w &#x6CC;ی</p>\n</a>");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  expect_located_at_offset(*doc, doc->root);
  XmlLocator locator(*doc);
  const XmlNode& p = doc->root.children.at(1);
  for (const XmlNode& run : p.children) {
    if (!run.is_text()) continue;
    for (std::size_t offset = 0; offset <= run.text.size(); ++offset) {
      EXPECT_EQ(locator.text_location(run, offset), doc->text_location(run, offset)) << offset;
    }
  }
  EXPECT_EQ(doc->text_location(p.children.at(0), 0), (SourceLocation{"t.xml", 2, 6}));
  EXPECT_EQ(doc->text_location(p.children.at(0), 9), (SourceLocation{"t.xml", 2, 11}));   // '&' of &amp;
  EXPECT_EQ(doc->text_location(p.children.at(0), 11), (SourceLocation{"t.xml", 2, 26}));  // 'x' in CDATA
  EXPECT_EQ(doc->text_location(p.children.at(2), 0), (SourceLocation{"t.xml", 3, 24}));   // 'z' in CDATA
}

}  // namespace
}  // namespace nashr
