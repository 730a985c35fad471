// The libqpdf side of subscriber copies (copy_pdf_api.h), built into the module nashr-qpdf.so:
// stamping, the XMP fingerprint, the /ID and AES-256 encryption, and reading a copy's identity back.
#include "distribute/copy_pdf_api.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <qpdf/RandomDataProvider.hh>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace nashr::copy_pdf {

namespace {

constexpr const char* kStampName = "/NashrStamp";
constexpr const char* kWatermarkName = "/NashrWatermark";
constexpr const char* kWatermarkStateName = "/NashrWatermarkAlpha";

// libqpdf's random bytes, per thread: SHA-256 of a per-copy seed and a counter while a copy is
// written on this thread, the system's otherwise (libqpdf takes one provider for the process).
struct SeededStream {
  bool seeded = false;
  Seed seed{};
  DigestFunction digest = nullptr;
  std::uint64_t counter = 0;
  Seed block{};
  std::size_t used = 32;
};
thread_local SeededStream t_stream;

class SeededRandom final : public RandomDataProvider {
 public:
  explicit SeededRandom(RandomDataProvider* system) : system_(system) {}
  void provideRandomData(unsigned char* data, size_t length) override {
    SeededStream& stream = t_stream;
    if (!stream.seeded) {
      system_->provideRandomData(data, length);
      return;
    }
    while (length > 0) {
      if (stream.used == stream.block.size()) {
        std::string input(reinterpret_cast<const char*>(stream.seed.data()), stream.seed.size());
        for (int shift = 0; shift < 64; shift += 8) input += static_cast<char>((stream.counter >> shift) & 0xFF);
        ++stream.counter;
        stream.digest(input.data(), input.size(), stream.block.data());
        stream.used = 0;
      }
      const std::size_t take = std::min(length, stream.block.size() - stream.used);
      std::memcpy(data, stream.block.data() + stream.used, take);
      stream.used += take;
      data += take;
      length -= take;
    }
  }

 private:
  RandomDataProvider* system_;
};

// Seeds this thread's random bytes for one copy; unseeds when it goes.
class SeedScope {
 public:
  SeedScope(const Seed& seed, DigestFunction digest) {
    static std::once_flag installed;
    std::call_once(installed, [] {
      static SeededRandom provider(QUtil::getRandomDataProvider());
      QUtil::setRandomDataProvider(&provider);
    });
    t_stream = SeededStream{true, seed, digest, 0, {}, 32};
  }
  ~SeedScope() { t_stream = SeededStream{}; }
  SeedScope(const SeedScope&) = delete;
  SeedScope& operator=(const SeedScope&) = delete;
};

void set_encryption(QPDFWriter& writer, const char* user_password, const CopySpec& spec);

}  // namespace

// The encryption of copies without a user password, made once per writer (a thread's) and copied
// into each: R6 derives the O, U, OE and UE values with slow hashing (64 rounds and more of SHA-2
// and AES, on purpose), most of a copy's time if done per copy. Sharing the file key between such
// copies gives nothing away: a copy without a user password opens for anyone, its key with it.
struct SharedEncryption {
  std::string settings;  // owner password and permissions it was made for
  std::string bytes;     // an empty PDF so encrypted
  std::unique_ptr<QPDF> pdf;
};

// One thread's parsed issue. (Not thread_local: a module's thread-local storage is dynamic, which
// LeakSanitizer's runtime in g++ 12 misreads, docs/testing.md.)
struct Writer {
  Writer(const std::string& issue_name, const std::string& issue_bytes) : name(issue_name), bytes(issue_bytes) {}
  const std::string& name;
  const std::string& bytes;
  std::unique_ptr<QPDF> parsed;
  int copies = 0;  // made from `parsed`
  SharedEncryption shared;
};

