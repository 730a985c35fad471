// The cover page: text blocks made like resolve makes the masthead's, set by the text stages and
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
// placed top-down; the barcode's bars from libzint (cover/issn_barcode.h).
#include "cover/draw_cover.h"

#include <algorithm>
#include <functional>
#include <string>

#include "cover/issn_barcode.h"
#include "document/cover_fit.h"
#include "linebreak/lines.h"
#include "locale/calendar.h"
#include "locale/persian_text.h"
#include "resolve/block_builder.h"
#include "shape/shape.h"
#include "text/itemize.h"

namespace nashr {

namespace {

using resolving::BlockBuilder;
using resolving::RunStyle;

// The house design of the cover, as shares of the page and of the masthead role's size.
constexpr double kBandShare = 0.3;             // the band's height, of the page's height
constexpr double kSeriesShare = 1.1;           // the series titles, of the masthead size
constexpr double kDetailShare = 0.6;           // volume, issue and dates
constexpr double kTitleShare = 1.35;           // the issue's title
constexpr double kTeaserShare = 1.15;          // the teaser, of the body size
constexpr std::size_t kTeaserBytes = 420;      // the teaser is cut at a space before this many bytes
constexpr double kGap = 14;                    // points between the cover's groups of lines
constexpr Color kOnBand{1, 1, 1};              // text on the band

// A piece of the teaser's text in its own language and direction (a Persian name in an English
// summary stays an isolate, as in the body).
struct TeaserPiece {
  std::string text;
  std::string lang;
  Direction dir = Direction::ltr;
  SourceLocation location;
};

// The pieces of inline content, a line break as a space, until `budget` bytes are used up.
void teaser_pieces(const InlineContent& content, std::vector<TeaserPiece>& out, std::size_t& budget) {
  for (const Inline& node : content) {
    if (budget == 0) return;
    if (node.kind == InlineKind::text || node.kind == InlineKind::line_break) {
      std::string text = node.kind == InlineKind::text ? node.text : " ";
      if (text.size() > budget) {
        // Cut at a space (an ASCII byte, so never inside a character).
        const std::size_t space = text.rfind(' ', budget);
        text = text.substr(0, space == std::string::npos ? 0 : space) + " …";
        budget = 0;
      } else {
        budget -= text.size();
      }
      out.push_back({std::move(text), node.lang, node.dir, node.location});
    }
    teaser_pieces(node.children, out, budget);
  }
}

// The summary's first paragraph in `language` (else the first summary's), cut at a space.
std::vector<TeaserPiece> teaser(const Report& report, std::string_view language) {
  const auto same_language = [&](const Summary& summary) {
    return summary.lang.substr(0, 2) == language.substr(0, 2);
  };
  const Summary* chosen = nullptr;
  for (const Summary& summary : report.summaries) {
    if (chosen == nullptr || (!same_language(*chosen) && same_language(summary))) chosen = &summary;
  }
  std::vector<TeaserPiece> pieces;
  if (chosen == nullptr) return pieces;
  for (const Block& block : chosen->blocks) {
    const auto* paragraph = std::get_if<Paragraph>(&block.value);
    if (paragraph == nullptr) continue;
    std::size_t budget = kTeaserBytes;
    teaser_pieces(paragraph->content, pieces, budget);
    break;
  }
  return pieces;
}

class CoverMaker {
 public:
  CoverMaker(const Report& report, const StyleSheet& style, FontDb& fonts, DiagnosticSink& sink)
      : report_(report), style_(style), fonts_(fonts), sink_(sink) {
    rtl_ = report.dir == Direction::rtl ||
           (report.dir == Direction::auto_detect && (style.dir == Direction::rtl || is_persian_language(report.lang)));
    persian_ = is_persian_language(report.lang);
    cover_.page.width = style.page.width;
    cover_.page.height = style.page.height;
    left_ = style.page.margin_left;
    width_ = style.page.width - style.page.margin_left - style.page.margin_right;
  }

  Result<CoverPage> run();

 private:
  using Fill = std::function<void(BlockBuilder&, RunStyle)>;

