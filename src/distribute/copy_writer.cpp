// The nashr side of subscriber copies: what libqpdf does is in the module nashr-qpdf.so
// (copy_pdf.cpp, through copy_pdf_api.h); the seeds, the XMP's text, dates and diagnostics are here.
#include "distribute/copy_writer.h"

#include <algorithm>

#include "base/file_io.h"
#include "base/loadable_module.h"

namespace nashr {

namespace {

constexpr const char* kXmpNamespace = "urn:nashr:distribute:1";

// Loaded by the first issue opened or copy read; never unloaded.
const ModuleApi<copy_pdf::CopyPdfApi>& copy_pdf_api() {
  static const ModuleApi<copy_pdf::CopyPdfApi> loaded =
      module_api<copy_pdf::CopyPdfApi>(kQpdfModule, copy_pdf::kApiSymbol);
  return loaded;
}

Diagnostic module_missing(const std::string& path) {
  return make_error({path}, "cannot read or write PDFs: libqpdf's module did not load (" + copy_pdf_api().failure + ")",
                    module_missing_hint(kQpdfModule));
}

void sha256_into(const char* bytes, std::size_t size, std::uint8_t* digest) {
  const Sha256Digest hash = sha256(std::string_view(bytes, size));
  std::copy(hash.begin(), hash.end(), digest);
}

std::string fingerprint_xmp(const std::string& fingerprint, const std::string& copy_mark) {
  return std::string("<rdf:Description rdf:about=\"\" xmlns:nashr=\"") + kXmpNamespace + "\">\n" +
         "<nashr:Fingerprint>" + fingerprint + "</nashr:Fingerprint>\n" + "<nashr:Copy>" + copy_mark +
         "</nashr:Copy>\n</rdf:Description>\n";
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
  const copy_pdf::CopyPdfApi* api = copy_pdf_api().api;
  if (api == nullptr) return fail(module_missing(path));
  const std::string hint = "distribute an issue as nashr built it: nashr build -o out REPORT.xml";
  copy_pdf::IssueFacts facts;
  api->read_issue(path, issue.bytes, facts);
  if (facts.encrypted) return fail(make_error({path, 1, 1}, "the issue is encrypted already", hint));
  if (!facts.problem.empty()) {
    return fail(make_error({path, 1, 1}, "not a PDF libqpdf can read: " + facts.problem, hint));
  }
  if (facts.producer.rfind("nashr ", 0) != 0) {
    return fail(
        make_error({path, 1, 1}, "this PDF was not written by nashr (its producer is '" + facts.producer + "')", hint));
  }
  issue.language = facts.language;
  if (!facts.creation_date.empty()) issue.creation_date = pdf_date_day(facts.creation_date);
  issue.sha256 = to_hex(sha256(issue.bytes));
  return issue;
}

struct CopyWriter::Module {
  const copy_pdf::CopyPdfApi* api = nullptr;
  copy_pdf::Writer* writer = nullptr;
  ~Module() {
    if (writer != nullptr) api->close_writer(writer);
  }
};

CopyWriter::CopyWriter(const IssuePdf& issue) : issue_(issue) {}
CopyWriter::~CopyWriter() = default;
CopyWriter::CopyWriter(CopyWriter&&) noexcept = default;

Result<std::string> CopyWriter::make_copy(const CopyRequest& request, const PublisherKey& key,
                                          const Permissions& permissions) {
  if (!module_) {
    const copy_pdf::CopyPdfApi* api = copy_pdf_api().api;
    if (api == nullptr) return fail(module_missing(issue_.path));
    module_ = std::make_unique<Module>();
    module_->api = api;
    module_->writer = api->open_writer(issue_.path, issue_.bytes);
  }
  copy_pdf::CopySpec spec;
  spec.stamp_pdf = request.stamp_pdf;
  spec.watermark_opacity = request.watermark_opacity;
  spec.xmp_description = fingerprint_xmp(to_hex(request.fingerprint), request.copy_mark);
  spec.first_id.assign(reinterpret_cast<const char*>(request.fingerprint.data()), 16);
  spec.user_password = request.user_password;
  spec.owner_password = key.owner_password;
  spec.permissions = permissions;
  spec.encryption_settings = key.owner_password;
  spec.encryption_settings.append(1, '\0').append(to_string(permissions));
  std::string shared_seed = "nashr shared file key";
  shared_seed.append(1, '\0').append(spec.encryption_settings);
  spec.shared_seed = hmac_sha256(key.secret, shared_seed);
  std::string copy_seed = "nashr encryption";
  copy_seed.append(1, '\0').append(issue_.sha256).append(1, '\0').append(request.copy_mark);
  spec.copy_seed = hmac_sha256(key.secret, copy_seed);
  spec.digest = sha256_into;
  std::string bytes, error;
  if (!module_->api->write_copy(module_->writer, spec, bytes, error)) {
    return fail(make_error({issue_.path}, "cannot write the copy for " + request.subscriber_id + ": " + error));
  }
  return bytes;
}

CopyIdentity read_copy_identity(const std::string& bytes, const std::string& name, const PublisherKey& key) {
  CopyIdentity identity;
  const copy_pdf::CopyPdfApi* api = copy_pdf_api().api;
  if (api == nullptr) {
    identity.error = "libqpdf's module did not load (" + copy_pdf_api().failure + ")";
    return identity;
  }
  api->read_identity(bytes, name, key.owner_password, identity);
  return identity;
}

}  // namespace nashr
