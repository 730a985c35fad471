#include "pdf/document_objects.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <system_error>
#include <utility>

#include "base/version.h"
#include "pdf/pdf_writer.h"

namespace nashr {

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

PdfArray rect_array(HpdfDocument& pdf, const Rect& rect, double page_height) {
  PdfArray array = pdf.new_array();
  array.add_real(rect.x);
  array.add_real(page_height - rect.y - rect.height);
  array.add_real(rect.x + rect.width);
  array.add_real(page_height - rect.y);
  return array;
}

}  // namespace

std::string pdf_date(std::int64_t epoch) {
  const std::time_t time = static_cast<std::time_t>(epoch);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "D:%04d%02d%02d%02d%02d%02d+00'00'", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buffer;
}

Result<std::optional<std::int64_t>> pdf_date_epoch(const PdfOptions& options, const DocumentInfo& info) {
  if (options.date_epoch) return std::optional<std::int64_t>(*options.date_epoch);
  if (const char* value = std::getenv("SOURCE_DATE_EPOCH"); value != nullptr && *value != '\0') {
    std::int64_t seconds = 0;
    const char* end = value + std::strlen(value);
    const auto [stop, code] = std::from_chars(value, end, seconds);
    if (code != std::errc() || stop != end || seconds < 0 || seconds > 253402300799) {
      return fail(make_error({}, std::string("SOURCE_DATE_EPOCH is not a number of seconds: '") + value + "'",
                             "set it to a whole number such as $(git log -1 --format=%ct), or unset it"));
    }
    return std::optional<std::int64_t>(seconds);
  }
  if (!info.issue_date) return std::optional<std::int64_t>();
  // The reader has checked the date; a document made in code (tests) may still hold a wrong one.
  const CalendarDate& date = *info.issue_date;
  if (!is_valid_gregorian_date(date)) {
    return fail(make_error({}, "the issue date " + to_iso_date(date) + " does not exist", "check the day of the month"));
  }
  return std::optional<std::int64_t>(
      days_from_civil(date.year, static_cast<unsigned>(date.month), static_cast<unsigned>(date.day)) * 86400);
}

std::string ascii_uri(std::string_view uri) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : uri) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 15];
    }
  }
  return out;
}

Result<void> write_info(HpdfDocument& pdf, const DocumentInfo& info, const std::optional<std::int64_t>& epoch) {
  const std::string producer = std::string("nashr ") + kVersion;
  pdf.set_producer_and_creator(producer.c_str());
  if (auto checked = pdf.check("document information"); !checked) return checked;
  const PdfDict dict = pdf.info();
  const std::pair<const char*, const std::string*> entries[] = {{"Title", &info.title},
                                                                {"Author", &info.author},
                                                                {"Subject", &info.subject},
                                                                {"Keywords", &info.keywords}};
  for (const auto& [key, value] : entries) {
    if (!value->empty()) dict.add(key, pdf.text_string(*value));
  }
  if (!info.issn.empty()) dict.add("ISSN", pdf.text_string(info.issn));
  if (epoch) {
    const std::string date = pdf_date(*epoch);
    dict.add("CreationDate", pdf.ascii_string(date.c_str()));
    dict.add("ModDate", pdf.ascii_string(date.c_str()));
  }
  if (!info.language.empty()) pdf.catalog().add("Lang", pdf.ascii_string(info.language.c_str()));
  // Readers open the title, not the file name, in their window bar.
  const PdfDict preferences = pdf.new_dict();
  pdf.catalog().add("ViewerPreferences", preferences);
  preferences.add_boolean("DisplayDocTitle", true);
  return pdf.check("document information");
}

namespace {

// [page /XYZ x y 0]: the destination's point, keeping the reader's zoom.
PdfArray destination_array(HpdfDocument& pdf, const Destination& destination, const std::vector<PdfDict>& pages) {
  const PdfArray array = pdf.new_array();
  array.add(pages[destination.page]);
  array.add_name("XYZ");
  array.add_real(destination.position.x);
  array.add_real(destination.page_height - destination.position.y);
  array.add_number(0);
  return array;
}

}  // namespace

