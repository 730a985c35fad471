#include "linebreak/hyphenation.h"

#include <hyphen.h>

#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "base/data_dirs.h"
#include "base/thread_pool.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kLongestWord = 63;  // longer "words" are codes or run-together text
constexpr std::size_t kCacheLimit = 200000;

struct HyphenDictFree {
  void operator()(HyphenDict* dict) const { hnj_hyphen_free(dict); }
};
using HyphenDictPtr = std::unique_ptr<HyphenDict, HyphenDictFree>;

struct EnglishPatterns {
  HyphenDictPtr dict;
  std::string searched;
};

// libhyphen keeps no state between calls, but it does not promise to be thread-safe.
std::mutex hyphenate_mutex;

EnglishPatterns load_english_patterns() {
  EnglishPatterns loaded;
  std::error_code error;
  for (const fs::path& dir : hyphenation_dirs()) {
    const fs::path file = dir / "hyph_en_US.dic";
    if (!loaded.searched.empty()) loaded.searched += ", ";
    loaded.searched += file.string();
    if (!fs::is_regular_file(file, error)) continue;
    loaded.dict.reset(hnj_hyphen_load(file.c_str()));
    if (loaded.dict) break;
  }
  return loaded;
}

// Loaded once and never freed: freeing libhyphen's tables at exit took 4.7 M instructions, 3 % of a
// two-page build, after its PDF was written (bench/README.md, "The two-page build's fixed costs").
EnglishPatterns& english_patterns() {
  static EnglishPatterns* const patterns = new EnglishPatterns(load_english_patterns());
  return *patterns;
}

struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::u16string_view word) const { return std::hash<std::u16string_view>{}(word); }
};

std::vector<std::uint8_t> hyphenate(std::u16string_view word) {
  std::vector<std::uint8_t> points;
  EnglishPatterns& patterns = english_patterns();
  if (!patterns.dict || word.size() > kLongestWord) return points;
  char lower[kLongestWord + 1];
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char16_t c = word[i];
    lower[i] = static_cast<char>(c >= u'A' && c <= u'Z' ? c - u'A' + u'a' : c);
  }
  char hyphens[kLongestWord + 5] = {};
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  {
    const std::lock_guard lock(hyphenate_mutex);
    hnj_hyphen_hyphenate3(patterns.dict.get(), lower, static_cast<int>(word.size()), hyphens, nullptr, &rep, &pos,
                          &cut, kHyphenMinBefore, kHyphenMinAfter, kHyphenMinBefore, kHyphenMinAfter);
  }
  // English patterns have no non-standard (replacing) hyphenation; if a dictionary had, such a
  // point is left out rather than drawn wrongly.
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    const std::size_t after = i + 1;
    const bool replaced = rep != nullptr && rep[i] != nullptr;
    if ((hyphens[i] & 1) != 0 && !replaced && after >= static_cast<std::size_t>(kHyphenMinBefore) &&
        word.size() - after >= static_cast<std::size_t>(kHyphenMinAfter)) {
      points.push_back(static_cast<std::uint8_t>(after));
    }
  }
  if (rep != nullptr) {
    for (std::size_t i = 0; i < word.size(); ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return points;
}

}  // namespace

std::vector<fs::path> hyphenation_dirs() {
  std::vector<fs::path> dirs;
  for (const fs::path& dir : data_dirs()) dirs.push_back(dir / "hyphen");
  dirs.emplace_back("/usr/share/hyphen");
  return dirs;
}

const std::vector<std::uint8_t>& english_hyphen_points(std::u16string_view word) {
  // Per thread: the text stages set paragraphs on the pool's threads, and words repeat.
  thread_local std::unordered_map<std::u16string, std::vector<std::uint8_t>, WordHash, std::equal_to<>> cache;
  if (const auto found = cache.find(word); found != cache.end()) return found->second;
  if (cache.size() >= kCacheLimit) cache.clear();
  return cache.emplace(std::u16string(word), hyphenate(word)).first->second;
}

bool english_hyphenation_available() {
  return english_patterns().dict != nullptr;
}

std::string english_hyphenation_searched() {
  return english_patterns().searched;
}

namespace {

// Where the preload is: posted and not yet begun (a build that ends then cancels it: the patterns
// were not needed), loading, or over. Never destroyed: a worker may still hold it at exit.
struct PreloadState {
  enum class Step { posted, loading, over };
  std::mutex mutex;
  std::condition_variable over;
  Step step = Step::posted;
};

PreloadState& preload_state() {
  static PreloadState* const state = new PreloadState();
  return *state;
}

void preload() {
  PreloadState& state = preload_state();
  {
    const std::lock_guard lock(state.mutex);
    if (state.step != PreloadState::Step::posted) return;
    state.step = PreloadState::Step::loading;
  }
  try {
    english_patterns();
  } catch (...) {  // out of memory: whoever needs the patterns loads them again and reports it
  }
  {
    const std::lock_guard lock(state.mutex);
    state.step = PreloadState::Step::over;
  }
  state.over.notify_all();
}

}  // namespace

EnglishHyphenationPreload::EnglishHyphenationPreload(unsigned threads) {
  if (thread_count(threads) < 2) return;
  started_ = true;
  static std::once_flag posted;
  std::call_once(posted, [threads] { run_later(preload, thread_count(threads)); });
}

EnglishHyphenationPreload::~EnglishHyphenationPreload() {
  if (!started_) return;
  PreloadState& state = preload_state();
  std::unique_lock lock(state.mutex);
  if (state.step == PreloadState::Step::posted) {  // no worker has begun it: nothing to wait for
    state.step = PreloadState::Step::over;
    return;
  }
  state.over.wait(lock, [&] { return state.step == PreloadState::Step::over; });
}

}  // namespace nashr
