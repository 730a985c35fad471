#include "text/styled_paragraph.h"

namespace nashr {

const char* to_string(TextDirection direction) {
  switch (direction) {
    case TextDirection::ltr: return "ltr";
    case TextDirection::rtl: return "rtl";
    case TextDirection::auto_: return "auto";
  }
  return "auto";
}

}  // namespace nashr
