#include "cli/workflow_commands.h"

namespace nashr {

std::optional<int> run_workflow_command(const std::vector<std::string>& arguments, std::ostream& out,
                                        std::ostream& err, bool colour) {
  if (arguments.empty()) return std::nullopt;
  const std::string& command = arguments.front();
  if (command == "new") return run_new(arguments, out, err, colour);
  if (command == "render") return run_render(arguments, out, err, colour);
  if (command == "diff") return run_diff(arguments, out, err, colour);
  if (command == "watch") return run_watch(arguments, out, err, colour);
  return std::nullopt;
}

std::string workflow_usage_text() {
  return "       nashr new NAME [--lang en|fa]\n"
         "       nashr render FILE.pdf [--pages A-B] [--dpi N] [-o DIR]\n"
         "       nashr diff OLD.pdf NEW.pdf [-o DIR] [--dpi N]\n"
         "       nashr watch FILE.xml [-o DIR] [--strict] [--diagnostics=FORMAT] [-j N]\n";
}

}  // namespace nashr