  // One block of text in `role` at `size`, set by the text stages and placed with its first line's
  // top at `top` across [left, left + width); returns the bottom of its last line.
  double text(double top, FontRole role, FontWeight weight, double size, Color colour, Alignment align,
              const SourceLocation& location, const Fill& fill, double left, double width,
              Direction dir, std::string_view language, bool at_baseline = false);
  double text(double top, FontRole role, FontWeight weight, double size, Color colour,
              const SourceLocation& location, const Fill& fill) {
    return text(top, role, weight, size, colour, Alignment::start, location, fill, left_, width_,
                rtl_ ? Direction::rtl : Direction::ltr, report_.lang);
  }
  void meta_text(BlockBuilder& builder, RunStyle run, const MetaText& meta) const;
  void number(BlockBuilder& builder, RunStyle run, int value, const SourceLocation& location) const;
  void date(BlockBuilder& builder, RunStyle run, const Result<std::string>& formatted,
            const SourceLocation& location) const;
  // Reports the error to the sink and returns it as the failure.
  Failure<Diagnostic> located_error(const SourceLocation& where, std::string message, std::string hint) {
    Diagnostic error = make_error(where, std::move(message), std::move(hint));
    sink_.report(error);
    return fail(std::move(error));
  }
  void art();
  double band();
  double details(double top);
  Result<void> barcode();

