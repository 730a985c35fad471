#include "cli/cli.h"

#include <exception>
#include <ostream>

#include "base/diagnostics.h"
#include "base/version.h"
#include "cli/options.h"
#include "model/xml_source.h"

namespace nashr {

namespace {

int code(ExitCode exit_code) {
  return static_cast<int>(exit_code);
}

// Reads every input; a file that cannot be read is an I/O failure, malformed XML an input error.
ExitCode check_inputs(const Options& options, DiagnosticSink& sink) {
  bool io_failure = false;
  for (const std::string& input : options.inputs) {
    Result<XmlSource> source = parse_xml_file(input);
    if (!source) {
      io_failure = io_failure || source.error().location.line == 0;
      sink.report(source.error());
    }
  }
  if (io_failure) return ExitCode::io_or_internal;
  return sink.has_errors() ? ExitCode::input_errors : ExitCode::success;
}

ExitCode run_command(const Options& options, DiagnosticSink& sink) {
  const ExitCode checked = check_inputs(options, sink);
  if (checked != ExitCode::success || options.command == Command::check) return checked;
  sink.error({}, "typesetting is not part of this build yet",
             "use `nashr check` to validate reports until the layout stage lands");
  return ExitCode::io_or_internal;
}

}  // namespace

int run_cli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour) {
  Result<Options, std::string> parsed = parse_arguments(arguments);
  if (!parsed) {
    err << "nashr: " << parsed.error() << "\n"
        << usage_text() << "Try 'nashr --help' for more information.\n";
    return code(ExitCode::usage);
  }
  const Options& options = parsed.value();
  switch (options.command) {
    case Command::help: out << help_text(); return code(ExitCode::success);
    case Command::version: out << "nashr " << kVersion << "\n"; return code(ExitCode::success);
    case Command::build:
    case Command::check: break;
  }

  DiagnosticSink sink;
  sink.set_warnings_as_errors(options.strict);
  ExitCode result = ExitCode::io_or_internal;
  try {
    result = run_command(options, sink);
  } catch (const std::exception& e) {
    // Stages report through the sink; an exception here is our bug, not the user's input.
    sink.error({}, std::string("internal error: ") + e.what(), "please report this with the input file");
    result = ExitCode::io_or_internal;
  }
  print_diagnostics(err, sink.diagnostics(), options.diagnostics, colour);
  return code(result);
}

}  // namespace nashr
