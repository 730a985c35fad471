// Names of the breaker's enums and the text dump of its result (format_line_breaks), for golden
// tests and --dump=lines.
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string_view>

#include "linebreak/line_breaker.h"

namespace nashr {

const char* to_string(BreakMethod method) {
  switch (method) {
    case BreakMethod::total_fit: return "total-fit";
    case BreakMethod::total_fit_retry: return "total-fit-retry";
    case BreakMethod::first_fit: return "first-fit";
    case BreakMethod::empty: return "empty";
  }
  return "?";
}

const char* to_string(FitnessClass fitness) {
  switch (fitness) {
    case FitnessClass::tight: return "tight";
    case FitnessClass::decent: return "decent";
    case FitnessClass::loose: return "loose";
    case FitnessClass::very_loose: return "very-loose";
  }
  return "?";
}

std::string dump_number(double value, int precision) {
  if (std::abs(value) < 0.5 * std::pow(10.0, -precision)) value = 0;  // no "-0.000"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", precision, value);
  return buffer;
}

std::string format_line_breaks(std::span<const BreakItem> items, const LineBreaks& breaks,
                               std::span<const std::string> labels) {
  std::string out;
  const auto put = [&out](std::initializer_list<std::string_view> parts) {
    for (const std::string_view part : parts) out.append(part);
  };
  put({"method ", to_string(breaks.method), ", ", std::to_string(breaks.lines.size()), " lines, demerits ",
       dump_number(breaks.total_demerits, 1), "\n"});
  for (std::size_t n = 0; n < breaks.lines.size(); ++n) {
    const BrokenLine& line = breaks.lines[n];
    put({"line ",      std::to_string(n + 1),
         ": [",        std::to_string(line.begin),
         ",",          std::to_string(line.end),
         ") width ",   dump_number(line.natural_width, 3),
         "/",          dump_number(line.target_width, 3),
         " ratio ",    dump_number(line.adjustment_ratio, 3),
         " space ",    dump_number(line.space_ratio, 3),
         " kashida ",  dump_number(line.kashida_width, 3),
         " fill ",     dump_number(line.fill_width, 3),
         " offset ",   dump_number(line.start_offset, 3),
         " badness ",  dump_number(line.badness, 1),
         " ",          to_string(line.fitness),
         " demerits ", dump_number(line.demerits, 1)});
    if (line.overfull) put({" OVERFULL"});
    if (line.underfull) put({" UNDERFULL"});
    put({" |"});
    for (std::size_t i = line.begin; i < line.end; ++i) {
      const BreakItem& item = items[i];
      if (item.kind == BreakItemKind::box) {
        if (i < labels.size()) {
          put({labels[i]});
        } else {
          put({"[", dump_number(item.width, 2), "]"});
        }
      } else if (item.kind == BreakItemKind::glue) {
        if (item.breakable) put({" "});
        if (!item.breakable && item.kashida_stretch > 0) put({"~"});
      }
    }
    if (line.penalty_width > 0) put({"-"});
    put({"|\n"});
  }
  for (const OverlongBox& box : breaks.overlong_boxes) {
    put({"overlong box ", std::to_string(box.item), ": width ", dump_number(box.width, 3), " > ",
         dump_number(box.available, 3), "\n"});
  }
  return out;
}

}  // namespace nashr
