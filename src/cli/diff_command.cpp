// `nashr diff OLD.pdf NEW.pdf [-o DIR] [--dpi N]`: exit 0 identical pages, 1 different.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <algorithm>
#include <charconv>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include "base/diagnostics.h"
#include "cli/options.h"
#include "cli/workflow_commands.h"
#include "preview/diff.h"

namespace nashr {

namespace {

int usage(std::ostream& err, const std::string& message) {
  err << "nashr: " << message << "\nusage: nashr diff OLD.pdf NEW.pdf [-o DIR] [--dpi N]\n";
  return static_cast<int>(ExitCode::usage);
}

const char* change_name(PageChange change) {
  switch (change) {
    case PageChange::changed: return "changed";
    case PageChange::added: return "added";
    case PageChange::removed: return "removed";
  }
  return "changed";
}

// "page 2: changed, 1840 pixels (DIR/page-2.png)" and the page's changed lines under it; then
// "nashr: 2 of 12 pages differ (old 11 pages, new 12)".
std::string describe(const PdfDiff& diff) {
  std::ostringstream text;
  for (const ChangedPage& page : diff.pages) {
    text << "page " << page.page << ": " << change_name(page.change) << ", " << page.changed_pixels << " pixels ("
         << page.png.string() << ")\n";
    for (const std::string& line : page.text_lines) text << "  " << line << '\n';
  }
  const int pages = std::max(diff.old_pages, diff.new_pages);
  if (diff.identical()) {
    text << "nashr: the " << pages << " pages are identical\n";
  } else {
    text << "nashr: " << diff.pages.size() << " of " << pages << " pages differ (old " << diff.old_pages
         << " pages, new " << diff.new_pages << ")\n";
  }
  return text.str();
}

}  // namespace

int run_diff(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour) {
  DiffOptions options;
  std::vector<std::string> inputs;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if ((argument == "-o" || argument == "--output") && has_value) {
      options.output_dir = arguments[++i];
    } else if (argument == "--dpi" && has_value) {
      const std::string& value = arguments[++i];
      int dpi = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), dpi);
      if (error != std::errc() || end != value.data() + value.size() || dpi < 10 || dpi > 600) {
        return usage(err, "--dpi takes 10 to 600");
      }
      options.dpi = dpi;
    } else if (!argument.empty() && argument[0] == '-') {
      return usage(err, "unknown option or missing value '" + argument + "' for diff");
    } else {
      inputs.push_back(argument);
    }
  }
  if (inputs.size() != 2) return usage(err, "diff takes two PDFs, the old and the new");
  Result<PdfDiff> diff = diff_pdfs(inputs[0], inputs[1], options);
  if (!diff) {
    // Exit 1 means "different" here: a file that is not a readable PDF is exit 3.
    err << format_diagnostic(diff.error(), colour);
    return static_cast<int>(ExitCode::io_or_internal);
  }
  const std::string report = describe(*diff);
  out << report;
  std::ofstream(options.output_dir / "changes.txt") << report;
  return static_cast<int>(diff->identical() ? ExitCode::success : ExitCode::input_errors);
}

}  // namespace nashr
