#include "pdf/file_id.h"

#include <nettle/md5.h>

#include <algorithm>
#include <array>

#include "base/thread_pool.h"
#include "pdf/text_encoding.h"

namespace nashr {

namespace {

// Nettle's MD5 (nettle is a small library of its own: libqpdf's, through GnuTLS, would load
// GnuTLS and a dozen more libraries into every run, measured in bench/README.md).
class Md5 {
 public:
  Md5() { md5_init(&context_); }
  void update(const void* data, std::size_t size) {
    md5_update(&context_, size, static_cast<const std::uint8_t*>(data));
  }
  Md5Digest finish() {
    Md5Digest digest{};
    md5_digest(&context_, digest.size(), digest.data());
    return digest;
  }

 private:
  md5_ctx context_;
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

// The pieces between the dates, and zeros for the dates. The occurrences never overlap (pdf_date's
// "D:" is nowhere else in the file), so each piece of the file finds its own.
Md5Digest blanked_md5(std::string_view bytes, std::size_t begin, std::size_t end, std::string_view date) {
  Md5 md5;
  std::size_t hashed = begin;
  if (!date.empty()) {
    const std::string zeros(date.size(), '0');
    // Where an occurrence that reaches into [begin, end) can start and end.
    const std::size_t from = begin >= date.size() ? begin - (date.size() - 1) : 0;
    const std::string_view near = bytes.substr(from, std::min(bytes.size(), end + date.size() - 1) - from);
    for (std::size_t at = near.find(date); at != std::string_view::npos;
         at = near.find(date, at + date.size())) {
      const std::size_t blank_begin = std::max(from + at, begin);
      const std::size_t blank_end = std::min(from + at + date.size(), end);
      if (blank_end <= blank_begin) continue;  // wholly before `begin` or after `end`
      md5.update(bytes.data() + hashed, blank_begin - hashed);
      md5.update(zeros.data(), blank_end - blank_begin);
      hashed = blank_end;
    }
  }
  md5.update(bytes.data() + hashed, end - hashed);
  return md5.finish();
}

Md5Digest digest_of_digests(const Md5Digest& first, const Md5Digest& second) {
  Md5 md5;
  md5.update(first.data(), first.size());
  md5.update(second.data(), second.size());
  return md5.finish();
}

Md5Digest content_digest(const SavedPdf& pdf, unsigned threads) {
  const std::size_t bounds[3] = {0, id_half(pdf), pdf.bytes.size()};
  std::array<Md5Digest, 2> halves{};
  run_tasks(halves.size(), std::min(thread_count(threads), 2u), [&](std::size_t half, unsigned) {
    halves[half] = blanked_md5(pdf.bytes, bounds[half], bounds[half + 1], pdf.date);
  });
  return digest_of_digests(halves[0], halves[1]);
}

void set_id(SavedPdf& pdf, const Md5Digest& digest) {
  const std::string digits = hex({reinterpret_cast<const char*>(digest.data()), digest.size()});
  pdf.bytes.replace(pdf.first_id, digits.size(), digits);
  pdf.bytes.replace(pdf.second_id, digits.size(), digits);
}

}  // namespace nashr
