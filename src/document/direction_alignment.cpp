#include "document/alignment.h"
#include "document/direction.h"

namespace nashr {

const char* to_string(Direction direction) {
  switch (direction) {
    case Direction::ltr: return "ltr";
    case Direction::rtl: return "rtl";
    case Direction::auto_detect: return "auto";
  }
  return "auto";
}

const char* to_string(Alignment alignment) {
  switch (alignment) {
    case Alignment::justify: return "justify";
    case Alignment::start: return "start";
    case Alignment::end: return "end";
    case Alignment::center: return "center";
  }
  return "?";
}

}  // namespace nashr
