#include "model/xml_source.h"

#include <gtest/gtest.h>

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
                      Malformed{"<a>&#0;</a>", 1, 4, "'&#0;' is not a valid character reference"}));

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
