#include "cli/options.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

#include "cli/workflow_commands.h"
#include "typeset/typeset.h"

namespace nashr {

namespace {

// Dumps that `build --dump=` knows; each stage adds its own as it lands.
const std::vector<std::string>& known_dumps() {
  return dump_names();
}

Failure<std::string> usage_error(std::string message) {
  return fail(std::move(message));
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// An option given with a command it does not go with, or empty.
std::string misplaced_option(const Options& options) {
  const bool build = options.command == Command::build;
  if (!options.dump.empty() && !build) return "--dump goes with build";
  if (options.timings && !build) return "--timings goes with build";
  if (options.untagged && !build) return "--untagged goes with build";
  if (options.editions != std::vector<Edition>{Edition::screen} && !build && options.command != Command::check) {
    return "--edition goes with build or check";
  }
  if (!options.distribute.subscribers.empty() && build &&
      std::find(options.editions.begin(), options.editions.end(), Edition::screen) == options.editions.end()) {
    return "--subscribers makes copies of the screen edition: add screen to --edition";
  }
  if (options.jobs != 0 && !build && options.command != Command::check && options.command != Command::distribute) {
    return "--jobs goes with build, check or distribute";
  }
  return {};
}

}  // namespace

std::string usage_text() {
  return "usage: nashr build [-o DIR] [--strict] [--diagnostics=FORMAT] [--dump=STAGE] [--timings]\n"
         "                   [-j N] [--edition LIST] [--untagged] FILE.xml...\n"
         "       nashr check [--strict] [--diagnostics=FORMAT] [-j N] [--edition LIST] FILE.xml...\n"
         "       nashr distribute ISSUE.pdf --subscribers FILE.csv [-o DIR] [--key-file K] [--keep-going]\n"
         "                   [--shard K/N] [--allow=LIST] [--user-password=column|derive|none]\n"
         "                   [--style STYLE] [--watermark] [-j N]\n"
         "       nashr trace LEAKED.pdf --subscribers FILE.csv [--key-file K]\n" +
         workflow_usage_text() +
         "       nashr --help | --version\n";
}

std::string help_text() {
  std::string text = "nashr: typesets XML reports mixing Persian and Latin text into PDF issues.\n\n" +
                     usage_text() +
                     "\n"
                     "commands:\n"
                     "  build FILE.xml...        typeset each report into DIR/<name>.pdf, several at once;\n"
                     "                           a folder stands for its *.xml files, 'a/*.xml' is expanded\n"
                     "  check FILE.xml...        read, validate and lint reports (and the styles they name,\n"
                     "                           or style sheets given directly) and lay reports out as\n"
                     "                           build does, without writing PDFs\n"
                     "  distribute ISSUE.pdf     one stamped, fingerprinted, AES-256 encrypted copy per\n"
                     "                           subscriber in DIR (default: copies), with DIR/manifest.json\n"
                     "  trace LEAKED.pdf         whose copy a PDF is, from its fingerprint\n"
                     "  new NAME                 write NAME.xml, a report skeleton with every part\n"
                     "                           commented, that builds as it is (--lang en|fa)\n"
                     "  render FILE.pdf          write pages as PNG: DIR/<name>-<page>.png (--pages A-B,\n"
                     "                           --dpi N, default 100)\n"
                     "  diff OLD.pdf NEW.pdf     the pages that differ: DIR/page-N.png with the changes\n"
                     "                           highlighted, the changed text; exit 0 same, 1 different\n"
                     "  watch FILE.xml           build, then rebuild on every change to the report, its\n"
                     "                           style or its images; the last good PDF stays on errors\n"
                     "\n"
                     "options:\n"
                     "  -o, --output DIR         where build writes (default: out)\n"
                     "      --strict             treat warnings as errors; report Persian normalisations\n"
                     "      --diagnostics=FORMAT text (default; file:line:col: error: ...), json, github\n"
                     "                           (GitHub Actions annotations) or sarif (SARIF 2.1.0)\n"
                     "      --dump=STAGE         print a stage's output as text instead of writing PDFs\n"
                     "                           (model, resolve, shape, lines or pages)\n"
                     "      --timings            print the time each stage took, per report, on stderr\n"
                     "      --untagged           no structure tree (the PDF is tagged by default)\n"
                     "  -j, --jobs N             threads that build reports, set paragraphs and write PDFs (default:\n"
                     "                           one per core; the PDF is the same for any number)\n"
                     "      --subscribers FILE   the subscribers CSV (id,name[,email,lang,password]); with\n"
                     "                           build, also writes the copies into DIR/<name>-copies/\n"
                     "      --key-file K         the publisher's key (else NASHR_PUBLISHER_KEY)\n"
                     "      --keep-going         write the good rows' copies when some rows have errors\n"
                     "      --shard K/N          only the K-th of N parts of the subscribers\n"
                     "      --allow=LIST         what copies allow: print,print-low,copy,annotate,forms,\n"
                     "                           assemble,modify or none (default: print)\n"
                     "      --user-password=SRC  column (default), derive (from key and id) or none\n"
                     "      --style STYLE        the issue's style, for the stamp's fonts (default: by language)\n"
                     "      --watermark          a diagonal watermark on every page when the style has none\n"
                     "      --edition LIST       the editions to write (check: to check for), comma-separated (default: screen):\n"
                     "                           screen (DIR/<name>.pdf), print (<name>.print.pdf: trim,\n"
                     "                           bleed, crop marks) and archive (<name>.archive.pdf: PDF/A-2u)\n"
                     "  -h, --help               show this help\n"
                     "      --version            show the version\n"
                     "\n"
                     "exit codes:\n"
                     "  0  success\n"
                     "  1  the input has errors (the diagnostics say where)\n"
                     "  2  usage error (the command line is wrong)\n"
                     "  3  a file could not be read or written, or an internal error\n";
  return text;
}

Result<Options, std::string> parse_arguments(const std::vector<std::string>& arguments) {
  Options options;
  bool have_command = false;
  bool only_files = false;  // after "--"
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (only_files || argument.empty() || argument[0] != '-' || argument == "-") {
      if (!have_command) {
        if (argument == "build") {
          options.command = Command::build;
        } else if (argument == "check") {
          options.command = Command::check;
        } else if (argument == "distribute") {
          options.command = Command::distribute;
        } else if (argument == "trace") {
          options.command = Command::trace;
        } else {
          return usage_error("unknown command '" + argument +
                             "' (expected build, check, distribute, trace, new, render, diff or watch)");
        }
        have_command = true;
      } else {
        options.inputs.push_back(argument);
      }
      continue;
    }
    bool taken = false;
    if (std::string error = take_distribute_option(arguments, i, options, taken); !error.empty()) {
      return usage_error(std::move(error));
    }
    if (taken) continue;
    if (argument == "--") {
      only_files = true;
    } else if (argument == "-h" || argument == "--help") {
      options.command = Command::help;
      return options;
    } else if (argument == "--version") {
      options.command = Command::version;
      return options;
    } else if (argument == "-o" || argument == "--output") {
      if (i + 1 >= arguments.size()) return usage_error(argument + " needs a folder");
      options.output_dir = arguments[++i];
      options.output_given = true;
    } else if (starts_with(argument, "--output=")) {
      options.output_dir = argument.substr(9);
      options.output_given = true;
    } else if (argument == "--untagged") {
      options.untagged = true;
    } else if (argument == "--strict") {
      options.strict = true;
    } else if (argument == "--timings") {
      options.timings = true;
    } else if (starts_with(argument, "-j") || argument == "--jobs" || starts_with(argument, "--jobs=")) {
      std::string value;
      if (starts_with(argument, "--jobs=")) {
        value = argument.substr(7);
      } else if (starts_with(argument, "-j") && argument.size() > 2) {
        value = argument.substr(2);  // -j4, as make takes it
      } else if (i + 1 < arguments.size()) {
        value = arguments[++i];
      }
      const auto [end, code] = std::from_chars(value.data(), value.data() + value.size(), options.jobs);
      if (value.empty() || code != std::errc() || end != value.data() + value.size() || options.jobs == 0 ||
          options.jobs > 256) {
        return usage_error(argument + " needs a number of threads from 1 to 256");
      }
    } else if (argument == "--edition" || starts_with(argument, "--edition=")) {
      std::string value = argument.size() > 9 ? argument.substr(10) : "";
      if (argument == "--edition" && i + 1 < arguments.size()) value = arguments[++i];
      std::optional<std::vector<Edition>> editions = parse_editions(value);
      if (!editions) return usage_error("--edition takes screen, print and archive, comma-separated, not '" + value + "'");
      options.editions = std::move(*editions);
    } else if (starts_with(argument, "--diagnostics=")) {
      const std::string format = argument.substr(14);
      if (format == "text") {
        options.diagnostics = DiagnosticFormat::text;
      } else if (format == "json") {
        options.diagnostics = DiagnosticFormat::json;
      } else if (format == "github") {
        options.diagnostics = DiagnosticFormat::github;
      } else if (format == "sarif") {
        options.diagnostics = DiagnosticFormat::sarif;
      } else {
        return usage_error("--diagnostics takes text, json, github or sarif, not '" + format + "'");
      }
    } else if (starts_with(argument, "--dump=")) {
      options.dump = argument.substr(7);
      bool known = false;
      std::string names;
      for (const std::string& dump : known_dumps()) {
        known = known || dump == options.dump;
        names += (names.empty() ? "" : ", ") + dump;
      }
      if (!known) {
        return usage_error("unknown dump '" + options.dump + "'" +
                           (names.empty() ? std::string(" (no stage offers a dump yet)")
                                          : " (expected one of: " + names + ")"));
      }
    } else {
      return usage_error("unknown option '" + argument + "'");
    }
  }
  if (!have_command) return usage_error("no command given");
  if (options.inputs.empty()) return usage_error("no input files given");
  if (std::string error = misplaced_option(options); !error.empty()) return usage_error(std::move(error));
  if (std::string error = check_distribute_options(options); !error.empty()) return usage_error(std::move(error));
  return options;
}

}  // namespace nashr