namespace {

QPDF& shared_encryption(SharedEncryption& shared, const CopySpec& spec) {
  if (shared.pdf && shared.settings == spec.encryption_settings) return *shared.pdf;
  {
    const SeedScope seeded(spec.shared_seed, spec.digest);
    QPDF empty;
    empty.emptyPDF();
    QPDFWriter writer(empty);
    writer.setOutputMemory();
    writer.setStaticID(true);
    set_encryption(writer, "", spec);
    writer.write();
    const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    shared.bytes.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  }
  shared.settings = spec.encryption_settings;
  shared.pdf = std::make_unique<QPDF>();
  shared.pdf->processMemoryFile("shared encryption", shared.bytes.data(), shared.bytes.size(),
                                spec.owner_password.c_str());
  return *shared.pdf;
}

// What a copy changes in the parsed issue: each dictionary entry it sets, with the value before
// (none: the key was absent), undone in reverse order once the copy is written.
class Changes {
 public:
  void remember(QPDFObjectHandle dictionary, const std::string& key) {
    QPDFObjectHandle before = dictionary.hasKey(key) ? dictionary.getKey(key) : QPDFObjectHandle();
    entries_.push_back({std::move(dictionary), key, std::move(before)});
  }
  void set(QPDFObjectHandle dictionary, const std::string& key, const QPDFObjectHandle& value) {
    remember(dictionary, key);
    dictionary.replaceKey(key, value);
  }
  void undo() {
    for (auto entry = entries_.rbegin(); entry != entries_.rend(); ++entry) {
      if (entry->before.isInitialized()) {
        entry->dictionary.replaceKey(entry->key, entry->before);
      } else {
        entry->dictionary.removeKey(entry->key);
      }
    }
    entries_.clear();
  }

 private:
  struct Entry {
    QPDFObjectHandle dictionary;
    std::string key;
    QPDFObjectHandle before;
  };
  std::vector<Entry> entries_;
};

// The issue's XMP with the fingerprint's description added, or a packet of its own.
void set_xmp(QPDF& copy, const std::string& description, Changes& changes) {
  QPDFObjectHandle root = copy.getRoot();
  std::string packet;
  QPDFObjectHandle metadata = root.getKey("/Metadata");
  if (metadata.isStream()) {
    const std::shared_ptr<Buffer> data = metadata.getStreamData(qpdf_dl_generalized);
    packet.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  }
  const std::size_t end = packet.rfind("</rdf:RDF>");
  if (end == std::string::npos) {
    packet = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
             description + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
  } else {
    packet.insert(end, description);
  }
  QPDFObjectHandle stream = copy.newStream(packet);
  stream.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  stream.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  changes.set(root, "/Metadata", stream);
}

// The page's resource dictionary of `kind` (/XObject, /ExtGState), made when it has none.
QPDFObjectHandle resources_of(QPDFPageObjectHelper& page, const char* kind, Changes& changes) {
  changes.remember(page.getObjectHandle(), "/Resources");  // getAttribute copies shared resources in
  QPDFObjectHandle resources = page.getAttribute("/Resources", true);
  if (!resources.isDictionary()) {
    resources = QPDFObjectHandle::newDictionary();
    changes.set(page.getObjectHandle(), "/Resources", resources);
  }
  QPDFObjectHandle dictionary = resources.getKey(kind);
  if (!dictionary.isDictionary()) {
    dictionary = QPDFObjectHandle::newDictionary();
    changes.set(resources, kind, dictionary);
  }
  return dictionary;
}

// "q /Alpha gs a b c d e f cm /Name Do Q": the watermark translucent, turned along the page's
// diagonal about its centre.
std::string watermark_placement(const QPDFObjectHandle::Rectangle& page, const QPDFObjectHandle::Rectangle& mark) {
  const double width = mark.urx - mark.llx, height = mark.ury - mark.lly;
  const double angle = std::atan2(page.ury - page.lly, page.urx - page.llx);
  const double c = std::cos(angle), s = std::sin(angle);
  const double cx = (page.llx + page.urx) / 2, cy = (page.lly + page.ury) / 2;
  const double tx = cx - (c * width / 2 - s * height / 2), ty = cy - (s * width / 2 + c * height / 2);
  char buffer[200];
  std::snprintf(buffer, sizeof buffer, "q %s gs %.5f %.5f %.5f %.5f %.3f %.3f cm %s Do Q\n", kWatermarkStateName, c,
                s, -s, c, tx, ty, kWatermarkName);
  return buffer;
}

// The strip in the bottom of every page's trim box, the watermark over the content (translucent:
// under it, the summary box's fill would hide it); the page's own content in q … Q so no state it
// leaves behind moves the stamp.
void place_stamp(QPDF& copy, QPDF& stamp, double watermark_opacity, Changes& changes) {
  std::vector<QPDFPageObjectHelper> stamp_pages = QPDFPageDocumentHelper(stamp).getAllPages();
  QPDFObjectHandle strip = copy.copyForeignObject(stamp_pages.at(0).getFormXObjectForPage());
  const QPDFObjectHandle::Rectangle strip_box = strip.getDict().getKey("/BBox").getArrayAsRectangle();
  QPDFObjectHandle watermark, alpha;
  QPDFObjectHandle::Rectangle watermark_box;
  if (stamp_pages.size() > 1) {
    watermark = copy.copyForeignObject(stamp_pages[1].getFormXObjectForPage());
    watermark_box = watermark.getDict().getKey("/BBox").getArrayAsRectangle();
    alpha = copy.makeIndirectObject(QPDFObjectHandle::parse(
        "<< /Type /ExtGState /ca " + QUtil::double_to_string(watermark_opacity, 3) + " >>"));
  }
  // Pages of one size share their streams: a 100-page copy gets three new objects, not 300.
  QPDFObjectHandle open = copy.newStream("q\n");
  // In a tagged issue (docs/pdf.md, "Tagged PDF") the strip and the watermark are artifacts.
  const bool tagged = copy.getRoot().hasKey("/StructTreeRoot");
  std::map<std::string, QPDFObjectHandle> shared;
  auto stream = [&](const std::string& content) {
    QPDFObjectHandle& object = shared[content];
    if (!object.isInitialized()) object = copy.newStream(content);
    return object;
  };
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(copy).getAllPages()) {
    const QPDFObjectHandle::Rectangle box = page.getTrimBox().getArrayAsRectangle();
    QPDFObjectHandle xobjects = resources_of(page, "/XObject", changes);
    changes.set(xobjects, kStampName, strip);
    const QPDFObjectHandle::Rectangle where(box.llx, box.lly, box.urx,
                                            box.lly + (strip_box.ury - strip_box.lly));
    changes.remember(page.getObjectHandle(), "/Contents");
    page.addPageContents(open, true);
    std::string close = "Q\n";
    if (tagged) close += "/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n";
    close += page.placeFormXObject(strip, kStampName, where);
    if (tagged) close += "EMC\n";
    if (watermark.isInitialized()) {
      changes.set(xobjects, kWatermarkName, watermark);
      changes.set(resources_of(page, "/ExtGState", changes), kWatermarkStateName, alpha);
      if (tagged) close += "/Artifact<</Type/Pagination/Subtype/Watermark>>BDC\n";
      close += watermark_placement(box, watermark_box);
      if (tagged) close += "EMC\n";
    }
    page.addPageContents(stream(close), false);
  }
}

