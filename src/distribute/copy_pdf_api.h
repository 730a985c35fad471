#pragma once
// The table of functions the libqpdf module (nashr-qpdf.so, base/loadable_module.h) gives the copy
// writer. copy_pdf.cpp, built into the module, is the only file of this folder that includes
// libqpdf; copy_writer.cpp calls it through this table and keeps on its side everything libqpdf
// does not do (digests and seeds, dates, diagnostics). Plain types only: the module links nothing
// of nashr's.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nashr {

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

// What a PDF's metadata says about its fingerprint, for trace and for resuming.
struct CopyIdentity {
  bool opened = false;           // libqpdf read it (with the owner password when encrypted)
  std::string first_id;          // the trailer's first /ID string, raw
  std::string xmp_fingerprint;   // hex; empty when the XMP has none
  std::string xmp_copy_mark;     // hex; empty when none
  std::string error;             // why it could not be opened
};

namespace copy_pdf {

// The issue is parsed again after this many copies (copy_writer.h, CopyWriter).
inline constexpr int kCopiesPerParse = 32;

// What the issue says of itself, as libqpdf reads it.
struct IssueFacts {
  std::string problem;        // why libqpdf cannot read it; empty when it can
  bool encrypted = false;
  std::string producer;       // the Info /Producer, UTF-8
  std::string language;       // the catalog's /Lang ("en" when it has none)
  std::string creation_date;  // the Info /CreationDate as written; empty when none
};

using Seed = std::array<std::uint8_t, 32>;
// nashr's SHA-256 of `size` bytes at `bytes` into `digest` (32 bytes).
using DigestFunction = void (*)(const char* bytes, std::size_t size, std::uint8_t* digest);

// One copy. libqpdf's random bytes (the file key, salts, AES IVs) while it is written are
// SHA-256(seed + counter) blocks: `shared_seed` for the encryption that copies without a user
// password share (made once per thread and `encryption_settings`), `copy_seed` for the copy's own.
struct CopySpec {
  std::string_view stamp_pdf;     // page 1 the strip, page 2 the watermark if any
  double watermark_opacity = 0.2;
  std::string xmp_description;    // the rdf:Description added to the XMP
  std::string first_id;           // 16 bytes: both strings of the trailer's /ID
  std::string user_password;      // empty: the copy opens without one
  std::string owner_password;
  Permissions permissions;
  std::string encryption_settings;  // the owner password and permissions, as a key for the shared encryption
  Seed shared_seed{};
  Seed copy_seed{};
  DigestFunction digest = nullptr;
};

// One thread's parsed issue, owned by the module.
struct Writer;

struct CopyPdfApi {
  void (*read_issue)(const std::string& name, const std::string& bytes, IssueFacts& out);
  // `name` and `bytes` must outlive the writer.
  Writer* (*open_writer)(const std::string& name, const std::string& bytes);
  void (*close_writer)(Writer* writer);
  // The copy's bytes in `out`; false with libqpdf's reason in `error`.
  bool (*write_copy)(Writer* writer, const CopySpec& spec, std::string& out, std::string& error);
  // `bytes` opened with `owner_password`, then with none.
  void (*read_identity)(const std::string& bytes, const std::string& name, const std::string& owner_password,
                        CopyIdentity& out);
};

// The module's entry function for this table (base/loadable_module.h, module_api).
inline constexpr const char* kApiSymbol = "nashr_copy_pdf_api";

}  // namespace copy_pdf

}  // namespace nashr
