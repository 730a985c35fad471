#pragma once
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/result.h"
#include "distribute/distribute.h"
#include "document/edition.h"

namespace nashr {

// Documented in `nashr --help` and docs/cli.md; CI scripts depend on these numbers.
enum class ExitCode : int {
  success = 0,
  input_errors = 1,    // the input has errors (diagnostics say where)
  usage = 2,           // the command line is wrong
  io_or_internal = 3,  // a file could not be read or written, or nashr itself failed
};

enum class Command { help, version, build, check, distribute, trace };

struct Options {
  Command command = Command::help;
  std::vector<std::string> inputs;
  std::string output_dir = "out";
  bool output_given = false;  // -o: distribute's default folder is "copies"
  DiagnosticFormat diagnostics = DiagnosticFormat::text;
  bool strict = false;
  bool timings = false;  // build: print each stage's wall time on stderr
  bool untagged = false;  // build: no structure tree nor marked content (docs/pdf.md, "Tagged PDF")
  unsigned jobs = 0;     // threads that read and set paragraphs; 0: one per core
  std::string dump;      // empty: write PDFs; else the stage whose text dump goes to stdout
  // distribute, trace, and build --subscribers (subscribers empty: no copies); the input, the
  // output folder and the threads come from the fields above.
  DistributeOptions distribute;
  std::vector<Edition> editions = {Edition::screen};  // build --edition screen,print,archive
};

// Takes distribute's and trace's options at arguments[i] (moving i past a value given apart). Sets
// `taken` when the argument was one of them; returns a usage error, or an empty string.
std::string take_distribute_option(const std::vector<std::string>& arguments, std::size_t& i, Options& options,
                                   bool& taken);
// The usage errors of a distribute, trace or build --subscribers command line, once it is read.
std::string check_distribute_options(Options& options);

// A usage error is a message for the user; the caller prints it with the usage text and exits 2.
Result<Options, std::string> parse_arguments(const std::vector<std::string>& arguments);

std::string usage_text();
std::string help_text();

}  // namespace nashr
