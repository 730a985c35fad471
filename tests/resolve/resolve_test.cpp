// resolve: the report model and style → styled blocks. Golden dumps of both sample issues plus unit
// tests of what the dump would hide in bulk (isolates, counters, faces, links, boxes, directions).
// Re-record the goldens after an intended change with:
//   NASHR_UPDATE_GOLDENS=1 ctest --preset release -R 'resolve\.'
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/utf8.h"
#include "fonts/font_db.h"
#include "model/report.h"
#include "resolve/resolved_document.h"
#include "shape/shape.h"
#include "style/style_sheet.h"
#include "support/diagnostics_text.h"
#include "text/itemize.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = fs::path(NASHR_TEST_DIR) / ".." / "..";

using testing::describe;

struct Loaded {
  Report report;
  StyleSheet style;
  ResolvedDocument document;
};

Loaded load(const fs::path& report_path) {
  DiagnosticSink sink;
  Result<Report> report = read_report(report_path.string(), sink);
  EXPECT_TRUE(report.ok()) << describe(sink);
  if (!report.ok()) return {};
  Result<StyleSheet> style = read_style(report->style_path.string(), sink);
  EXPECT_TRUE(style.ok()) << describe(sink);
  if (!style.ok()) return {};
  Loaded loaded{std::move(*report), std::move(*style), {}};
  loaded.document = resolve(loaded.report, loaded.style, sink);
  EXPECT_EQ(sink.diagnostics().size(), 0u) << describe(sink);
  return loaded;
}

std::string span_text(const TextBlock& block, std::size_t span) {
  const StyledSpan& s = block.paragraph.spans.at(span);
  return block.paragraph.text.substr(s.begin, s.end - s.begin);
}

// The index of the first span whose text is exactly `text`, or -1.
int find_span(const TextBlock& block, const std::string& text) {
  for (std::size_t i = 0; i < block.paragraph.spans.size(); ++i) {
    if (span_text(block, i) == text) return static_cast<int>(i);
  }
  return -1;
}

// The first block whose text contains `needle`.
const ResolvedBlock* find_block(const ResolvedDocument& document, const std::string& needle) {
  for (const ResolvedBlock& block : document.blocks) {
    if (block.text && block.text->paragraph.text.find(needle) != std::string::npos) return &block;
  }
  return nullptr;
}

// Every span lies inside the text, in order, without overlap, and every colour list matches.
void expect_well_formed(const TextBlock& block) {
  std::size_t previous_end = 0;
  for (const StyledSpan& span : block.paragraph.spans) {
    EXPECT_LE(previous_end, span.begin);
    EXPECT_LT(span.begin, span.end);
    EXPECT_LE(span.end, block.paragraph.text.size());
    EXPECT_FALSE(span.fonts.empty());
    for (const FontChain& chain : span.fonts) {
      for (const fs::path& font : chain.fonts) EXPECT_TRUE(fs::is_regular_file(font)) << font;
    }
    previous_end = span.end;
  }
  EXPECT_EQ(block.settings.span_colors.size(), block.paragraph.spans.size());
  EXPECT_LE(block.links.size(), block.paragraph.spans.size());
}

const fs::path kEnglish = kSource / "reports" / "persian-files-29-2.xml";
const fs::path kPersian = kSource / "reports" / "persian-files-29-2-fa.xml";
const fs::path kComplete = kSource / "tests" / "model" / "complete" / "complete-example.xml";
const fs::path kPersianLists = fs::path(NASHR_TEST_DIR) / "data" / "persian-lists.xml";

// Persian has no italic: <em> in Persian takes the role's bold Arabic face (issue 17); the Latin
// chain keeps its italic.
TEST(Resolve, PersianEmphasisIsBold) {
  const Loaded loaded = load(kSource / "tests" / "e2e" / "data" / "typography.xml");
  const ResolvedBlock* block = find_block(loaded.document, "تأکید");
  ASSERT_NE(block, nullptr);
  const int emphasis = find_span(*block->text, "تأکید");
  const int strong = find_span(*block->text, "پررنگ");
  ASSERT_GE(emphasis, 0);
  ASSERT_GE(strong, 0);
  const StyledSpan& em = block->text->paragraph.spans[static_cast<std::size_t>(emphasis)];
  ASSERT_FALSE(em.fonts.empty());
  EXPECT_EQ(em.fonts[0].script, "Arab");
  EXPECT_EQ(em.fonts[0].fonts.front().filename(), "NotoNaskhArabic-Bold.ttf");  // this style's body face
  EXPECT_EQ(em.fonts[1].fonts.front(), em.fonts[0].fonts.front());  // Latin in Persian: the Persian face
  EXPECT_EQ(block->text->paragraph.spans[static_cast<std::size_t>(strong)].fonts[0].fonts.front().filename(),
            "NotoNaskhArabic-Bold.ttf");
}

// Issue 17: Latin inside Persian text takes the Persian face's own Latin (Vazirmatn's), so the
// contact e-mail in the Persian sample is set like the footer's, not in Noto Serif.
TEST(Resolve, LatinInPersianTakesThePersianFace) {
  const Loaded loaded = load(kPersian);
  const ResolvedBlock* contact = nullptr;
  for (const ResolvedBlock& block : loaded.document.blocks) {
    if (block.kind == BlockKind::contact && block.text &&
        block.text->paragraph.text.find("info@specialeurasia.com") != std::string::npos) {
      contact = &block;
    }
  }
  ASSERT_NE(contact, nullptr);
  const int email = find_span(*contact->text, "info@specialeurasia.com");
  ASSERT_GE(email, 0);
  const StyledSpan& span = contact->text->paragraph.spans[static_cast<std::size_t>(email)];
  ASSERT_GE(span.fonts.size(), 2u);
  EXPECT_EQ(span.fonts[1].script, "Latn");
  EXPECT_EQ(span.fonts[1].fonts.front().filename(), "Vazirmatn-Regular.ttf");
}

