// The report reader (report_reader.h): <meta>.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>
#include <map>

#include "base/pdf_text_size.h"
#include "document/document_info.h"
#include "locale/persian_text.h"
#include "model/report_reader.h"
#include "model/xml_bounds.h"
#include "model/xml_rules.h"

namespace nashr {

MetaText ReportReader::meta_text(const XmlNode& element, const Context& parent) {
  check_attributes(element, kLanguageAttributes, sink_);
  const Context context = enter(element, parent);
  MetaText text;
  text.lang = context.lang;
  text.dir = context.dir;
  text.location = element.location;
  std::string raw;
  bool located = false;
  for (const XmlNode& child : element.children) {
    if (child.is_element()) {
      sink_.error(child.location, "<" + element.name + "> holds plain text only, not <" + child.name + ">",
                  "remove the markup");
      continue;
    }
    if (!located) {
      const std::size_t first = child.text.find_first_not_of(" \t\r\n");
      if (first != std::string::npos) {
        text.location = locator_.text_location(child, first);
        located = true;
      }
    }
    raw += persian_checked(child, context);
  }
  text.text = collapse_white_space(raw);
  if (text.text.empty()) {
    sink_.error(element.location, "<" + element.name + "> is empty", "write its text or remove it");
  }
  return text;
}

Located<int> ReportReader::positive_number(const XmlNode& element) {
  check_attributes(element, {}, sink_);
  Located<int> number;
  const std::string text = plain_text(doc_, element, sink_, &number.location);
  const bool digits = !text.empty() && text.size() <= 6 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(text) < 1) {
    sink_.error(number.location, "<" + element.name + "> must be a whole number from 1, not '" + text + "'",
                "write it with ASCII digits, e.g. <" + element.name + ">29</" + element.name + ">");
    return number;
  }
  number.value = std::stoi(text);
  return number;
}

Located<CalendarDate> ReportReader::iso_date(const XmlNode& element) {
  check_attributes(element, {}, sink_);
  Located<CalendarDate> date;
  const std::string text = plain_text(doc_, element, sink_, &date.location);
  const bool shape =
      text.size() == 10 && text[4] == '-' && text[7] == '-' &&
      std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  if (!shape) {
    sink_.error(date.location, "'" + text + "' is not an ISO 8601 date",
                "write the date as YYYY-MM-DD, e.g. 2025-01-20");
    return date;
  }
  const CalendarDate value{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                           std::stoi(text.substr(8, 2))};
  if (!is_valid_gregorian_date(value)) {
    static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
    std::string hint = "months run from 01 to 12";
    if (value.month >= 1 && value.month <= 12) {
      hint = std::string(kMonths[value.month - 1]) + " " + std::to_string(value.year) + " has " +
             std::to_string(gregorian_days_in_month(value.year, value.month)) + " days";
    }
    sink_.error(date.location, "impossible date " + text, hint);
    return date;
  }
  date.value = value;
  return date;
}

Issn ReportReader::read_issn(const XmlNode& element) {
  check_attributes(element, {"medium"}, sink_);
  Issn issn;
  if (const XmlAttribute* medium = element.attribute("medium")) {
    if (medium->value == "print")
      issn.medium = IssnMedium::print;
    else if (medium->value == "online")
      issn.medium = IssnMedium::online;
    else
      bad_value(*medium, {"print", "online"});
  } else {
    sink_.error(element.location, "<issn> needs a medium attribute",
                "write medium=\"print\" or medium=\"online\"");
  }
  std::string text = plain_text(doc_, element, sink_, &issn.location);
  if (text.starts_with("ISSN ")) text = text.substr(5);
  const bool shape =
      text.size() == 9 && text[4] == '-' &&
      std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
      std::all_of(text.begin() + 5, text.begin() + 8, [](char c) { return c >= '0' && c <= '9'; }) &&
      ((text[8] >= '0' && text[8] <= '9') || text[8] == 'X' || text[8] == 'x');
  if (!shape) {
    sink_.error(issn.location, "'" + text + "' is not an ISSN",
                "write four digits, a hyphen and four more, e.g. 2975-0598");
    return issn;
  }
  if (text[8] == 'x') text[8] = 'X';
  const char expected = issn_check_digit(text.substr(0, 4) + text.substr(5, 3));
  if (text[8] != expected) {
    sink_.error(issn.location, "ISSN " + text + " has a wrong check digit",
                "the check digit for " + text.substr(0, 8) + " is " + std::string(1, expected));
  }
  issn.number = text;
  return issn;
}

