#pragma once
// English hyphenation: Liang's patterns (hyph_en_US.dic from Debian's hyphen-en-us, the patterns
// LibreOffice uses) through libhyphen, found at run time (hyphenation_dirs()), with the answers
// cached per word and thread. docs/layout.md, "Hyphenation", gives the rules.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nashr {

// At least this many letters before a hyphen and after it (TeX's \lefthyphenmin, \righthyphenmin
// for English).
inline constexpr int kHyphenMinBefore = 2;
inline constexpr int kHyphenMinAfter = 3;

// The folders searched for hyphenation patterns, in order: each of data_dirs()'s "hyphen" folder,
// then /usr/share/hyphen (where Debian's hyphen-* packages put them).
std::vector<std::filesystem::path> hyphenation_dirs();

// Where a word (ASCII letters, any case) may take a hyphen: offsets 0 < p < word.size() with at
// least kHyphenMinBefore letters before and kHyphenMinAfter after. Empty when the word has none or
// the patterns could not be loaded (english_hyphenation_available()).
const std::vector<std::uint8_t>& english_hyphen_points(std::u16string_view word);

// Whether hyph_en_US.dic was found and loaded (once per process), and where it was looked for.
bool english_hyphenation_available();
std::string english_hyphenation_searched();

// Loads the patterns on a worker of the pool, from construction on, while the caller reads its
// report (with `threads` > 1; the load takes 10 ms, a fifth of a 2-page issue's build, and would
// otherwise fall between resolve and the text stages on one core). The destructor waits for a
// load under way, and cancels one no worker has begun: nothing of it outlives the report's build.
class EnglishHyphenationPreload {
 public:
  explicit EnglishHyphenationPreload(unsigned threads);
  ~EnglishHyphenationPreload();
  EnglishHyphenationPreload(const EnglishHyphenationPreload&) = delete;
  EnglishHyphenationPreload& operator=(const EnglishHyphenationPreload&) = delete;

 private:
  bool started_ = false;
};

}  // namespace nashr
