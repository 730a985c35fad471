// The report reader (report_reader.h): <note> and the <source> it may cite.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <memory>

#include "model/report_reader.h"
#include "model/xml_rules.h"

namespace nashr {

Inline ReportReader::read_note(const XmlNode& element, const Context& parent) {
  check_attributes(element, kLanguageAttributes, sink_);
  Inline node;
  node.kind = InlineKind::note;
  node.location = element.location;
  if (parent.in_note) {
    sink_.error(element.location, "a <note> cannot be inside another <note>",
                "close the first note before this one, or write both texts in one note");
  } else if (parent.in_heading) {
    sink_.error(element.location, "a <note> cannot be in a heading",
                "put the note in the section's first paragraph (a heading is also the PDF outline's entry)");
  } else if (parent.in_link) {
    sink_.error(element.location, "a <note> cannot be inside a <link>", "put the note after the </link>");
  }
  Context context = enter(element, parent);
  context.in_note = true;
  node.lang = context.lang;
  node.dir = context.dir;
  node.children = read_inline_block(element, context);
  if (node.children.empty()) {
    sink_.error(element.location, "empty <note>", "write the note's text or cite a <source> in it");
  }
  return node;
}

namespace {

bool is_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Days in a Solar Hijri month: 31 in the first six, 30 in the next five, 29 or 30 in Esfand (ICU).
int solar_hijri_days_in_month(int year, int month) {
  if (month >= 1 && month <= 6) return 31;
  if (month >= 7 && month <= 11) return 30;
  if (month != 12) return 0;
  const Result<int> esfand = solar_hijri_days_in_esfand(year);
  return esfand ? *esfand : 0;
}

}  // namespace

SourceDate ReportReader::source_date(const XmlNode& element) {
  check_attributes(element, {"calendar"}, sink_);
  SourceDate date;
  const XmlAttribute* calendar = element.attribute("calendar");
  static const std::vector<std::string> kCalendars = {"gregorian", "solar-hijri"};
  if (calendar != nullptr && !contains(kCalendars, calendar->value)) bad_value(*calendar, kCalendars);
  date.written_solar_hijri = calendar != nullptr && calendar->value == "solar-hijri";
  const std::string text = plain_text(doc_, element, sink_, &date.location);
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digits(text.substr(0, 4)) &&
                     is_digits(text.substr(5, 2)) && is_digits(text.substr(8, 2));
  if (!shape) {
    sink_.error(date.location, "'" + text + "' is not a date written YYYY-MM-DD",
                date.written_solar_hijri ? "write the Solar Hijri date as YYYY-MM-DD, e.g. 1403-10-30"
                                         : "write the date as YYYY-MM-DD, e.g. 2025-01-20, or give "
                                           "calendar=\"solar-hijri\" for a Solar Hijri date");
    return date;
  }
  const CalendarDate value{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
  if (!date.written_solar_hijri) {
    if (!is_valid_gregorian_date(value)) {
      sink_.error(date.location, "impossible date " + text, "months run from 01 to 12, days as the month has them");
    }
    date.gregorian = value;
    return date;
  }
  const int days = value.year >= 1 && value.year <= 9000 ? solar_hijri_days_in_month(value.year, value.month) : 0;
  Result<CalendarDate> gregorian = days > 0 && value.day >= 1 && value.day <= days
                                       ? from_solar_hijri(value)
                                       : Result<CalendarDate>(fail(make_error({}, "")));
  if (!gregorian) {
    sink_.error(date.location, "impossible Solar Hijri date " + text,
                "the first six months have 31 days, the next five 30, Esfand 29 (30 in a leap year)");
    return date;
  }
  date.gregorian = *gregorian;
  return date;
}

// <source>: its parts, each at most once (authors repeat); a title is required.
Inline ReportReader::read_source(const XmlNode& element, const Context& parent) {
  check_attributes(element, with({"example"}, kLanguageAttributes), sink_);
  Inline node;
  node.kind = InlineKind::source;
  node.location = element.location;
  if (!parent.in_note) {
    sink_.error(element.location, "<source> belongs inside a <note>",
                "cite it in a note where the claim is: <note><source>…</source></note>");
  }
  const Context context = enter(element, parent);
  node.lang = context.lang;
  node.dir = context.dir;
  auto source = std::make_shared<Source>();
  source->location = element.location;
  source->lang = context.lang;
  source->dir = context.dir;
  if (const XmlAttribute* example = element.attribute("example")) {
    static const std::vector<std::string> kYesNo = {"yes", "no"};
    if (!contains(kYesNo, example->value)) bad_value(*example, kYesNo);
    source->example = example->value == "yes";
  }
  check_no_text(element, sink_);
  static const std::vector<std::string> kParts = {"author", "title", "publisher", "date", "url", "accessed"};
  std::vector<const XmlNode*> seen;
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (!contains(kParts, child.name)) {
      report_unknown_element(child, "source", kParts, sink_);
      continue;
    }
    if (child.name != "author") {
      const auto first = std::find_if(seen.begin(), seen.end(), [&](const XmlNode* s) { return s->name == child.name; });
      if (first != seen.end()) {
        duplicate(child, **first);
        continue;
      }
      seen.push_back(&child);
    }
    if (child.name == "author") source->authors.push_back(meta_text(child, context));
    if (child.name == "title") source->title = meta_text(child, context);
    if (child.name == "publisher") source->publisher = meta_text(child, context);
    if (child.name == "date") source->date = source_date(child);
    if (child.name == "accessed") source->accessed = source_date(child);
    if (child.name == "url") {
      check_attributes(child, {}, sink_);
      source->url.value = plain_text(doc_, child, sink_, &source->url.location);
      if (source->url.value.size() > kLongestAddress) {
        sink_.error(source->url.location, "the web address is over the limit of " + std::to_string(kLongestAddress) +
                                              " bytes", "cite a shorter address");
      } else {
        check_url(source->url.value, source->url.location);
      }
    }
  }
  if (source->title.text.empty() && std::none_of(seen.begin(), seen.end(), [](const XmlNode* s) {
        return s->name == "title";
      })) {
    sink_.error(element.location, "<source> has no <title>",
                "give the title of the article, page or document cited: <title>…</title>");
  }
  node.source = std::move(source);
  return node;
}

}  // namespace nashr