Metadata ReportReader::read_meta(const XmlNode& meta_element, const Context& parent) {
  Metadata meta;
  meta.location = meta_element.location;
  check_attributes(meta_element, kLanguageAttributes, sink_);
  const Context context = enter(meta_element, parent);
  check_no_text(meta_element, sink_);
  static const std::vector<std::string> kAllowed = {"series-title", "issn",      "volume",  "issue",
                                                    "date",         "publisher", "title",   "subtitle",
                                                    "author",       "keyword",   "contact", "copyright",
                                                    "cover-art"};
  std::map<std::string, const XmlNode*> seen;
  bool have_series = false;
  for (const XmlNode& child : meta_element.children) {
    if (!child.is_element()) continue;
    const std::string& name = child.name;
    if (!contains(kAllowed, name)) {
      report_unknown_element(child, "meta", kAllowed, sink_);
      continue;
    }
    const bool repeatable = name == "issn" || name == "author" || name == "keyword" || name == "series-title";
    if (!repeatable) {
      if (seen.count(name)) {
        duplicate(child, *seen[name]);
        continue;
      }
      seen[name] = &child;
    }
    if (name == "series-title") {
      MetaText text = meta_text(child, context);
      MetaText& slot = is_persian_language(text.lang) ? meta.series_title_persian : meta.series_title;
      if (!slot.text.empty()) {
        sink_.error(child.location, "a second <series-title> in " + text.lang,
                    "give one series title in the report's language and one in Persian (xml:lang=\"fa\")");
      }
      // The PDF's subject when there is no subtitle.
      check_pdf_text(text.text, text.location, "the series title in the PDF's document information");
      slot = std::move(text);
      have_series = true;
    } else if (name == "issn") {
      meta.issns.push_back(read_issn(child));
    } else if (name == "volume") {
      meta.volume = positive_number(child);
    } else if (name == "issue") {
      meta.issue = positive_number(child);
    } else if (name == "date") {
      meta.date = iso_date(child);
    } else if (name == "publisher") {
      meta.publisher = meta_text(child, context);
    } else if (name == "title") {
      meta.title = meta_text(child, context);
      check_pdf_text(meta.title.text, meta.title.location, "the title in the PDF's document information");
    } else if (name == "subtitle") {
      meta.subtitle = meta_text(child, context);
      check_pdf_text(meta.subtitle.text, meta.subtitle.location,
                     "the subtitle in the PDF's document information");
    } else if (name == "author") {
      meta.authors.push_back(meta_text(child, context));
    } else if (name == "keyword") {
      meta.keywords.push_back(meta_text(child, context));
    } else if (name == "contact") {
      meta.contact = read_contact(child, context);
    } else if (name == "copyright") {
      meta.copyright = meta_text(child, context);
    } else if (name == "cover-art") {
      meta.cover_art = read_cover_art(child);
    }
  }
  check_pdf_text_list(meta.authors, "the authors in the PDF's document information");
  check_pdf_text_list(meta.keywords, "the keywords in the PDF's document information");
  if (meta.series_title.text.empty() && !meta.series_title_persian.text.empty()) {
    meta.series_title = meta.series_title_persian;  // a Persian-only series
  }
  auto require = [&](bool present, const char* element, const char* example) {
    if (!present) {
      sink_.error(meta_element.location, std::string("missing required metadata <") + element + ">",
                  std::string("add ") + example + " inside <meta>");
    }
  };
  require(have_series, "series-title", "<series-title>Persian Files</series-title>");
  require(!meta.issns.empty(), "issn", "<issn medium=\"online\">2975-0598</issn>");
  require(seen.count("volume") > 0, "volume", "<volume>29</volume>");
  require(seen.count("issue") > 0, "issue", "<issue>2</issue>");
  require(seen.count("date") > 0, "date", "<date>2025-01-20</date>");
  require(seen.count("publisher") > 0, "publisher", "<publisher>SpecialEurasia OSINT Unit</publisher>");
  require(seen.count("title") > 0, "title", "<title>…</title>");
  return meta;
}