qpdf_r3_print_e print_mode(PrintPermission print) {
  switch (print) {
    case PrintPermission::none: return qpdf_r3p_none;
    case PrintPermission::low: return qpdf_r3p_low;
    case PrintPermission::full: return qpdf_r3p_full;
  }
  return qpdf_r3p_full;
}

void set_encryption(QPDFWriter& writer, const char* user_password, const CopySpec& spec) {
  const Permissions& permissions = spec.permissions;
  writer.setR6EncryptionParameters(user_password, spec.owner_password.c_str(), true, permissions.copy,
                                   permissions.assemble, permissions.annotate, permissions.forms,
                                   permissions.modify, print_mode(permissions.print), true);
}

std::string xml_element(const std::string& packet, const std::string& name) {
  // (Built with append: g++ 12 warns falsely on `"<" + string` under -O2, -Wrestrict.)
  std::string open(1, '<'), close("</");
  open.append(name).append(1, '>');
  close.append(name).append(1, '>');
  const std::size_t begin = packet.find(open);
  if (begin == std::string::npos) return {};
  const std::size_t end = packet.find(close, begin);
  if (end == std::string::npos) return {};
  return packet.substr(begin + open.size(), end - begin - open.size());
}

void read_issue(const std::string& name, const std::string& bytes, IssueFacts& out) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(name.c_str(), bytes.data(), bytes.size());
    if (pdf.isEncrypted()) {
      out.encrypted = true;
      return;
    }
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    QPDFObjectHandle producer = info.isDictionary() ? info.getKey("/Producer") : QPDFObjectHandle();
    if (producer.isString()) out.producer = producer.getUTF8Value();
    QPDFObjectHandle lang = pdf.getRoot().getKey("/Lang");
    out.language = lang.isString() ? lang.getUTF8Value() : "en";
    QPDFObjectHandle created = info.isDictionary() ? info.getKey("/CreationDate") : QPDFObjectHandle();
    if (created.isString()) out.creation_date = created.getStringValue();
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) {
      out.encrypted = true;
    } else {
      out.problem = e.what();
    }
  } catch (const std::exception& e) {
    out.problem = e.what();
  }
}

