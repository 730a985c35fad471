#include "document/glyph.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <ostream>
#include <unordered_map>

namespace nashr {

namespace {

// Texts longer than a GlyphText holds inline: rare (a base with several marks), so one pool for
// the process, each text stored once and never freed.
class TextPool {
 public:
  std::uint32_t intern(std::string_view text) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto found = index_.find(text);
    if (found != index_.end()) return found->second;
    const auto index = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(text);
    index_.emplace(texts_.back(), index);
    return index;
  }

  std::string_view text(std::uint32_t index) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return texts_[index];  // deque elements never move
  }

 private:
  std::mutex mutex_;
  std::deque<std::string> texts_;
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

TextPool& pool() {
  static TextPool* instance = new TextPool;  // never destroyed: texts may be read at exit
  return *instance;
}

}  // namespace

void GlyphText::intern(std::string_view text) {
  const std::uint32_t index = pool().intern(text);
  if (index >= (1u << 24)) {
    // 16 million distinct texts of four or more bytes: not a report, a bug.
    std::fputs("nashr: internal error: too many distinct glyph texts\n", stderr);
    std::abort();
  }
  bytes_[0] = static_cast<char>(index & 0xFF);
  bytes_[1] = static_cast<char>((index >> 8) & 0xFF);
  bytes_[2] = static_cast<char>((index >> 16) & 0xFF);
  bytes_[kTag] = static_cast<char>(kInterned);
}

std::string_view GlyphText::view() const {
  const auto tag = static_cast<unsigned char>(bytes_[kTag]);
  if (tag != kInterned) return {bytes_.data(), tag};
  const auto byte = [this](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[i]));
  };
  return pool().text(byte(0) | (byte(1) << 8) | (byte(2) << 16));
}

std::ostream& operator<<(std::ostream& out, const GlyphText& text) {
  return out << text.view();
}

}  // namespace nashr
