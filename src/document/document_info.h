#pragma once
// The issue's metadata as the PDF's document information and XMP carry it.
#include <optional>
#include <string>

#include "locale/calendar.h"

namespace nashr {

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string language;                    // BCP 47, e.g. "en" or "fa"
  std::string issn;                        // e.g. "2975-0598"; goes into the metadata
  std::optional<CalendarDate> issue_date;  // Gregorian; the fallback for the PDF's dates
  // For the archive edition's XMP (PRISM): the issue's volume and number (0: not known).
  int volume = 0;
  int issue = 0;
};

}  // namespace nashr