Writer* open_writer(const std::string& name, const std::string& bytes) { return new Writer(name, bytes); }

void close_writer(Writer* writer) { delete writer; }

// The copy's changes are undone once it is written, so every copy has the bytes it would have from
// a fresh parse; the objects a copy adds stay behind, unreachable, until the issue is parsed again
// after kCopiesPerParse copies: that bounds the memory.
bool write_copy(Writer* writer, const CopySpec& spec, std::string& out, std::string& error) {
  try {
    Changes changes;
    if (!writer->parsed || writer->copies == kCopiesPerParse) {
      writer->parsed.reset();
      auto parsed = std::make_unique<QPDF>();
      parsed->setSuppressWarnings(true);
      parsed->processMemoryFile(writer->name.c_str(), writer->bytes.data(), writer->bytes.size());
      writer->parsed = std::move(parsed);
      writer->copies = 0;
    }
    ++writer->copies;
    QPDF& copy = *writer->parsed;
    QPDF stamp;
    stamp.setSuppressWarnings(true);
    stamp.processMemoryFile("stamp", spec.stamp_pdf.data(), spec.stamp_pdf.size());
    place_stamp(copy, stamp, spec.watermark_opacity, changes);
    set_xmp(copy, spec.xmp_description, changes);
    const QPDFObjectHandle id = QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
        QPDFObjectHandle::newString(spec.first_id), QPDFObjectHandle::newString(spec.first_id)});
    changes.set(copy.getTrailer(), "/ID", id);
    QPDF* shared = spec.user_password.empty() ? &shared_encryption(writer->shared, spec) : nullptr;
    const SeedScope seed(spec.copy_seed, spec.digest);
    QPDFWriter pdf_writer(copy);
    pdf_writer.setOutputMemory();
    pdf_writer.setStaticID(true);  // the first /ID is the fingerprint (kept from the trailer)
    // The issue's streams go through as they are (nashr compressed them already); by default
    // libqpdf inflates and deflates every one again, most of a 100-page copy's time.
    pdf_writer.setDecodeLevel(qpdf_dl_none);
    if (shared != nullptr) {
      shared->getTrailer().replaceKey("/ID", id);  // copyEncryptionParameters takes the first /ID from it
      pdf_writer.copyEncryptionParameters(*shared);
    } else {
      set_encryption(pdf_writer, spec.user_password.c_str(), spec);
    }
    pdf_writer.write();
    const std::shared_ptr<Buffer> buffer = pdf_writer.getBufferSharedPointer();
    changes.undo();
    out.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    return true;
  } catch (const std::exception& e) {
    writer->parsed.reset();  // half changed: the next copy parses the issue again
    error = e.what();
    return false;
  }
}

void read_identity(const std::string& bytes, const std::string& name, const std::string& owner_password,
                   CopyIdentity& identity) {
  identity = CopyIdentity{};
  for (const std::string* password : {&owner_password, static_cast<const std::string*>(nullptr)}) {
    try {
      QPDF pdf;
      pdf.setSuppressWarnings(true);
      pdf.processMemoryFile(name.c_str(), bytes.data(), bytes.size(), password ? password->c_str() : nullptr);
      QPDFObjectHandle id = pdf.getTrailer().getKey("/ID");
      if (id.isArray() && id.getArrayNItems() > 0 && id.getArrayItem(0).isString()) {
        identity.first_id = id.getArrayItem(0).getStringValue();
      }
      QPDFObjectHandle metadata = pdf.getRoot().getKey("/Metadata");
      if (metadata.isStream()) {
        const std::shared_ptr<Buffer> data = metadata.getStreamData(qpdf_dl_generalized);
        const std::string packet(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        identity.xmp_fingerprint = xml_element(packet, "nashr:Fingerprint");
        identity.xmp_copy_mark = xml_element(packet, "nashr:Copy");
      }
      identity.opened = true;
      identity.error.clear();
      return;
    } catch (const std::exception& e) {
      identity.error = e.what();
    }
  }
}

constexpr CopyPdfApi kApi{read_issue, open_writer, close_writer, write_copy, read_identity};

}  // namespace

}  // namespace nashr::copy_pdf

extern "C" __attribute__((visibility("default"))) const nashr::copy_pdf::CopyPdfApi* nashr_copy_pdf_api() {
  return &nashr::copy_pdf::kApi;
}
