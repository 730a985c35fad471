#pragma once
// The issue's metadata as the PDF's document information and XMP carry it.
#include <optional>
#include <string>
#include <string_view>

#include "locale/calendar.h"

namespace nashr {

// Between the authors, and between the keywords, in `author` and `keywords`.
inline constexpr std::string_view kInfoListSeparator = ", ";

struct DocumentInfo {
  std::string title;
  std::string author;  // the authors, joined with kInfoListSeparator
  std::string subject;
  std::string keywords;                    // joined with kInfoListSeparator
  std::string language;                    // BCP 47, e.g. "en" or "fa"
  std::string issn;                        // e.g. "2975-0598"; goes into the metadata
  std::optional<CalendarDate> issue_date;  // Gregorian; the fallback for the PDF's dates
  // For the archive edition's XMP (PRISM): the issue's volume and number (0: not known).
  int volume = 0;
  int issue = 0;
};

}  // namespace nashr