// <cover-art src="…"/>: checked as a figure's file is (an image decoded once, here).
std::optional<CoverArt> ReportReader::read_cover_art(const XmlNode& element) {
  check_attributes(element, {"src"}, sink_);
  check_no_text(element, sink_);
  const XmlAttribute* src = element.attribute("src");
  if (src == nullptr) {
    sink_.error(element.location, "<cover-art> needs src",
                "e.g. <cover-art src=\"images/cover.jpg\"/> (a PNG, JPEG or PDF file in the report's folder)");
    return std::nullopt;
  }
  Figure art;
  resolve_image(*src, art);
  if (art.image.empty()) return std::nullopt;
  return CoverArt{src->value_location, art.image,      src->value,      art.format,
                  art.pixel_width,     art.pixel_height, art.page_width, art.page_height};
}

Contact ReportReader::read_contact(const XmlNode& element, const Context& parent) {
  Contact contact;
  contact.location = element.location;
  check_attributes(element, kLanguageAttributes, sink_);
  const Context context = enter(element, parent);
  contact.lang = context.lang;
  contact.dir = context.dir;
  check_no_text(element, sink_);
  for (const XmlNode& child : element.children) {
    if (!child.is_element()) continue;
    if (child.name == "email") {
      check_attributes(child, {}, sink_);
      contact.email.value = plain_text(doc_, child, sink_, &contact.email.location);
      const std::string& email = contact.email.value;
      const std::size_t at = email.find('@');
      if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos ||
          email.find('.', at) == std::string::npos || email.find(' ') != std::string::npos) {
        sink_.error(contact.email.location, "'" + email + "' is not an e-mail address",
                    "write it as name@example.com");
      }
    } else if (child.name == "url") {
      check_attributes(child, {}, sink_);
      contact.url.value = plain_text(doc_, child, sink_, &contact.url.location);
      check_url(contact.url.value, contact.url.location);
    } else if (child.name == "sentence") {
      check_attributes(child, kLanguageAttributes, sink_);
      contact.sentence = read_inline_block(child, enter(child, context));
    } else {
      report_unknown_element(child, "contact", {"email", "url", "sentence"}, sink_);
    }
  }
  return contact;
}

namespace {

const char* const kShortenPdfText =
    "shorten it: text that is not all ASCII is stored as UTF-16, two bytes a character (four beyond "
    "U+FFFF), so about 32,000 characters fit";

}  // namespace

void ReportReader::check_pdf_text(std::string_view text, const SourceLocation& location,
                                  const std::string& what) {
  const std::size_t bytes = pdf_text_string_size(text);
  if (bytes <= kLongestPdfString) return;
  sink_.error(location,
              what + " would take " + with_thousands(bytes) + " bytes, over the PDF's limit of " +
                  with_thousands(kLongestPdfString) + " bytes for one string",
              kShortenPdfText);
}

void ReportReader::check_pdf_text_list(const std::vector<MetaText>& texts, const std::string& what) {
  // Measured piece by piece: the joined text is never made (thousands of keywords stay linear).
  bool ascii = true;
  std::size_t ascii_bytes = 0;
  std::size_t utf16_bytes = 2;  // the byte order mark
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::string_view piece :
         {i == 0 ? std::string_view() : kInfoListSeparator, std::string_view(texts[i].text)}) {
      ascii = ascii && is_printable_ascii(piece);
      ascii_bytes += piece.size();
      utf16_bytes += utf16_size(piece);
    }
    const std::size_t bytes = ascii ? ascii_bytes : utf16_bytes;
    if (bytes > kLongestPdfString) {
      sink_.error(texts[i].location,
                  what + " (joined with '" + std::string(kInfoListSeparator) + "') would take " +
                      with_thousands(bytes) + " bytes, over the PDF's limit of " +
                      with_thousands(kLongestPdfString) + " bytes for one string",
                  kShortenPdfText);
      return;
    }
  }
}

bool ReportReader::check_url(const std::string& url, const SourceLocation& location) {
  const bool ok = (url.starts_with("https://") || url.starts_with("http://")) && url.size() > 8 &&
                  url.find(' ') == std::string::npos;
  if (!ok) {
    sink_.error(location, "'" + url + "' is not a web address",
                "write it in full, e.g. https://www.example.com/");
  }
  return ok;
}

}  // namespace nashr