TEST(Golden, SampleIssues) {
  for (const auto& [path, name] :
       {std::pair{kEnglish, "persian-files-29-2"}, std::pair{kPersian, "persian-files-29-2-fa"},
        std::pair{kComplete, "complete-example"}, std::pair{kPersianLists, "persian-lists"}}) {
    SCOPED_TRACE(name);
    const Loaded loaded = load(path);
    for (const ResolvedBlock& block : loaded.document.blocks) {
      if (block.text) expect_well_formed(*block.text);
      if (block.marker) expect_well_formed(*block.marker);
    }
    const std::string dump = dump_resolved(loaded.document);
    const fs::path golden = fs::path(NASHR_TEST_DIR) / "golden" / (std::string(name) + ".resolved.txt");
    const char* update = std::getenv("NASHR_UPDATE_GOLDENS");
    if (update != nullptr && std::string(update) == "1") {
      ASSERT_TRUE(write_file_atomically(golden, dump).ok());
      continue;
    }
    const Result<std::string> expected = read_file(golden);
    ASSERT_TRUE(expected.ok()) << "record " << golden << " with NASHR_UPDATE_GOLDENS=1";
    if (dump == *expected) continue;
    // Show the first line that differs rather than two whole dumps.
    std::size_t line = 1;
    std::size_t at = 0;
    while (at < dump.size() && at < expected->size() && dump[at] == (*expected)[at])
      line += dump[at++] == '\n';
    const std::size_t start = dump.rfind('\n', at == 0 ? 0 : at - 1);
    const std::size_t from = start == std::string::npos ? 0 : start + 1;
    ADD_FAILURE() << "golden " << golden << " differs from line " << line
                  << ":\n  actual:   " << dump.substr(from, dump.find('\n', from) - from)
                  << "\n  expected: " << expected->substr(from, expected->find('\n', from) - from)
                  << "\nre-record with NASHR_UPDATE_GOLDENS=1 if the change is intended";
  }
}

TEST(Resolve, MastheadComesFirstWithTitleLargestAndRuleAfter) {
  const Loaded loaded = load(kEnglish);
  const std::vector<ResolvedBlock>& blocks = loaded.document.blocks;
  ASSERT_GE(blocks.size(), 7u);
  std::size_t masthead = 0;
  while (masthead < blocks.size() && blocks[masthead].kind == BlockKind::masthead) ++masthead;
  ASSERT_GE(masthead, 6u);
  EXPECT_EQ(blocks[0].text->paragraph.text, "Persian Files");
  EXPECT_EQ(blocks[1].text->paragraph.text, "پرونده‌های پارسی");  // ZWNJ kept
  EXPECT_EQ(blocks[1].text->paragraph.spans[0].language, "fa");
  EXPECT_EQ(blocks[1].text->paragraph.spans[0].isolation, SpanIsolation::rtl);
  const ResolvedBlock* title = find_block(loaded.document, "Belarus and Iran: Towards");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->kind, BlockKind::masthead);
  for (std::size_t i = 0; i < masthead; ++i) {
    EXPECT_LE(blocks[i].text->paragraph.spans[0].font_size, title->text->paragraph.spans[0].font_size);
    EXPECT_EQ(blocks[i].rule_after, i + 1 == masthead) << i;
  }
  EXPECT_NE(find_block(loaded.document, "Volume 29, Issue 2"), nullptr);
  EXPECT_NE(find_block(loaded.document, "20 January 2025"), nullptr);
  EXPECT_EQ(find_block(loaded.document, "بهمن"), nullptr);  // no Solar Hijri date in an English issue
  // The contact sentence, then the copyright line, close the issue.
  ASSERT_GE(blocks.size(), 2u);
  EXPECT_EQ(blocks[blocks.size() - 2].kind, BlockKind::contact);
  EXPECT_EQ(
      blocks[blocks.size() - 2].text->paragraph.text.rfind("Contact info@specialeurasia.com for further", 0),
      0u);
  EXPECT_EQ(blocks.back().kind, BlockKind::contact);
  EXPECT_EQ(blocks.back().text->paragraph.text, "© 2025 SpecialEurasia");
}

