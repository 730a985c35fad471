#include "resolve/block_builder.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "locale/persian_text.h"

namespace nashr::resolving {

void BlockBuilder::append(std::string_view text, const RunStyle& run, const SourceLocation& location) {
  if (text.empty()) return;
  const std::size_t begin = block_.paragraph.text.size();
  block_.paragraph.text += text;
  const std::size_t end = block_.paragraph.text.size();
  if (!styles_.empty() && styles_.back() == run && block_.paragraph.spans.back().end == begin) {
    block_.paragraph.spans.back().end = end;
    return;
  }
  StyledSpan span;
  span.begin = begin;
  span.end = end;
  span.language = run.language.empty() ? "und" : run.language;
  span.isolation = run.isolation;
  span.isolate_group = run.isolation == SpanIsolation::none ? -1 : run.isolate_group;
  span.font_size = run.face.size;
  span.fonts = chains(run.face, run.language);
  span.location = location;
  const Color colour = run.link >= 0 ? kLinkColor : run.face.colour;
  span.look = look_of(run.link, colour);
  span.url = run.url;
  block_.paragraph.spans.push_back(std::move(span));
  block_.settings.span_colors.push_back(colour);
  if (run.rise != 0) {
    block_.settings.span_rises.resize(block_.paragraph.spans.size(), 0);
    block_.settings.span_rises.back() = run.rise;
  }
  styles_.push_back(run);
}

std::uint32_t BlockBuilder::look_of(int link, const Color& colour) {
  const auto found = std::find(looks_.begin(), looks_.end(), std::make_pair(link, colour));
  if (found != looks_.end()) return static_cast<std::uint32_t>(found - looks_.begin());
  looks_.emplace_back(link, colour);
  return static_cast<std::uint32_t>(looks_.size() - 1);
}

TextBlock BlockBuilder::finish(double width, double leading) {
  block_.settings.width = std::max(0.0, width);
  block_.leading = leading;
  // Links per span, trailing non-links dropped.
  for (std::size_t i = 0; i < styles_.size(); ++i) {
    if (styles_[i].link < 0) continue;
    block_.links.resize(i + 1);
    block_.links[i] = links_[static_cast<std::size_t>(styles_[i].link)];
  }
  return std::move(block_);
}

FontChains BlockBuilder::shared(std::vector<FontChain> chains) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::weak_ptr<const std::vector<FontChain>>> known;
  std::string key;
  for (const FontChain& chain : chains) {
    key += chain.script;
    key.append(reinterpret_cast<const char*>(&chain.size_adjust), sizeof chain.size_adjust);
    for (const std::filesystem::path& path : chain.fonts) key.append(1, '\0').append(path.native());
    key += '\1';
  }
  const std::lock_guard<std::mutex> lock(mutex);
  std::weak_ptr<const std::vector<FontChain>>& slot = known[key];
  std::shared_ptr<const std::vector<FontChain>> list = slot.lock();
  if (!list) {
    list = std::make_shared<const std::vector<FontChain>>(std::move(chains));
    slot = list;
  }
  return FontChains(std::move(list));
}

FontChains BlockBuilder::chains(const Face& face, const std::string& language) const {
  const bool persian = is_persian_language(language) || language.rfind("ar", 0) == 0;
  const ChainKey key{face.role, face.weight, face.slant, persian};
  const auto cached = chain_cache_.find(key);
  if (cached != chain_cache_.end()) return cached->second;
  FontChains built = build_chains(face, persian);
  chain_cache_.emplace(key, built);
  return built;
}

namespace {

// Arabic script has no italic. Emphasis takes the role's Arabic face marked slant="italic" when the
// style sheet gives one (a medium weight, say), else the bold face: what Persian publishers use.
const FontFace& arabic_face(const RoleStyle& role, const Face& face) {
  if (face.slant == FontSlant::italic) {
    for (const FontFace& candidate : role.arabic) {
      if (candidate.slant == FontSlant::italic && candidate.weight == face.weight) return candidate;
    }
    return role.face(Script::arabic, FontWeight::bold, FontSlant::upright);
  }
  return role.face(Script::arabic, face.weight, FontSlant::upright);
}

}  // namespace

FontChains BlockBuilder::build_chains(const Face& face, bool persian) const {
  const RoleStyle& role = style_.role(face.role);
  const FontFace& arabic = arabic_face(role, face);
  const FontFace& latin = role.face(Script::latin, face.weight, face.slant);
  auto paths = [&](const FontFace& f) {
    std::vector<std::filesystem::path> out;
    for (const std::string& file : f.files) out.push_back(style_.fonts_dir / file);
    return out;
  };
  std::vector<std::filesystem::path> any = paths(persian ? arabic : latin);
  for (const std::filesystem::path& path : paths(persian ? latin : arabic)) {
    if (std::find(any.begin(), any.end(), path) == any.end()) any.push_back(path);
  }
  // Latin inside Persian text takes the Persian face's own Latin first (Vazirmatn has one), so an
  // e-mail or "SCO" in a Persian sentence matches the letters around it (issue 17: Noto Serif
  // next to sans Vazirmatn looked heavier and larger); the Latin faces are its fallbacks.
  std::vector<std::filesystem::path> latin_paths = persian ? any : paths(latin);
  return shared({FontChain{"Arab", paths(arabic), role.arabic_size_adjust},
                 FontChain{"Latn", std::move(latin_paths), role.latin_size_adjust}, FontChain{"*", std::move(any)}});
}

SpanIsolation to_isolation(Direction direction) {
  switch (direction) {
    case Direction::ltr: return SpanIsolation::ltr;
    case Direction::rtl: return SpanIsolation::rtl;
    case Direction::auto_detect: return SpanIsolation::first_strong;
  }
  return SpanIsolation::first_strong;
}

std::string language_or(const std::string& lang, const std::string& fallback) {
  return lang.empty() ? (fallback.empty() ? std::string("und") : fallback) : lang;
}

double leading_for(const RoleStyle& role, double size) {
  return role.size > 0 ? role.leading * size / role.size : size * 1.2;
}

}  // namespace nashr::resolving
