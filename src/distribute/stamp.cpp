#include "distribute/stamp.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "document/page.h"
#include "linebreak/lines.h"
#include "locale/persian_text.h"
#include "pdf/pdf_writer.h"
#include "shape/shape.h"
#include "text/itemize.h"

namespace nashr {

namespace {

// The stamp's size against the caption role's, and where the strip's baseline sits in it.
constexpr double kStampScale = 0.85;
constexpr double kBandOfMargin = 0.4;       // the strip is this much of the bottom margin
constexpr double kBaselineOfBand = 0.4;     // the baseline this far up the strip

FontChains chains(const StyleSheet& style, bool persian) {
  const RoleStyle& role = style.role(FontRole::caption);
  auto paths = [&](Script script) {
    std::vector<std::filesystem::path> out;
    for (const std::string& file : role.face(script, FontWeight::regular, FontSlant::upright).files)
      out.push_back(style.fonts_dir / file);
    return out;
  };
  std::vector<std::filesystem::path> any = paths(persian ? Script::arabic : Script::latin);
  for (const std::filesystem::path& path : paths(persian ? Script::latin : Script::arabic)) {
    if (std::find(any.begin(), any.end(), path) == any.end()) any.push_back(path);
  }
  return FontChains{FontChain{"Arab", paths(Script::arabic)}, FontChain{"Latn", paths(Script::latin)},
                    FontChain{"*", std::move(any)}};
}

void add_span(StyledParagraph& paragraph, const std::string& text, SpanIsolation isolation,
              const StampStyle& style, bool persian, double size) {
  StyledSpan span;
  span.begin = paragraph.text.size();
  paragraph.text += text;
  span.end = paragraph.text.size();
  span.language = persian ? "fa" : "en";
  span.isolation = isolation;
  span.font_size = size;
  span.fonts = persian ? style.persian_fonts : style.latin_fonts;
  paragraph.spans.push_back(std::move(span));
}

std::string stamp_date(const CalendarDate& date, bool persian) {
  Result<std::string> text = persian ? format_solar_hijri_date(date) : format_gregorian_date(date, "en");
  return text ? *text : to_iso_date(date);
}

// The paragraph's lines (centred in `width`) as glyph runs on `page` from `baseline` down; the
// baseline after the last line.
double set_line(const StyledParagraph& paragraph, double width, Alignment alignment, Color colour, double left,
              double baseline, FontDb& fonts, Page& page, DiagnosticSink& sink) {
  const ItemizedParagraph itemized = itemize(paragraph, fonts, sink);
  // Shaped whole, without the thread's piece cache: every stamp's id and name are new pieces that
  // would fill it with what no later stamp uses (the glyphs are the same either way).
  const ShapedParagraph shaped = shape(itemized, ShapeStrategy::whole_runs);
  LineSettings settings;
  settings.width = width;
  settings.alignment = alignment;
  settings.span_colors.assign(paragraph.spans.size(), colour);
  Lines lines = break_lines(paragraph, itemized, shaped, settings, sink);
  for (Line& line : lines.lines) {
    for (LineRun& run : line.runs) {
      if (run.glyphs.empty()) continue;
      page.items.emplace_back(take_glyph_run(run, {left + run.x, baseline}));
    }
    baseline += line.ascent + line.descent;
  }
  return baseline;
}

Failure<Diagnostic> first_error(const DiagnosticSink& sink) {
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    if (diagnostic.severity == Severity::error) return fail(diagnostic);
  }
  return fail(make_error({}, "the stamp could not be set"));
}

}  // namespace

std::string watermark_key(const WatermarkStyle& mark) {
  if (!mark.enabled) return "";
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "watermark %s %.3f %.4f %.4f %.4f %.3f",
                mark.text == WatermarkText::stamp ? "stamp" : "name", mark.size, mark.colour.r, mark.colour.g,
                mark.colour.b, mark.opacity);
  return buffer;
}