  const Report& report_;
  const StyleSheet& style_;
  FontDb& fonts_;
  DiagnosticSink& sink_;
  resolving::ChainCache chains_;
  bool rtl_ = false;
  bool persian_ = false;
  double left_ = 0;
  double width_ = 0;
  CoverPage cover_;
  std::optional<Diagnostic> off_page_;
};

double CoverMaker::text(double top, FontRole role, FontWeight weight, double size, Color colour, Alignment align,
                        const SourceLocation& location, const Fill& fill, double left, double width,
                        Direction dir, std::string_view language, bool at_baseline) {
  const RoleStyle& role_style = style_.role(role);
  BlockBuilder builder(chains_, style_, dir, location);
  builder.settings().alignment = align;
  RunStyle run;
  run.face = {role, weight, FontSlant::upright, size, colour};
  run.language = std::string(language);
  fill(builder, run);
  if (builder.empty()) return top;
  const TextBlock block = builder.finish(width, resolving::leading_for(role_style, size));
  const ItemizedParagraph itemized = itemize(block.paragraph, fonts_, sink_);
  const ShapedParagraph shaped = shape(itemized);
  Lines lines = break_lines(block.paragraph, itemized, shaped, block.settings, sink_);
  double baseline = top;
  double bottom = top;
  for (std::size_t i = 0; i < lines.lines.size(); ++i) {
    Line& line = lines.lines[i];
    baseline = i > 0 ? baseline + block.leading : at_baseline ? top : top + line.ascent;
    bottom = baseline + line.descent;
    for (LineRun& line_run : line.runs) {
      if (line_run.glyphs.empty()) continue;
      const double x = left + line_run.x;
      if (!off_page_ && (x < 0 || x + line_run.width > cover_.page.width || bottom > cover_.page.height)) {
        off_page_ = make_error(line.location, "this text would be drawn outside the cover page",
                               "shorten it, or check the style's page size, margins and masthead size");
      }
      GlyphRun glyphs;
      glyphs.font = line_run.font;
      glyphs.size = line_run.size;
      glyphs.origin = {x, baseline};
      glyphs.color = line_run.color;
      glyphs.rtl = line_run.rtl;
      glyphs.glyphs = std::move(line_run.glyphs);
      cover_.page.items.emplace_back(std::move(glyphs));
    }
  }
  return bottom;
}

void CoverMaker::meta_text(BlockBuilder& builder, RunStyle run, const MetaText& meta) const {
  run.language = resolving::language_or(meta.lang, run.language);
  // Text in the other direction than the line's keeps its own order.
  if ((meta.dir == Direction::rtl) != rtl_) run.isolation = resolving::to_isolation(meta.dir);
  builder.append(meta.text, run, meta.location);
}

void CoverMaker::number(BlockBuilder& builder, RunStyle run, int value, const SourceLocation& location) const {
  const std::string digits = std::to_string(value);
  run.isolation = SpanIsolation::ltr;
  run.isolate_group = builder.new_isolate_group();
  builder.append(persian_ ? to_persian_digits(digits) : digits, run, location);
}

void CoverMaker::date(BlockBuilder& builder, RunStyle run, const Result<std::string>& formatted,
                      const SourceLocation& location) const {
  if (!formatted) {
    sink_.warning(location, "cannot format the issue date: " + formatted.error().message);
    return;
  }
  run.isolation = SpanIsolation::first_strong;
  run.isolate_group = builder.new_isolate_group();
  builder.append(*formatted, run, location);
}

// The report's cover art, under everything else: scaled to cover its frame (the page, or the
// style's box) and cropped to it.
void CoverMaker::art() {
  const std::optional<CoverArt>& art = report_.meta.cover_art;
  if (!art) return;
  const Rect frame = style_.cover.art == CoverStyle::ArtPlacement::box
                         ? style_.cover.art_box
                         : Rect{0, 0, cover_.page.width, cover_.page.height};
  const bool vectors = art->format == ImageFormat::pdf;
  const double aspect = vectors ? art->page_width / art->page_height
                                : static_cast<double>(art->pixel_width) / art->pixel_height;
  Image image;
  image.rect = cover_fit(frame, aspect);
  image.path = art->image.string();
  image.clip = frame;
  if (!vectors) {
    constexpr double kPointsPerInch = 72;
    cover_.art_dpi = std::min(art->pixel_width / (image.rect.width / kPointsPerInch),
                              art->pixel_height / (image.rect.height / kPointsPerInch));
  }
  cover_.page.items.emplace_back(std::move(image));
}

// The band across the top with the series title in the report's language, then the other.
double CoverMaker::band() {
  const Metadata& meta = report_.meta;
  const RoleStyle& masthead = style_.role(FontRole::masthead);
  cover_.band = {0, 0, cover_.page.width, cover_.page.height * kBandShare};
  cover_.page.items.emplace_back(Box{cover_.band, true, masthead.colour, 0, {}});
  double top = style_.page.margin_top;
  const MetaText* first = rtl_ ? &meta.series_title_persian : &meta.series_title;
  const MetaText* second = rtl_ ? &meta.series_title : &meta.series_title_persian;
  for (const MetaText* series : {first, second}) {
    if (series->text.empty()) continue;
    top = text(top, FontRole::masthead, FontWeight::bold, masthead.size * kSeriesShare, kOnBand,
               series->location, [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, *series); });
    top += kGap / 2;
  }
  return details(top + kGap);
}

// Volume and issue, then both dates, on the band.
double CoverMaker::details(double top) {
  const Metadata& meta = report_.meta;
  const double size = style_.role(FontRole::masthead).size * kDetailShare;
  top = text(top, FontRole::masthead, FontWeight::regular, size, kOnBand, meta.volume.location,
             [&](BlockBuilder& b, RunStyle run) {
               b.append(persian_ ? "دورهٔ " : "Volume ", run, meta.volume.location);
               number(b, run, meta.volume.value, meta.volume.location);
               b.append(persian_ ? "، شمارهٔ " : ", Issue ", run, meta.issue.location);
               number(b, run, meta.issue.value, meta.issue.location);
             });
  top = text(top + kGap / 3, FontRole::masthead, FontWeight::regular, size, kOnBand, meta.date.location,
             [&](BlockBuilder& b, RunStyle run) {
               date(b, run, format_gregorian_date(meta.date.value, report_.lang), meta.date.location);
               b.append(" · ", run, meta.date.location);
               RunStyle persian_run = run;
               persian_run.language = "fa";
               date(b, persian_run, format_solar_hijri_date(meta.date.value), meta.date.location);
             });
  return top;
}

// The barcode at the bottom of the end side, its digits under the bars in the caption role's Latin
// face; the publisher at the bottom of the start side.
Result<void> CoverMaker::barcode() {
  const Metadata& meta = report_.meta;
  const double bottom = cover_.page.height - style_.page.margin_bottom;
  const RoleStyle& caption = style_.role(FontRole::caption);
  text(bottom - caption.leading * 2, FontRole::masthead, FontWeight::bold, caption.size * 1.4,
       style_.role(FontRole::masthead).colour, meta.publisher.location,
       [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, meta.publisher); });
  if (!style_.cover.barcode) return Ok{};
  Result<IssnBarcodeNumber, Diagnostic> number = cover_barcode_number(report_, style_.cover);
  if (!number) {
    sink_.report(number.error());
    return fail(number.error());
  }
  const Issn* issn = &barcode_issn(meta);
  Result<BarcodeDrawing, std::string> drawing = encode_issn_barcode(*number);
  if (!drawing) return located_error(issn->location, "cannot make the cover's ISSN barcode: " + drawing.error(), {});
  const double x = rtl_ ? style_.page.margin_left : cover_.page.width - style_.page.margin_right - drawing->width;
  const double y = bottom - drawing->height;
  cover_.barcode = {x, y, drawing->width, drawing->height};
  // White under the symbol and its quiet zones, whatever is behind it.
  cover_.page.items.emplace_back(Box{cover_.barcode, true, Color{1, 1, 1}, 0, {}});
  for (const Rect& bar : drawing->bars) {
    cover_.page.items.emplace_back(Box{{x + bar.x, y + bar.y, bar.width, bar.height}, true, Color{}, 0, {}});
  }
  for (const BarcodeText& digits : drawing->texts) {
    constexpr double kBox = 100;  // wider than any of the lines of digits
    const double left = digits.align == 1 ? x + digits.anchor.x
                        : digits.align == 2 ? x + digits.anchor.x - kBox
                                            : x + digits.anchor.x - kBox / 2;
    const Alignment align = digits.align == 1 ? Alignment::start : digits.align == 2 ? Alignment::end : Alignment::center;
    // zint's anchor is the digits' baseline.
    text(y + digits.anchor.y, FontRole::caption, FontWeight::regular, digits.size, Color{}, align, issn->location,
         [&](BlockBuilder& b, RunStyle run) { b.append(digits.text, run, issn->location); }, left, kBox,
         Direction::ltr, "en", true);
  }
  return Ok{};
}