TEST(Resolve, IssnVolumeAndDatesAreIsolatesInPersianContext) {
  const Loaded loaded = load(kPersian);
  const ResolvedBlock* issn = find_block(loaded.document, "ISSN");
  ASSERT_NE(issn, nullptr);
  const int whole = find_span(*issn->text, "ISSN 2975-0598");
  ASSERT_GE(whole, 0) << dump_resolved(loaded.document);
  EXPECT_EQ(issn->text->paragraph.spans[static_cast<std::size_t>(whole)].isolation, SpanIsolation::ltr);
  EXPECT_EQ(issn->text->paragraph.dir, Direction::rtl);

  const ResolvedBlock* volume = find_block(loaded.document, "دورهٔ");
  ASSERT_NE(volume, nullptr);
  EXPECT_EQ(volume->text->paragraph.text, "دورهٔ ۲۹، شمارهٔ ۲");
  const int volume_span = find_span(*volume->text, "۲۹");
  const int issue_span = find_span(*volume->text, "۲");
  ASSERT_GE(volume_span, 0);
  ASSERT_GE(issue_span, 0);
  EXPECT_EQ(volume->text->paragraph.spans[static_cast<std::size_t>(volume_span)].isolation,
            SpanIsolation::ltr);
  EXPECT_EQ(volume->text->paragraph.spans[static_cast<std::size_t>(issue_span)].isolation,
            SpanIsolation::ltr);

  // Both calendars, Solar Hijri first, each an isolate.
  const ResolvedBlock* date = find_block(loaded.document, "بهمن");
  ASSERT_NE(date, nullptr);
  const int solar = find_span(*date->text, "۱ بهمن ۱۴۰۳");
  ASSERT_GE(solar, 0) << date->text->paragraph.text;
  EXPECT_EQ(date->text->paragraph.spans[static_cast<std::size_t>(solar)].isolation,
            SpanIsolation::first_strong);
  EXPECT_NE(date->text->paragraph.text.find("۲۰۲۵"), std::string::npos);

  // The header's ISSN and the footer's page numbers and addresses too.
  // "ISSN {issn}" in the template: label and number in one LTR isolate.
  const int header_issn = find_span(loaded.document.header.centre, "ISSN 2975-0598");
  ASSERT_GE(header_issn, 0);
  EXPECT_EQ(loaded.document.header.centre.paragraph.spans[static_cast<std::size_t>(header_issn)].isolation,
            SpanIsolation::ltr);
  for (const char* field : {"{page}", "{pages}"}) {
    const int span = find_span(loaded.document.footer.end, field);
    ASSERT_GE(span, 0) << field;
    EXPECT_EQ(loaded.document.footer.end.paragraph.spans[static_cast<std::size_t>(span)].isolation,
              SpanIsolation::ltr);
  }
  const int email = find_span(loaded.document.footer.start, "info@specialeurasia.com");
  ASSERT_GE(email, 0);
  EXPECT_EQ(loaded.document.footer.start.paragraph.spans[static_cast<std::size_t>(email)].isolation,
            SpanIsolation::ltr);
  ASSERT_GT(loaded.document.footer.start.links.size(), static_cast<std::size_t>(email));
  EXPECT_EQ(loaded.document.footer.start.links[static_cast<std::size_t>(email)].uri,
            "mailto:info@specialeurasia.com");
  EXPECT_TRUE(loaded.document.footer.persian_digits);
  EXPECT_FALSE(load(kEnglish).document.footer.persian_digits);
}

TEST(Resolve, TwoIssnsAreLabelled) {
  const Loaded loaded = load(kPersianLists);
  const ResolvedBlock* issn = find_block(loaded.document, "ISSN");
  ASSERT_NE(issn, nullptr);
  EXPECT_EQ(issn->text->paragraph.text, "ISSN 2975-0598 (چاپی) · ISSN 0317-8471 (برخط)");
  EXPECT_GE(find_span(*issn->text, "ISSN 0317-8471"), 0);
  const Loaded english = load(kComplete);
  const ResolvedBlock* labelled = find_block(english.document, "ISSN");
  ASSERT_NE(labelled, nullptr);
  EXPECT_EQ(labelled->text->paragraph.text, "ISSN 2975-0598 (print) · ISSN 0317-8471 (online)");
}

TEST(Resolve, PersianListCountersAndMarkers) {
  const Loaded loaded = load(kPersianLists);
  std::vector<const ResolvedBlock*> items;
  for (const ResolvedBlock& block : loaded.document.blocks) {
    if (block.kind == BlockKind::list_item) items.push_back(&block);
  }
  ASSERT_EQ(items.size(), 3u) << dump_resolved(loaded.document);
  ASSERT_TRUE(items[0]->marker && items[1]->marker && items[2]->marker);
  EXPECT_EQ(items[0]->marker->paragraph.text, "۹.");
  EXPECT_EQ(items[1]->marker->paragraph.text, "–");  // the nested bullet list
  EXPECT_EQ(items[2]->marker->paragraph.text, "۱۰.");
  const int digits = find_span(*items[2]->marker, "۱۰");
  ASSERT_GE(digits, 0);
  EXPECT_EQ(items[2]->marker->paragraph.spans[static_cast<std::size_t>(digits)].isolation,
            SpanIsolation::ltr);
  EXPECT_EQ(items[2]->marker->paragraph.dir, Direction::rtl);
  EXPECT_EQ(items[2]->marker->settings.alignment, Alignment::end);
  // The marker sits in the start-side indent (the right in this RTL issue: the paginator mirrors).
  EXPECT_GT(items[0]->indent_start, 0);
  EXPECT_EQ(items[0]->indent_end, 0);
  EXPECT_GT(items[1]->indent_start, items[0]->indent_start);
  // A marker is never broken ("۱۰." wider than the indent used to lose its period): its measure is
  // the body's, and the paginator sets it by its own width against the item's text.
  EXPECT_GE(items[0]->marker->settings.width, items[0]->text->settings.width);
  EXPECT_DOUBLE_EQ(items[0]->text->settings.width,
                   loaded.document.page.width - loaded.document.page.margin_left -
                       loaded.document.page.margin_right - items[0]->indent_start);

  // Latin counters in English lists, starting where the list says; bullets at the first level.
  const Loaded english = load(kComplete);
  std::vector<std::string> markers;
  for (const ResolvedBlock& block : english.document.blocks) {
    if (block.marker) markers.push_back(block.marker->paragraph.text);
  }
  EXPECT_EQ(markers, (std::vector<std::string>{"3.", "–", "4."}));
  const Loaded sample = load(kEnglish);
  int bullets = 0;
  for (const ResolvedBlock& block : sample.document.blocks)
    bullets += block.marker && block.marker->paragraph.text == "•";
  EXPECT_EQ(bullets, 4);
}

