#include "distribute/copy_writer.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <qpdf/RandomDataProvider.hh>

#include <cmath>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>

#include "base/file_io.h"

namespace nashr {

namespace {

constexpr const char* kXmpNamespace = "urn:nashr:distribute:1";
constexpr const char* kStampName = "/NashrStamp";
constexpr const char* kWatermarkName = "/NashrWatermark";
constexpr const char* kWatermarkStateName = "/NashrWatermarkAlpha";

// libqpdf's random bytes, per thread: SHA-256 of a per-copy seed and a counter while a copy is
// written on this thread, the system's otherwise (libqpdf takes one provider for the process).
struct SeededStream {
  bool seeded = false;
  Sha256Digest seed{};
  std::uint64_t counter = 0;
  Sha256Digest block{};
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
        stream.block = sha256(input);
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
  explicit SeedScope(const Sha256Digest& seed) {
    static std::once_flag installed;
    std::call_once(installed, [] {
      static SeededRandom provider(QUtil::getRandomDataProvider());
      QUtil::setRandomDataProvider(&provider);
    });
    t_stream = SeededStream{true, seed, 0, {}, 32};
  }
  ~SeedScope() { t_stream = SeededStream{}; }
  SeedScope(const SeedScope&) = delete;
  SeedScope& operator=(const SeedScope&) = delete;
};

// The encryption of copies without a user password, made once per thread and copied into each:
// R6 derives the O, U, OE and UE values with slow hashing (64 rounds and more of SHA-2 and AES, on
// purpose), most of a copy's time if done per copy. Sharing the file key between such copies gives
// nothing away: a copy without a user password opens for anyone, its key with it.
struct SharedEncryption {
  std::string settings;  // owner password and permissions it was made for
  std::string bytes;     // an empty PDF so encrypted
  std::unique_ptr<QPDF> pdf;
};
thread_local SharedEncryption t_shared;

void set_encryption(QPDFWriter& writer, const char* user_password, const PublisherKey& key,
                    const Permissions& permissions);

QPDF& shared_encryption(const PublisherKey& key, const Permissions& permissions) {
  std::string settings = key.owner_password;
  settings.append(1, '\0').append(to_string(permissions));
  if (t_shared.pdf && t_shared.settings == settings) return *t_shared.pdf;
  {
    std::string seed = "nashr shared file key";
    seed.append(1, '\0').append(settings);
    const SeedScope seeded(hmac_sha256(key.secret, seed));
    QPDF empty;
    empty.emptyPDF();
    QPDFWriter writer(empty);
    writer.setOutputMemory();
    writer.setStaticID(true);
    set_encryption(writer, "", key, permissions);
    writer.write();
    const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    t_shared.bytes.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  }
  t_shared.settings = std::move(settings);
  t_shared.pdf = std::make_unique<QPDF>();
  t_shared.pdf->processMemoryFile("shared encryption", t_shared.bytes.data(), t_shared.bytes.size(),
                                  key.owner_password.c_str());
  return *t_shared.pdf;
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

std::string fingerprint_xmp(const std::string& fingerprint, const std::string& copy_mark) {
  return std::string("<rdf:Description rdf:about=\"\" xmlns:nashr=\"") + kXmpNamespace + "\">\n" +
         "<nashr:Fingerprint>" + fingerprint + "</nashr:Fingerprint>\n" + "<nashr:Copy>" + copy_mark +
         "</nashr:Copy>\n</rdf:Description>\n";
}

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

void set_encryption(QPDFWriter& writer, const char* user_password, const PublisherKey& key,
                    const Permissions& permissions) {
  writer.setR6EncryptionParameters(user_password, key.owner_password.c_str(), true, permissions.copy,
                                   permissions.assemble, permissions.annotate, permissions.forms,
                                   permissions.modify, print_mode(permissions.print), true);
}

std::optional<CalendarDate> pdf_date_day(const std::string& date) {
  // D:YYYYMMDD…
  if (date.size() < 10 || date.compare(0, 2, "D:") != 0) return std::nullopt;
  for (std::size_t i = 2; i < 10; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
  }
  CalendarDate day{std::stoi(date.substr(2, 4)), std::stoi(date.substr(6, 2)), std::stoi(date.substr(8, 2))};
  if (!is_valid_gregorian_date(day)) return std::nullopt;
  return day;
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

}  // namespace

std::string to_string(const Permissions& p) {
  std::string out = p.print == PrintPermission::full ? "print" : p.print == PrintPermission::low ? "print-low" : "";
  const std::pair<bool, const char*> others[] = {
      {p.copy, "copy"}, {p.annotate, "annotate"}, {p.forms, "forms"}, {p.assemble, "assemble"}, {p.modify, "modify"}};
  for (const auto& [allowed, name] : others) {
    if (!allowed) continue;
    if (!out.empty()) out += ',';
    out += name;
  }
  return out.empty() ? "none" : out;
}

Result<IssuePdf> open_issue(const std::string& path) {
  IssuePdf issue;
  issue.path = path;
  Result<std::string> bytes = read_file(path);
  if (!bytes) return fail(bytes.error());
  issue.bytes = std::move(*bytes);
  const std::string hint = "distribute an issue as nashr built it: nashr build -o out REPORT.xml";
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(path.c_str(), issue.bytes.data(), issue.bytes.size());
    if (pdf.isEncrypted()) {
      return fail(make_error({path, 1, 1}, "the issue is encrypted already", hint));
    }
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    QPDFObjectHandle producer = info.isDictionary() ? info.getKey("/Producer") : QPDFObjectHandle();
    const std::string name = producer.isString() ? producer.getUTF8Value() : std::string();
    if (name.rfind("nashr ", 0) != 0) {
      return fail(make_error({path, 1, 1}, "this PDF was not written by nashr (its producer is '" + name + "')", hint));
    }
    QPDFObjectHandle lang = pdf.getRoot().getKey("/Lang");
    issue.language = lang.isString() ? lang.getUTF8Value() : "en";
    QPDFObjectHandle created = info.getKey("/CreationDate");
    if (created.isString()) issue.creation_date = pdf_date_day(created.getStringValue());
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) {
      return fail(make_error({path, 1, 1}, "the issue is encrypted already", hint));
    }
    return fail(make_error({path, 1, 1}, std::string("not a PDF libqpdf can read: ") + e.what(), hint));
  } catch (const std::exception& e) {
    return fail(make_error({path, 1, 1}, std::string("not a PDF libqpdf can read: ") + e.what(), hint));
  }
  issue.sha256 = to_hex(sha256(issue.bytes));
  return issue;
}

struct CopyWriter::Parsed {
  QPDF pdf;
  int copies = 0;
};

CopyWriter::CopyWriter(const IssuePdf& issue) : issue_(issue) {}
CopyWriter::~CopyWriter() = default;
CopyWriter::CopyWriter(CopyWriter&&) noexcept = default;

Result<std::string> CopyWriter::make_copy(const CopyRequest& request, const PublisherKey& key,
                                          const Permissions& permissions) {
  try {
    Changes changes;
    if (!parsed_ || parsed_->copies == kCopiesPerParse) {
      parsed_.reset();
      auto parsed = std::make_unique<Parsed>();
      parsed->pdf.setSuppressWarnings(true);
      parsed->pdf.processMemoryFile(issue_.path.c_str(), issue_.bytes.data(), issue_.bytes.size());
      parsed_ = std::move(parsed);
    }
    ++parsed_->copies;
    QPDF& copy = parsed_->pdf;
    QPDF stamp;
    stamp.setSuppressWarnings(true);
    stamp.processMemoryFile("stamp", request.stamp_pdf.data(), request.stamp_pdf.size());
    place_stamp(copy, stamp, request.watermark_opacity, changes);
    set_xmp(copy, fingerprint_xmp(to_hex(request.fingerprint), request.copy_mark), changes);
    const std::string first_id(reinterpret_cast<const char*>(request.fingerprint.data()), 16);
    const QPDFObjectHandle id = QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
        QPDFObjectHandle::newString(first_id), QPDFObjectHandle::newString(first_id)});
    changes.set(copy.getTrailer(), "/ID", id);
    QPDF* shared = request.user_password.empty() ? &shared_encryption(key, permissions) : nullptr;
    std::string seed_input = "nashr encryption";
    seed_input.append(1, '\0').append(issue_.sha256).append(1, '\0').append(request.copy_mark);
    const SeedScope seed(hmac_sha256(key.secret, seed_input));
    QPDFWriter writer(copy);
    writer.setOutputMemory();
    writer.setStaticID(true);  // the first /ID is the fingerprint (kept from the trailer)
    // The issue's streams go through as they are (nashr compressed them already); by default
    // libqpdf inflates and deflates every one again, most of a 100-page copy's time.
    writer.setDecodeLevel(qpdf_dl_none);
    if (shared != nullptr) {
      shared->getTrailer().replaceKey("/ID", id);  // copyEncryptionParameters takes the first /ID from it
      writer.copyEncryptionParameters(*shared);
    } else {
      set_encryption(writer, request.user_password.c_str(), key, permissions);
    }
    writer.write();
    const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    changes.undo();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const std::exception& e) {
    parsed_.reset();  // half changed: the next copy parses the issue again
    return fail(make_error({issue_.path}, std::string("cannot write the copy for ") + request.subscriber_id + ": " +
                                              e.what()));
  }
}

CopyIdentity read_copy_identity(const std::string& bytes, const std::string& name, const PublisherKey& key) {
  CopyIdentity identity;
  for (const std::string* password : {&key.owner_password, static_cast<const std::string*>(nullptr)}) {
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
      return identity;
    } catch (const std::exception& e) {
      identity.error = e.what();
    }
  }
  return identity;
}

}  // namespace nashr
