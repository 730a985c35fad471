// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string>

#include "base/diagnostics.h"
#include "cli/new_report_templates.h"
#include "cli/options.h"
#include "cli/workflow_commands.h"

namespace nashr {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string xml_escape(const std::string& text) {
  return replace_all(replace_all(replace_all(text, "&", "&amp;"), "<", "&lt;"), ">", "&gt;");
}

// "annual-review" → "annual review": the report's title until the editor writes one.
std::string title_from(const std::filesystem::path& file) {
  std::string title = file.stem().string();
  for (char& c : title) {
    if (c == '-' || c == '_') c = ' ';
  }
  return title.empty() ? "New Report" : title;
}

int usage(std::ostream& err, const std::string& message) {
  err << "nashr: " << message << "\nusage: nashr new NAME [--lang en|fa]\n";
  return static_cast<int>(ExitCode::usage);
}

}  // namespace

int run_new(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour) {
  std::string name, lang = "en";
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--lang" && i + 1 < arguments.size()) {
      lang = arguments[++i];
    } else if (argument.rfind("--lang=", 0) == 0) {
      lang = argument.substr(7);
    } else if (!argument.empty() && argument[0] == '-') {
      return usage(err, "unknown option '" + argument + "' for new");
    } else if (name.empty()) {
      name = argument;
    } else {
      return usage(err, "new takes one name");
    }
  }
  if (name.empty()) return usage(err, "new needs a name");
  if (lang != "en" && lang != "fa") return usage(err, "--lang takes en or fa, not '" + lang + "'");
  std::filesystem::path file(name);
  if (file.extension() != ".xml") file += ".xml";

  std::string text = lang == "fa" ? kNewReportPersian : kNewReportEnglish;
  // The file's name goes into a comment, where "--" may not appear.
  const std::string shown = file.string().find("--") == std::string::npos ? file.string() : "THIS-FILE.xml";
  text = replace_all(replace_all(text, "@FILE@", shown), "@TITLE@", xml_escape(title_from(file)));

  // O_EXCL: an existing file (or a link planted there) is never overwritten.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int error = errno;
    const Diagnostic diagnostic =
        error == EEXIST ? make_error({file.string()}, "already exists; nashr new does not overwrite it",
                                     "choose another name, or remove the file first")
                        : make_error({file.string()}, std::string("cannot create the file: ") + std::strerror(error),
                                     "check that its folder exists and is writable");
    err << format_diagnostic(diagnostic, colour);
    return static_cast<int>(error == EEXIST ? ExitCode::input_errors : ExitCode::io_or_internal);
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool closed = ::close(fd) == 0;
  if (written != text.size() || !closed) {
    std::filesystem::remove(file);
    err << format_diagnostic(make_error({file.string()}, "cannot write the file", "check the disk's free space"), colour);
    return static_cast<int>(ExitCode::io_or_internal);
  }
  out << "nashr: wrote " << file.string() << "; build it with: nashr build -o out " << file.string() << "\n";
  return static_cast<int>(ExitCode::success);
}

}  // namespace nashr
