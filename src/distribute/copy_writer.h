#pragma once
// One subscriber's copy of an issue, through libqpdf (this folder is a PDF folder, as src/pdf/ is):
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

enum class PrintPermission { none, low, full };

// What a subscriber may do with a copy (the owner password allows everything). Text extraction
// for accessibility is always allowed (PDF 2.0 deprecates refusing it).
struct Permissions {
  PrintPermission print = PrintPermission::full;
  bool copy = false;      // extract text and images
  bool annotate = false;  // comments and form fields
  bool forms = false;     // fill in forms
  bool assemble = false;  // insert, rotate, delete pages
  bool modify = false;    // anything else
};

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
  static constexpr int kCopiesPerParse = 32;

  explicit CopyWriter(const IssuePdf& issue);  // `issue` must outlive the writer
  ~CopyWriter();
  CopyWriter(CopyWriter&&) noexcept;
  CopyWriter& operator=(CopyWriter&&) = delete;

  // The copy's bytes.
  Result<std::string> make_copy(const CopyRequest& request, const PublisherKey& key, const Permissions& permissions);

 private:
  struct Parsed;
  const IssuePdf& issue_;
  std::unique_ptr<Parsed> parsed_;
};

// What a PDF's metadata says about its fingerprint, for trace and for resuming.
struct CopyIdentity {
  bool opened = false;           // libqpdf read it (with the owner password when encrypted)
  std::string first_id;          // the trailer's first /ID string, raw
  std::string xmp_fingerprint;   // hex; empty when the XMP has none
  std::string xmp_copy_mark;     // hex; empty when none
  std::string error;             // why it could not be opened
};

// Reads `bytes` (a copy, or any PDF), trying the owner password of `key` and then none.
CopyIdentity read_copy_identity(const std::string& bytes, const std::string& name, const PublisherKey& key);

}  // namespace nashr