TEST(Resolve, EmphasisItalicStrongBoldArabicStaysUpright) {
  const Loaded loaded = load(kComplete);
  const ResolvedBlock* block = find_block(loaded.document, "One paragraph in English");
  ASSERT_NE(block, nullptr);
  const int em = find_span(*block->text, "emphasis");
  const int strong = find_span(*block->text, "strong");
  const int plain = find_span(*block->text, "One paragraph in English with ");
  ASSERT_GE(em, 0);
  ASSERT_GE(strong, 0);
  ASSERT_GE(plain, 0);
  auto latin_font = [&](int span) {
    for (const FontChain& chain : block->text->paragraph.spans[static_cast<std::size_t>(span)].fonts) {
      if (chain.script == "Latn") return chain.fonts.front().filename().string();
    }
    return std::string();
  };
  auto arabic_font = [&](int span) {
    for (const FontChain& chain : block->text->paragraph.spans[static_cast<std::size_t>(span)].fonts) {
      if (chain.script == "Arab") return chain.fonts.front().filename().string();
    }
    return std::string();
  };
  EXPECT_EQ(latin_font(plain), "NotoSerif-Regular.ttf");
  EXPECT_EQ(latin_font(em), "NotoSerif-Italic.ttf");
  EXPECT_EQ(latin_font(strong), "NotoSerif-Bold.ttf");
  EXPECT_EQ(arabic_font(em), "NotoNaskhArabic-Bold.ttf");  // no Arabic italic: emphasis is bold
  EXPECT_EQ(arabic_font(strong), "NotoNaskhArabic-Bold.ttf");
  EXPECT_TRUE(block->text->paragraph.spans[0].fonts.front().fonts.front().is_absolute());

  // Strong in the Persian sample's list items: bold Persian face, upright.
  const Loaded persian = load(kPersian);
  bool found_bold = false;
  for (const ResolvedBlock& item : persian.document.blocks) {
    if (item.kind != BlockKind::list_item) continue;
    const StyledSpan& first = item.text->paragraph.spans.front();
    EXPECT_EQ(first.fonts.front().script, "Arab");
    found_bold |= first.fonts.front().fonts.front().filename() == "Vazirmatn-Bold.ttf";
  }
  EXPECT_TRUE(found_bold);
}

TEST(Resolve, LinksGetColourAndTargets) {
  const Loaded loaded = load(kComplete);
  const ResolvedBlock* block = find_block(loaded.document, "A link to");
  ASSERT_NE(block, nullptr);
  const int external = find_span(*block->text, "a web page");
  const int internal = find_span(*block->text, "the deepest section");
  ASSERT_GE(external, 0);
  ASSERT_GE(internal, 0);
  ASSERT_GT(block->text->links.size(), static_cast<std::size_t>(internal));
  EXPECT_EQ(block->text->links[static_cast<std::size_t>(external)].uri, "https://www.example.com/");
  EXPECT_EQ(block->text->links[static_cast<std::size_t>(external)].destination, "");
  EXPECT_EQ(block->text->links[static_cast<std::size_t>(internal)].uri, "");
  EXPECT_EQ(block->text->links[static_cast<std::size_t>(internal)].destination, "deepest");
  const Color link = block->text->settings.span_colors[static_cast<std::size_t>(external)];
  EXPECT_EQ(block->text->settings.span_colors[static_cast<std::size_t>(internal)], link);
  EXPECT_NE(block->text->settings.span_colors[0], link);
  // Spans: a Persian name isolated, a code isolated, the line break as U+2028.
  EXPECT_GE(find_span(*block->text, "AB-12/3"), 0);
  EXPECT_EQ(
      block->text->paragraph.spans[static_cast<std::size_t>(find_span(*block->text, "AB-12/3"))].isolation,
      SpanIsolation::ltr);
  EXPECT_NE(block->text->paragraph.text.find("\u2028A second line"), std::string::npos);
  // The deepest section's heading carries the destination.
  bool anchored = false;
  for (const ResolvedBlock& b : loaded.document.blocks)
    anchored |= b.anchor == "deepest" && b.kind == BlockKind::heading;
  EXPECT_TRUE(anchored);
}

