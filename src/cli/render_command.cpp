// `nashr render FILE.pdf [--pages A-B] [--dpi N] [-o DIR]`.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <charconv>
#include <ostream>
#include <string>

#include "base/diagnostics.h"
#include "cli/options.h"
#include "cli/workflow_commands.h"
#include "preview/render.h"

namespace nashr {

namespace {

bool parse_number(const std::string& text, int& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

// "3" or "1-3" or "2-" (to the end).
bool parse_pages(const std::string& text, RenderOptions& options) {
  const std::size_t dash = text.find('-');
  if (dash == std::string::npos) {
    if (!parse_number(text, options.first_page)) return false;
    options.last_page = options.first_page;
  } else {
    if (!parse_number(text.substr(0, dash), options.first_page)) return false;
    const std::string last = text.substr(dash + 1);
    options.last_page = 0;
    if (!last.empty() && !parse_number(last, options.last_page)) return false;
    if (options.last_page != 0 && options.last_page < options.first_page) return false;
  }
  return options.first_page >= 1;
}

int usage(std::ostream& err, const std::string& message) {
  err << "nashr: " << message << "\nusage: nashr render FILE.pdf [--pages A-B] [--dpi N] [-o DIR]\n";
  return static_cast<int>(ExitCode::usage);
}

}  // namespace

int run_render(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour) {
  RenderOptions options;
  std::string input;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if (argument == "--pages" && has_value) {
      if (!parse_pages(arguments[++i], options)) return usage(err, "--pages takes N, A-B or A- (pages from 1)");
    } else if (argument == "--dpi" && has_value) {
      int dpi = 0;
      if (!parse_number(arguments[++i], dpi) || dpi < 10 || dpi > 1200) return usage(err, "--dpi takes 10 to 1200");
      options.dpi = dpi;
    } else if ((argument == "-o" || argument == "--output") && has_value) {
      options.output_dir = arguments[++i];
    } else if (!argument.empty() && argument[0] == '-') {
      return usage(err, "unknown option or missing value '" + argument + "' for render");
    } else if (input.empty()) {
      input = argument;
    } else {
      return usage(err, "render takes one PDF");
    }
  }
  if (input.empty()) return usage(err, "render needs a PDF");
  Result<RenderedPages> rendered = render(input, options);
  if (!rendered) {
    err << format_diagnostic(rendered.error(), colour);
    return static_cast<int>(rendered.error().location.line == 0 ? ExitCode::io_or_internal : ExitCode::input_errors);
  }
  for (const auto& file : rendered->files) out << file.string() << '\n';
  return static_cast<int>(ExitCode::success);
}

}  // namespace nashr
