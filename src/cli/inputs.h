#pragma once
// The files a command works on: each argument is a file, a folder (its *.xml files) or a glob
// pattern the shell left alone ('reports/*.xml'), expanded here in a stable order.
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace nashr {

struct ExpandedInputs {
  std::vector<std::string> files;  // in argument order; a folder's or pattern's files sorted by name
  bool io_failure = false;         // a folder could not be read, or a pattern or folder matched nothing
};

// A folder gives the *.xml files directly in it (not its subfolders); an argument holding * ? or [
// that is not an existing file is a pattern (glob(3)). A folder or pattern that gives no file is an
// error in `sink`. Other arguments pass through unchanged, so reading them reports what is wrong.
ExpandedInputs expand_inputs(const std::vector<std::string>& arguments, DiagnosticSink& sink);

}  // namespace nashr
