#pragma once
// The commands around a build that editors and CI use: new, render, diff, watch (issue 19). Each
// parses its own arguments, so they stay apart from build and check.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace nashr {

// Runs `arguments` when its first is one of these commands and returns the exit code; nullopt for
// any other command.
std::optional<int> run_workflow_command(const std::vector<std::string>& arguments, std::ostream& out,
                                        std::ostream& err, bool colour);

// `nashr new NAME [--lang fa|en]`: writes NAME.xml, a report skeleton that builds as it is.
int run_new(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour);

// `nashr render FILE.pdf [--pages A-B] [--dpi N] [-o DIR]`: PNG pages (src/preview/).
int run_render(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour);

// `nashr diff OLD.pdf NEW.pdf [-o DIR] [--dpi N]`: the pages that changed (src/preview/).
int run_diff(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour);

// `nashr watch FILE.xml [-o DIR] [build options]`: rebuilds on every change, until interrupted.
int run_watch(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour);

// The lines `nashr --help` shows for these commands.
std::string workflow_usage_text();

}  // namespace nashr