TEST(Resolve, SummaryBoxGroups) {
  const Loaded loaded = load(kEnglish);
  const SummaryBoxStyle& box = loaded.style.summary_box;
  std::vector<const ResolvedBlock*> group0;
  std::vector<const ResolvedBlock*> group1;
  for (const ResolvedBlock& block : loaded.document.blocks) {
    if (block.box_group == 0) group0.push_back(&block);
    if (block.box_group == 1) group1.push_back(&block);
    EXPECT_LE(block.box_group, 1);
  }
  ASSERT_EQ(group0.size(), 4u);
  ASSERT_EQ(group1.size(), 4u);
  for (const auto* group : {&group0, &group1}) {
    EXPECT_EQ(group->front()->kind, BlockKind::summary_title);
    EXPECT_TRUE(group->front()->keep_with_next);
    EXPECT_DOUBLE_EQ(group->front()->space_before, box.padding);
    EXPECT_DOUBLE_EQ(group->back()->space_after, box.padding);
    for (const ResolvedBlock* block : *group) {
      EXPECT_DOUBLE_EQ(block->indent_start, box.padding + box.border_width);
      EXPECT_DOUBLE_EQ(block->indent_end, box.padding + box.border_width);
    }
    for (std::size_t i = 1; i < group->size(); ++i) EXPECT_EQ((*group)[i]->kind, BlockKind::summary);
  }
  // The Persian summary inside the English issue is right to left, with its Persian title.
  EXPECT_EQ(group1.front()->text->paragraph.dir, Direction::rtl);
  EXPECT_EQ(group1.front()->text->paragraph.text, "خلاصهٔ مدیریتی");
  EXPECT_EQ(group1[1]->text->paragraph.dir, Direction::rtl);
  EXPECT_EQ(group0[1]->text->paragraph.dir, Direction::ltr);
  EXPECT_EQ(loaded.document.summary_padding, box.padding);

  // Without a heading, the style's title in the summary's language.
  const Loaded lists = load(kPersianLists);
  std::vector<std::string> titles;
  for (const ResolvedBlock& block : lists.document.blocks) {
    if (block.kind == BlockKind::summary_title) titles.push_back(block.text->paragraph.text);
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"Executive Summary", "خلاصهٔ مدیریتی"}));
}

TEST(Resolve, RightToLeftReport) {
  const Loaded persian = load(kPersian);
  EXPECT_TRUE(persian.document.rtl);
  EXPECT_FALSE(load(kEnglish).document.rtl);
  // The masthead of an RTL issue starts with the Persian series title; every block is RTL but the
  // Latin series title, which is an LTR isolate inside it.
  EXPECT_EQ(persian.document.blocks[0].text->paragraph.text, "پرونده‌های پارسی");
  EXPECT_EQ(persian.document.blocks[1].text->paragraph.text, "Persian Files");
  EXPECT_EQ(persian.document.blocks[1].text->paragraph.dir, Direction::rtl);
  EXPECT_EQ(persian.document.blocks[1].text->paragraph.spans[0].isolation, SpanIsolation::ltr);
  for (const ResolvedBlock& block : persian.document.blocks) {
    if (block.kind == BlockKind::paragraph) {
      EXPECT_EQ(block.text->paragraph.dir, Direction::rtl);
      EXPECT_TRUE(block.text->settings.kashida);  // the Persian style enables kashida
      EXPECT_EQ(block.text->settings.alignment, Alignment::justify);
    }
  }
  EXPECT_EQ(persian.document.header.start.paragraph.text, "پرونده‌های پارسی");
  EXPECT_EQ(persian.document.header.start.paragraph.dir, Direction::rtl);
  EXPECT_EQ(persian.document.header.end.paragraph.text, "دورهٔ ۲۹، شمارهٔ ۲");
  EXPECT_EQ(persian.document.info.language, "fa");
  EXPECT_EQ(persian.document.info.issn, "2975-0598");
  EXPECT_EQ(persian.document.info.issue_date, (CalendarDate{2025, 1, 20}));
  EXPECT_EQ(persian.document.info.author, "واحد OSINT اسپشال‌اوراسیا");

  const Loaded english = load(kEnglish);
  EXPECT_EQ(english.document.info.keywords,
            "Belarus, Iran, Shanghai Cooperation Organisation, Eurasian Economic Union, sanctions");
  EXPECT_EQ(english.document.info.subject, "Persian Files");
  EXPECT_EQ(english.document.header.start.paragraph.text, "Persian Files");
  EXPECT_EQ(english.document.header.centre.paragraph.text, "ISSN 2975-0598");
  EXPECT_EQ(english.document.header.end.paragraph.text, "Volume 29, Issue 2");
  EXPECT_EQ(english.document.footer.start.paragraph.text,
            "info@specialeurasia.com · https://www.specialeurasia.com/");
  EXPECT_EQ(english.document.footer.end.paragraph.text, "{page} / {pages}");
}

TEST(Resolve, HeadingsHaveAnchorsOutlineAndKeeps) {
  const Loaded loaded = load(kPersianLists);
  std::vector<const ResolvedBlock*> headings;
  for (const ResolvedBlock& block : loaded.document.blocks) {
    if (block.kind == BlockKind::heading) headings.push_back(&block);
  }
  ASSERT_EQ(headings.size(), 2u);
  EXPECT_EQ(headings[0]->anchor, "section-1");  // generated: the section has no id
  EXPECT_EQ(headings[1]->anchor, "quotes");
  EXPECT_EQ(headings[0]->outline_level, 1);
  EXPECT_EQ(headings[0]->outline_title, "فهرست شماره‌دار");
  EXPECT_TRUE(headings[0]->keep_with_next);
  EXPECT_DOUBLE_EQ(headings[0]->text->paragraph.spans[0].font_size, loaded.style.heading(1).size);

  const Loaded complete = load(kComplete);
  std::vector<int> levels;
  for (const ResolvedBlock& block : complete.document.blocks) {
    if (block.outline_level > 0) levels.push_back(block.outline_level);
  }
  EXPECT_EQ(levels, (std::vector<int>{1, 2, 3, 1}));
}