Result<void> write_link(HpdfDocument& pdf, const Link& link, PdfDict page, double page_height,
                        const Destinations& destinations, const std::vector<PdfDict>& pages, PdfDict* made) {
  if (link.uri.empty() && !destinations.count(link.destination)) {
    return fail(make_error({}, "a link points at '" + link.destination.str() + "', which no section defines",
                           "check the id the link refers to"));
  }
  const PdfDict annotation = pdf.new_indirect_dict();
  if (!annotation) return pdf.check("link");
  annotation.add_name("Type", "Annot");
  annotation.add_name("Subtype", "Link");
  annotation.add("Rect", rect_array(pdf, link.rect, page_height));
  // No border (readers draw one by default) and /F 4: printable, as PDF/A requires.
  const PdfArray border = pdf.new_array();
  annotation.add("Border", border);
  for (int i = 0; i < 3; ++i) border.add_number(0);
  annotation.add_number("F", 4);
  if (!link.uri.empty()) {
    const PdfDict action = pdf.new_dict();
    annotation.add("A", action);
    action.add_name("S", "URI");
    action.add("URI", pdf.ascii_string(ascii_uri(link.uri.str()).c_str()));
  } else if (const Destination& destination = destinations.at(link.destination.str()); !destination.named) {
    annotation.add("Dest", destination_array(pdf, destination, pages));
  } else {
    annotation.add("Dest", pdf.name(link.destination.c_str()));
  }
  pdf.annotations(page).add(annotation);
  if (made != nullptr) {
    // A tagged link's alternate description (PDF/UA): where it goes.
    annotation.add("Contents", pdf.text_string(link.uri.empty() ? link.destination.str() : link.uri.str()));
    *made = annotation;
  }
  return pdf.check("link");
}

Result<void> write_destinations(HpdfDocument& pdf, const Destinations& destinations,
                                const std::vector<PdfDict>& pages) {
  if (std::none_of(destinations.begin(), destinations.end(), [](const auto& entry) { return entry.second.named; }))
    return Ok{};
  const PdfDict dests = pdf.new_indirect_dict();
  if (!dests) return pdf.check("named destinations");
  pdf.catalog().add("Dests", dests);
  for (const auto& [name, destination] : destinations) {
    if (destination.named) dests.add(name.c_str(), destination_array(pdf, destination, pages));
  }
  return pdf.check("named destinations");
}

Result<void> write_outline(HpdfDocument& pdf, const std::vector<OutlineEntry>& outline,
                           const Destinations& destinations) {
  if (outline.empty()) return Ok{};
  std::vector<PdfDict> parents;  // parents[i]: the last entry at level i + 1
  for (const OutlineEntry& entry : outline) {
    if (!destinations.count(entry.destination)) {
      return fail(make_error({}, "the outline entry '" + entry.title + "' points at '" + entry.destination +
                                     "', which no page defines (a bug in the layout stages)"));
    }
    const std::size_t level =
        static_cast<std::size_t>(std::clamp<int>(entry.level, 1, static_cast<int>(parents.size()) + 1));
    parents.resize(level - 1);
    const PdfDict item = pdf.add_outline_entry(parents.empty() ? PdfDict() : parents.back());
    if (!item) return pdf.check("outline");
    item.add("Title", pdf.text_string(entry.title));
    item.add("Dest", pdf.name(entry.destination.c_str()));
    if (level == 1) pdf.open_outline_entry(item);
    parents.push_back(item);
  }
  pdf.show_outline_on_opening();
  return pdf.check("outline");
}

Result<void> write_page_labels(HpdfDocument& pdf, const std::vector<PageLabelRange>& labels) {
  if (labels.empty()) return Ok{};
  std::vector<PageLabelRange> ranges = labels;
  std::stable_sort(ranges.begin(), ranges.end(), [](const PageLabelRange& a, const PageLabelRange& b) {
    return a.first_page < b.first_page;
  });
  if (ranges.front().first_page != 0) ranges.insert(ranges.begin(), PageLabelRange{});  // the tree needs page 0
  const PdfDict tree = pdf.new_dict();
  pdf.catalog().add("PageLabels", tree);
  const PdfArray numbers = pdf.new_array();
  tree.add("Nums", numbers);
  int previous = -1;
  for (const PageLabelRange& range : ranges) {
    if (range.first_page == previous) continue;  // the later duplicate would be ignored by readers
    previous = range.first_page;
    numbers.add_number(range.first_page);
    const PdfDict label = pdf.new_dict();
    numbers.add(label);
    label.add_name("Type", "PageLabel");
    switch (range.style) {
      case PageLabelRange::Style::decimal: label.add_name("S", "D"); break;
      case PageLabelRange::Style::roman_lower: label.add_name("S", "r"); break;
      case PageLabelRange::Style::roman_upper: label.add_name("S", "R"); break;
      case PageLabelRange::Style::none: break;
    }
    if (!range.prefix.empty()) label.add("P", pdf.text_string(range.prefix));
    if (range.start != 1) label.add_number("St", range.start);
  }
  return pdf.check("page labels");
}

}  // namespace nashr
