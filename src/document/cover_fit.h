#pragma once
// Placing a picture so that it covers a frame (CSS's object-fit: cover): the cover's art, and the
// print edition's same art widened into the bleed.
#include <algorithm>

#include "document/geometry.h"

namespace nashr {

// The rectangle of a picture of `aspect` (width / height) scaled to cover `frame` and centred on
// it: what falls outside the frame is cropped by a clip.
inline Rect cover_fit(const Rect& frame, double aspect) {
  const double scale = std::max(frame.width / aspect, frame.height);  // the picture's height
  const double width = scale * aspect;
  return {frame.x + (frame.width - width) / 2, frame.y + (frame.height - scale) / 2, width, scale};
}

}  // namespace nashr