TEST(Resolve, QuotesFiguresAndPageBreaks) {
  const Loaded loaded = load(kComplete);
  const ResolvedBlock* quoted = find_block(loaded.document, "A quoted paragraph.");
  ASSERT_NE(quoted, nullptr);
  EXPECT_EQ(quoted->kind, BlockKind::quote);
  EXPECT_GT(quoted->indent_start, 0);
  EXPECT_DOUBLE_EQ(quoted->indent_start, quoted->indent_end);
  const ResolvedBlock* attribution = find_block(loaded.document, "Someone, 2025");
  ASSERT_NE(attribution, nullptr);
  EXPECT_EQ(attribution->text->paragraph.text, "— Someone, 2025");

  const double measure =
      loaded.document.page.width - loaded.document.page.margin_left - loaded.document.page.margin_right;
  bool figure_seen = false;
  bool page_break_seen = false;
  for (std::size_t i = 0; i < loaded.document.blocks.size(); ++i) {
    const ResolvedBlock& block = loaded.document.blocks[i];
    if (block.kind == BlockKind::figure) {
      figure_seen = true;
      EXPECT_FALSE(block.text);
      EXPECT_EQ(block.anchor, "map");
      EXPECT_EQ(block.image.filename(), "map.png");
      EXPECT_GT(block.image_width, 0);
      EXPECT_LE(block.image_width, measure + 1e-9);
      EXPECT_LE(block.image_height, (loaded.document.page.height - loaded.document.page.margin_top -
                                     loaded.document.page.margin_bottom) *
                                            0.6 +
                                        1e-9);
      EXPECT_TRUE(block.keep_with_next);
      ASSERT_LT(i + 1, loaded.document.blocks.size());
      EXPECT_EQ(loaded.document.blocks[i + 1].kind, BlockKind::caption);
    }
    page_break_seen |= block.kind == BlockKind::page_break;
  }
  EXPECT_TRUE(figure_seen);
  EXPECT_TRUE(page_break_seen);
  // xml:space="preserve": the newline is a U+2028 and the spaces stay.
  EXPECT_NE(find_block(loaded.document, "Kept   as\u2028written."), nullptr);
}

TEST(FillPageNumbers, ReplacesFieldsAndMovesSpans) {
  const Loaded loaded = load(kPersian);
  const TextBlock& end = loaded.document.footer.end;
  const StyledParagraph filled = fill_page_numbers(end, true, 3, 12);
  EXPECT_EQ(filled.text, "۳ / ۱۲");
  ASSERT_EQ(filled.spans.size(), end.paragraph.spans.size());
  for (std::size_t i = 0; i < filled.spans.size(); ++i) {
    EXPECT_EQ(filled.spans[i].isolation, end.paragraph.spans[i].isolation);
  }
  auto text_of = [&](std::size_t i) {
    return filled.text.substr(filled.spans[i].begin, filled.spans[i].end - filled.spans[i].begin);
  };
  ASSERT_EQ(filled.spans.size(), 3u);
  EXPECT_EQ(text_of(0), "۳");
  EXPECT_EQ(text_of(1), " / ");
  EXPECT_EQ(text_of(2), "۱۲");

  const Loaded english = load(kEnglish);
  const StyledParagraph latin = fill_page_numbers(english.document.footer.end, false, 10, 7);
  EXPECT_EQ(latin.text, "10 / 7");
  EXPECT_EQ(latin.spans.back().end, latin.text.size());

  // Fields anywhere in a span, several per span, text before and after.
  TextBlock part;
  part.paragraph.text = "Page {page} of {pages}.";
  for (const auto& [from, to] : {std::pair<std::size_t, std::size_t>{0, 5}, {5, 22}, {22, 23}}) {
    StyledSpan span;
    span.begin = from;
    span.end = to;
    part.paragraph.spans.push_back(span);
  }
  const StyledParagraph moved = fill_page_numbers(part, false, 123, 4567);
  EXPECT_EQ(moved.text, "Page 123 of 4567.");
  EXPECT_EQ(moved.spans[0].end, 5u);
  EXPECT_EQ(moved.spans[1].begin, 5u);
  EXPECT_EQ(moved.spans[1].end, 16u);
  EXPECT_EQ(moved.spans[2].begin, 16u);
  EXPECT_EQ(moved.spans[2].end, 17u);
}

// The text engine takes every paragraph resolve makes: fonts load and cover every character (no
// diagnostics at all), it shapes, and generated numbers come out in reading order. (break_lines is
// another branch's work; the visual order here is the bidi stage's, which lines reuse.)
ItemizedParagraph set_text(const StyledParagraph& paragraph, FontDb& fonts, DiagnosticSink& sink) {
  ItemizedParagraph itemized = itemize(paragraph, fonts, sink);
  const ShapedParagraph shaped = shape(itemized);
  EXPECT_FALSE(shaped.runs.empty()) << paragraph.text;
  return itemized;
}

// The paragraph as drawn from left to right (one line), without the inserted isolate controls.
std::string visual_text(const StyledParagraph& paragraph, FontDb& fonts, DiagnosticSink& sink) {
  const ItemizedParagraph itemized = set_text(paragraph, fonts, sink);
  const std::u16string& text = itemized.text();
  std::u16string drawn;
  for (const VisualRun& run : itemized.visual_runs(0, static_cast<std::uint32_t>(text.size()))) {
    std::u16string part;
    for (std::uint32_t i = run.begin; i < run.end; ++i) {
      if (!itemized.inserted[i]) part += text[i];
    }
    if (run.rtl()) std::reverse(part.begin(), part.end());  // BMP only in these tests
    drawn += part;
  }
  return utf16_to_utf8(drawn);
}