Result<CoverPage> CoverMaker::run() {
  const Metadata& meta = report_.meta;
  const RoleStyle& masthead = style_.role(FontRole::masthead);
  art();
  double top = std::max(band(), cover_.band.height) + kGap * 2;
  top = text(top, FontRole::masthead, FontWeight::bold, masthead.size * kTitleShare, masthead.colour,
             meta.title.location, [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, meta.title); });
  if (!meta.subtitle.text.empty()) {
    top = text(top + kGap / 2, FontRole::masthead, FontWeight::regular, masthead.size * 0.8, masthead.colour,
               meta.subtitle.location, [&](BlockBuilder& b, RunStyle run) { meta_text(b, run, meta.subtitle); });
  }
  const std::vector<TeaserPiece> pieces = teaser(report_, report_.lang);
  const RoleStyle& body = style_.role(FontRole::body);
  if (!pieces.empty()) {
    text(top + kGap * 1.5, FontRole::body, FontWeight::regular, body.size * kTeaserShare, body.colour,
         pieces.front().location, [&](BlockBuilder& b, RunStyle run) {
           for (const TeaserPiece& piece : pieces) {
             RunStyle piece_run = run;
             piece_run.language = resolving::language_or(piece.lang, run.language);
             if ((piece.dir == Direction::rtl) != rtl_) {
               piece_run.isolation = resolving::to_isolation(piece.dir);
               piece_run.isolate_group = b.new_isolate_group();
             }
             b.append(piece.text, piece_run, piece.location);
           }
         });
  }
  if (Result<void> drawn = barcode(); !drawn) return fail(drawn.error());
  if (off_page_) {
    sink_.report(*off_page_);
    return fail(*off_page_);
  }
  return std::move(cover_);
}

}  // namespace

const Issn& barcode_issn(const Metadata& meta) {
  // The printed ISSN goes on the barcode; an online-only serial uses its first.
  for (const Issn& issn : meta.issns) {
    if (issn.medium == IssnMedium::print) return issn;
  }
  return meta.issns.front();
}

Result<IssnBarcodeNumber, Diagnostic> cover_barcode_number(const Report& report, const CoverStyle& cover) {
  const Metadata& meta = report.meta;
  const Issn& issn = barcode_issn(meta);
  Result<IssnBarcodeNumber, std::string> number =
      issn_barcode_number(issn.number, cover.price_code.value, meta.issue.value);
  if (number) return std::move(*number);
  const bool price = number.error().starts_with("price");
  const bool issue = number.error().starts_with("issue");
  const SourceLocation& where = price ? cover.price_code.location : issue ? meta.issue.location : issn.location;
  return fail(make_error(where, "cannot make the cover's ISSN barcode: " + number.error(),
                         issue ? "the EAN-2 add-on carries issues 1 to 99; or turn the barcode off: <cover barcode=\"off\"/>"
                               : "fix the value, or turn the barcode off: <cover barcode=\"off\"/>"));
}

Result<CoverPage> draw_cover(const Report& report, const StyleSheet& style, FontDb& fonts, DiagnosticSink& sink) {
  return CoverMaker(report, style, fonts, sink).run();
}

void add_cover(PagedDocument& document, CoverPage&& cover, bool persian) {
  document.pages.insert(document.pages.begin(), std::move(cover.page));
  if (document.page_labels.empty() || document.page_labels.front().first_page > 0) {
    document.page_labels.insert(document.page_labels.begin(), PageLabelRange{});
  }
  for (PageLabelRange& range : document.page_labels) ++range.first_page;
  PageLabelRange label;
  label.first_page = 0;
  label.style = PageLabelRange::Style::none;
  label.prefix = persian ? "جلد" : "Cover";
  document.page_labels.insert(document.page_labels.begin(), label);
}

}  // namespace nashr
