#include "pdf/file_id.h"

#include <xxhash.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <new>

#include "pdf/text_encoding.h"

namespace nashr {

namespace {

struct Xxh3StateDeleter {
  void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};

// XXH3-128 over pieces of a file, in order.
class Xxh3 {
 public:
  Xxh3() : state_(XXH3_createState()) {
    if (!state_) throw std::bad_alloc();
    XXH3_128bits_reset(state_.get());
  }
  void update(const void* data, std::size_t size) { XXH3_128bits_update(state_.get(), data, size); }
  FileDigest finish() {
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_.get()));
    FileDigest digest{};
    static_assert(sizeof canonical.digest == digest.size());
    std::copy(std::begin(canonical.digest), std::end(canonical.digest), digest.begin());
    return digest;
  }

 private:
  std::unique_ptr<XXH3_state_t, Xxh3StateDeleter> state_;
};

}  // namespace

Result<SavedPdf> find_id_placeholders(std::string bytes, std::string date) {
  const std::string placeholder = '<' + std::string(kIdLength * 2, '0') + '>';
  const std::size_t id_key = bytes.rfind("/ID");
  const std::size_t first = id_key == std::string::npos ? id_key : bytes.find(placeholder, id_key);
  const std::size_t second = first == std::string::npos ? first : bytes.find(placeholder, first + 1);
  if (second == std::string::npos) {
    return fail(make_error({}, "cannot write the PDF: the trailer ID placeholder is missing (a bug in the writer)"));
  }
  return SavedPdf{std::move(bytes), first + 1, second + 1, std::move(date)};
}

// The pieces between the dates, and zeros for the dates (pdf_date's "D:" is nowhere else in the
// file, so the occurrences never overlap).
FileDigest blanked_digest(std::string_view bytes, std::string_view date) {
  Xxh3 digest;
  std::size_t hashed = 0;
  if (!date.empty()) {
    const std::string zeros(date.size(), '0');
    for (std::size_t at = bytes.find(date); at != std::string_view::npos; at = bytes.find(date, at + date.size())) {
      digest.update(bytes.data() + hashed, at - hashed);
      digest.update(zeros.data(), zeros.size());
      hashed = at + date.size();
    }
  }
  digest.update(bytes.data() + hashed, bytes.size() - hashed);
  return digest.finish();
}

void set_id(SavedPdf& pdf, const FileDigest& digest) {
  const std::string digits = hex({reinterpret_cast<const char*>(digest.data()), digest.size()});
  pdf.bytes.replace(pdf.first_id, digits.size(), digits);
  pdf.bytes.replace(pdf.second_id, digits.size(), digits);
}

}  // namespace nashr