TEST(TextEngine, EveryResolvedParagraphSetsWithoutDiagnostics) {
  FontDb fonts(FontDb::default_fonts_dir());
  for (const fs::path& path : {kEnglish, kPersian, kComplete, kPersianLists}) {
    SCOPED_TRACE(path.filename().string());
    const Loaded loaded = load(path);
    DiagnosticSink sink;
    std::size_t paragraphs = 0;
    auto check = [&](const StyledParagraph& paragraph) {
      set_text(paragraph, fonts, sink);
      ++paragraphs;
    };
    for (const ResolvedBlock& block : loaded.document.blocks) {
      if (block.text) check(block.text->paragraph);
      if (block.marker) check(block.marker->paragraph);
    }
    for (const RunningLine* line : {&loaded.document.header, &loaded.document.footer}) {
      for (const TextBlock* part : {&line->start, &line->centre, &line->end}) {
        if (!part->paragraph.text.empty()) check(fill_page_numbers(*part, line->persian_digits, 3, 12));
      }
    }
    EXPECT_GT(paragraphs, 10u);
    EXPECT_TRUE(sink.diagnostics().empty()) << describe(sink);
  }
}

TEST(TextEngine, GeneratedNumbersReadRightInRightToLeftLines) {
  FontDb fonts(FontDb::default_fonts_dir());
  DiagnosticSink sink;
  const Loaded loaded = load(kPersian);
  const ResolvedBlock* issn = find_block(loaded.document, "ISSN");
  ASSERT_NE(issn, nullptr);
  EXPECT_EQ(visual_text(issn->text->paragraph, fonts, sink), "ISSN 2975-0598");  // not "0598-2975 ISSN"
  EXPECT_EQ(visual_text(loaded.document.header.centre.paragraph, fonts, sink), "ISSN 2975-0598");
  // The volume line reads from the right: "دورهٔ ۲۹، شمارهٔ ۲" with each number in place.
  const ResolvedBlock* volume = find_block(loaded.document, "دورهٔ");
  ASSERT_NE(volume, nullptr);
  const std::string drawn = visual_text(volume->text->paragraph, fonts, sink);
  EXPECT_LT(drawn.find("۲"), drawn.find("۲۹")) << drawn;  // issue 2 left of volume 29

  // "۳ / ۱۲" in an RTL footer: page 3 at the right (read first), 12 at the left, digits in order.
  const TextBlock& pages = loaded.document.footer.end;
  EXPECT_EQ(visual_text(fill_page_numbers(pages, true, 3, 12), fonts, sink), "۱۲ / ۳");
  EXPECT_EQ(visual_text(fill_page_numbers(pages, true, 10, 12), fonts, sink), "۱۲ / ۱۰");
  // The e-mail address in the RTL footer keeps its order.
  EXPECT_EQ(visual_text(loaded.document.footer.start.paragraph, fonts, sink),
            "https://www.specialeurasia.com/ · info@specialeurasia.com");

  // The Persian list counter "۱۰." shows the dot at the left of the number.
  const Loaded lists = load(kPersianLists);
  const ResolvedBlock* tenth = find_block(lists.document, "مورد دهم");
  ASSERT_NE(tenth, nullptr);
  ASSERT_TRUE(tenth->marker);
  EXPECT_EQ(visual_text(tenth->marker->paragraph, fonts, sink), ".۱۰");
  EXPECT_TRUE(sink.diagnostics().empty()) << describe(sink);
}

// Issue 15: a note's marker is a small raised number linked to the note, whose own number links back.
TEST(Resolve, NoteMarkersAreRaisedLinkedNumbersInTheTextsDigits) {
  for (const fs::path& path : {kEnglish, kPersian}) {
    const Loaded loaded = load(path);
    const bool persian = path == kPersian;
    ASSERT_EQ(loaded.document.notes.size(), persian ? 4u : 5u);
    for (std::size_t n = 0; n < loaded.document.notes.size(); ++n) {
      const ResolvedNote& note = loaded.document.notes[n];
      const std::string number = persian ? std::string(n == 0 ? "۱" : n == 1 ? "۲" : n == 2 ? "۳" : "۴")
                                         : std::to_string(n + 1);
      EXPECT_EQ(note.number, number);
      EXPECT_EQ(note.anchor, "note:" + std::to_string(n + 1));
      const TextBlock& text = *loaded.document.blocks.at(note.marker_block).text;
      const auto marker = std::find_if(text.note_markers.begin(), text.note_markers.end(),
                                       [&](const NoteMarker& m) { return m.note == n; });
      ASSERT_NE(marker, text.note_markers.end());
      EXPECT_EQ(span_text(text, marker->span), number);
      const StyledSpan& span = text.paragraph.spans[marker->span];
      EXPECT_LT(span.font_size, text.paragraph.spans.front().font_size);
      ASSERT_GT(text.settings.span_rises.size(), marker->span);
      EXPECT_GT(text.settings.span_rises[marker->span], 0);
      ASSERT_GT(text.links.size(), marker->span);
      EXPECT_EQ(text.links[marker->span].destination.str(), note.anchor);
      // The note: its number linked back to the marker, then ". " and its text, smaller than the body.
      ASSERT_TRUE(note.text);
      expect_well_formed(*note.text);
      EXPECT_EQ(span_text(*note.text, 0), number);
      EXPECT_EQ(note.text->links.at(0).destination.str(), note.back_anchor);
      EXPECT_EQ(note.text->paragraph.text.substr(number.size(), 2), ". ");
      EXPECT_EQ(note.text->paragraph.spans.back().font_size, 8);
    }
  }
}

