#pragma once
// One subscriber's copy of an issue, through libqpdf (this folder is a PDF folder, as src/pdf/ is;
// libqpdf is in the module nashr-qpdf.so, called through copy_pdf_api.h):
// the stamp's page placed as a form XObject in the bottom strip of every page (and the watermark,
// when asked, over the content and translucent), the fingerprint in the XMP metadata and the trailer's first /ID,
// AES-256 encryption (PDF 2.0, R6) with the owner password of the publisher's key.
//
// Copies are reproducible: libqpdf's random bytes (the file key, salts, AES IVs) come from a
// generator seeded per copy with HMAC-SHA256(publisher key, issue digest + subscriber), and the
// writer's second /ID is its fixed one; so the same issue, subscriber, key, options and stamp date
// give the same bytes, while nothing in them can be predicted without the key.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "distribute/copy_pdf_api.h"
#include "distribute/publisher_key.h"
#include "locale/calendar.h"

namespace nashr {

// The issue PDF, read and checked once for all its copies.
struct IssuePdf {
  std::string path;
  std::string bytes;
  std::string sha256;  // hex, of the bytes
  std::string language;  // the catalog's /Lang ("en" when it has none)
  std::optional<CalendarDate> creation_date;  // the Info /CreationDate's day
};

// Reads the issue; fails (located at the file) when it is not a PDF, not one nashr wrote, or
// already encrypted.
Result<IssuePdf> open_issue(const std::string& path);

// "print,copy": the allowed ones, for the copy mark and messages.
std::string to_string(const Permissions& permissions);

struct CopyRequest {
  std::string subscriber_id;
  std::string stamp_pdf;      // make_stamp_pdf's bytes: page 1 the strip, page 2 the watermark if any
  std::string user_password;  // empty: the copy opens without one
  Sha256Digest fingerprint;   // subscriber_fingerprint
  std::string copy_mark;      // hex; in the XMP, so a later run knows the copy for what it is
  double watermark_opacity = 0.2;  // of stamp_pdf's second page, when it has one
};

// Makes copies of one issue on one thread. The issue is parsed once for many copies: each copy's
// changes (the pages' contents and resources, the XMP, the /ID) are undone once it is written, so
// every copy has the bytes it would have from a fresh parse. The objects a copy adds stay behind,
// unreachable, until the issue is parsed again after kCopiesPerParse copies: that bounds the memory.
class CopyWriter {
 public:
  static constexpr int kCopiesPerParse = copy_pdf::kCopiesPerParse;

  explicit CopyWriter(const IssuePdf& issue);  // `issue` must outlive the writer
  ~CopyWriter();
  CopyWriter(CopyWriter&&) noexcept;
  CopyWriter& operator=(CopyWriter&&) = delete;

  // The copy's bytes.
  Result<std::string> make_copy(const CopyRequest& request, const PublisherKey& key, const Permissions& permissions);

 private:
  struct Module;
  const IssuePdf& issue_;
  std::unique_ptr<Module> module_;  // the module's writer, opened at the first copy
};

// Reads `bytes` (a copy, or any PDF), trying the owner password of `key` and then none; not opened,
// with the reason, when libqpdf's module does not load.
CopyIdentity read_copy_identity(const std::string& bytes, const std::string& name, const PublisherKey& key);

}  // namespace nashr