StampStyle stamp_style(const StyleSheet& style, const std::string& language) {
  StampStyle stamp;
  stamp.language = is_persian_language(language) ? "fa" : "en";
  stamp.latin_fonts = chains(style, false);
  stamp.persian_fonts = chains(style, true);
  const RoleStyle& caption = style.role(FontRole::caption);
  stamp.size = caption.size * kStampScale;
  stamp.colour = caption.colour;
  stamp.page_width = style.page.width;
  stamp.page_height = style.page.height;
  stamp.watermark = style.watermark;
  stamp.margin_left = style.page.margin_left;
  stamp.margin_right = style.page.margin_right;
  stamp.band_height = std::max(style.page.margin_bottom * kBandOfMargin, stamp.size * 2);
  return stamp;
}

StyledParagraph stamp_paragraph(const Subscriber& subscriber, const CalendarDate& date, const StampStyle& style) {
  const std::string& language = subscriber.lang.empty() ? style.language : subscriber.lang;
  const bool persian = is_persian_language(language);
  StyledParagraph paragraph;
  paragraph.dir = persian ? Direction::rtl : Direction::ltr;
  // The name is an isolate: whatever its letters, it cannot pull the id or the date across it.
  add_span(paragraph, persian ? "تهیه‌شده برای " : "Prepared for ", SpanIsolation::none, style, persian, style.size);
  add_span(paragraph, subscriber.name, SpanIsolation::first_strong, style, persian, style.size);
  add_span(paragraph, " (", SpanIsolation::none, style, persian, style.size);
  add_span(paragraph, subscriber.id, SpanIsolation::ltr, style, persian, style.size);
  // The Persian stamp separates the date with a comma: a middle dot beside Persian digits reads as ۰.
  add_span(paragraph, (persian ? ")، " : ") · ") + stamp_date(date, persian), SpanIsolation::none, style, persian,
           style.size);
  return paragraph;
}

Result<std::string> make_stamp_pdf(const Subscriber& subscriber, const CalendarDate& date, const StampStyle& style,
                                   FontDb& fonts) {
  DiagnosticSink sink;
  PagedDocument document;
  document.info.language = style.language;
  Page strip;
  strip.width = style.page_width;
  strip.height = style.band_height;
  const double measure = style.page_width - style.margin_left - style.margin_right;
  set_line(stamp_paragraph(subscriber, date, style), measure, Alignment::center, style.colour, style.margin_left,
           style.band_height * (1 - kBaselineOfBand), fonts, strip, sink);
  document.pages.push_back(std::move(strip));
  if (style.watermark.enabled) {
    const bool persian = is_persian_language(subscriber.lang.empty() ? style.language : subscriber.lang);
    const double size = style.watermark.size;
    StyledParagraph mark;
    if (style.watermark.text == WatermarkText::stamp) {
      mark = stamp_paragraph(subscriber, date, style);
      for (StyledSpan& span : mark.spans) span.font_size = size;
    } else {
      mark.dir = persian ? Direction::rtl : Direction::ltr;
      add_span(mark, subscriber.name, SpanIsolation::first_strong, style, persian, size);
      add_span(mark, " · ", SpanIsolation::none, style, persian, size);
      add_span(mark, subscriber.id, SpanIsolation::ltr, style, persian, size);
    }
    Page page;
    // The line is centred in it and broken when longer; the copy turns it about its centre.
    page.width = 0.85 * std::hypot(style.page_width, style.page_height);
    const double last = set_line(mark, page.width, Alignment::center, style.watermark.colour, 0, size * 1.15,
                                 fonts, page, sink);
    page.height = last - size * 1.15 + size * 1.6;
    document.pages.push_back(std::move(page));
  }
  if (sink.has_errors()) return first_error(sink);
  PdfOptions options;
  options.threads = 1;  // copies are made in parallel already
  options.date_epoch = 0;
  return write_pdf(std::move(document), options);
}

}  // namespace nashr