TEST(Resolve, SourcesReadAsTheStylesFormatSays) {
  const Loaded english = load(kEnglish);
  EXPECT_EQ(english.document.notes[0].text->paragraph.text,
            "1. \u201cRoman Golovchenko Meets Iran\u2019s Minister of Industry, Mines and Trade\u201d, Belarusian "
            "Telegraph Agency (BelTA), 15 January 2025, "
            "https://eng.belta.by/government/view/golovchenko-meets-with-iranian-minister-of-industry-mines-and-"
            "trade-167433-2025/ (accessed 18 January 2025). [example]");
  // A Solar Hijri date in an English note shows in the Gregorian calendar; the Persian author's
  // name is an isolate in the English sentence.
  const TextBlock& irna = *english.document.notes[2].text;
  EXPECT_NE(irna.paragraph.text.find("IRNA, 14 November 2023, https://en.irna.ir/"), std::string::npos)
      << irna.paragraph.text;
  const int author = find_span(irna, "خبرگزاری جمهوری اسلامی");
  ASSERT_GE(author, 0);
  EXPECT_EQ(irna.paragraph.spans[static_cast<std::size_t>(author)].isolation, SpanIsolation::rtl);
  // The address is a link, set by URL rules.
  const auto address = std::find_if(irna.paragraph.spans.begin(), irna.paragraph.spans.end(),
                                    [](const StyledSpan& span) { return span.url; });
  ASSERT_NE(address, irna.paragraph.spans.end());
  const auto index = static_cast<std::size_t>(address - irna.paragraph.spans.begin());
  EXPECT_EQ(irna.links.at(index).uri.str().rfind("https://en.irna.ir/news/85283113/", 0), 0u);

  // Persian: the Persian format, dates in the Solar Hijri calendar, "[نمونه]".
  const Loaded persian = load(kPersian);
  const std::string& first = persian.document.notes[0].text->paragraph.text;
  EXPECT_EQ(first.rfind("۱. خبرگزاری جمهوری اسلامی (ایرنا)، «دیدار وزیر صمت با نخست‌وزیر بلاروس در مینسک»، ایرنا، ۲۶ دی ۱۴۰۳، ", 0),
            0u)
      << first;
  EXPECT_NE(first.find("(دسترسی: ۲۸ دی ۱۴۰۳). [نمونه]"), std::string::npos) << first;
  // An English source in a Persian note takes the English format.
  EXPECT_NE(persian.document.notes[1].text->paragraph.text.find(
                "Ministry of Foreign Affairs of the Republic of Belarus, \u201cBilateral Relations: Iran\u201d"),
            std::string::npos)
      << persian.document.notes[1].text->paragraph.text;
}

TEST(Resolve, EndnotesFollowTheBodyUnderTheStylesTitle) {
  const Loaded loaded = load(fs::path(NASHR_TEST_DIR) / "data" / "endnotes.xml");
  ASSERT_EQ(loaded.document.notes.size(), 2u);
  std::vector<const ResolvedBlock*> notes;
  const ResolvedBlock* title = nullptr;
  for (const ResolvedBlock& block : loaded.document.blocks) {
    if (block.kind == BlockKind::note) notes.push_back(&block);
    if (block.outline_title == "Endnotes") title = &block;
  }
  ASSERT_NE(title, nullptr);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_LT(title, notes.front());
  EXPECT_EQ(notes[0]->anchor, "note:1");
  EXPECT_EQ(notes[1]->text->paragraph.text.rfind("2. ", 0), 0u);
  for (const ResolvedNote& note : loaded.document.notes) EXPECT_FALSE(note.text);  // not at the feet
}

// Issue 17, item 8: the style's <list> spaces items apart from paragraphs (2pt between items, the
// paragraph's 6pt only after the list) and draws the Persian bullet at 130% of the body size.
TEST(Resolve, ListItemsTakeTheStylesListSpacingAndBulletSize) {
  const Loaded loaded = load(kSource / "reports" / "persian-files-29-2-fa.xml");
  std::vector<const ResolvedBlock*> items;
  for (const ResolvedBlock& block : loaded.document.blocks) {
    if (block.kind == BlockKind::list_item) items.push_back(&block);
  }
  ASSERT_EQ(items.size(), 4u) << dump_resolved(loaded.document);
  EXPECT_EQ(items[0]->space_before, 0);
  for (std::size_t k = 1; k < items.size(); ++k) EXPECT_EQ(items[k]->space_before, 2) << k;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) EXPECT_EQ(items[k]->space_after, 0) << k;
  EXPECT_EQ(items.back()->space_after, 6);
  ASSERT_TRUE(items[0]->marker);
  EXPECT_EQ(items[0]->marker->paragraph.text, "•");
  EXPECT_DOUBLE_EQ(items[0]->marker->paragraph.spans.at(0).font_size, 10.5 * 1.3);
}

}  // namespace
}  // namespace nashr
