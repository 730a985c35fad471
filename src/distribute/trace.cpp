#include "distribute/trace.h"

#include "base/file_io.h"
#include "distribute/copy_writer.h"
#include "distribute/publisher_key.h"

namespace nashr {

Result<TraceResult> trace(const std::string& pdf, const std::string& subscribers, const std::string& key_file,
                          DiagnosticSink& sink) {
  Result<PublisherKey> key = read_publisher_key(key_file, sink);
  if (!key) return fail(key.error());
  Result<SubscriberList> list = read_subscribers(subscribers, sink);
  if (!list) return fail(list.error());
  Result<std::string> bytes = read_file(pdf);
  if (!bytes) return fail(bytes.error());
  const CopyIdentity identity = read_copy_identity(*bytes, pdf, *key);
  if (!identity.opened) {
    return fail(make_error({pdf, 1, 1}, "cannot open the PDF: " + identity.error,
                           "a copy protected with a user password opens with the owner password of the same key"));
  }
  TraceResult result;
  for (const Subscriber& subscriber : list->subscribers) {
    const Sha256Digest fingerprint = subscriber_fingerprint(*key, subscriber.id);
    const bool in_xmp = identity.xmp_fingerprint == to_hex(fingerprint);
    const bool in_id = identity.first_id.size() == 16 &&
                       std::equal(identity.first_id.begin(), identity.first_id.end(), fingerprint.begin(),
                                  [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
    if (!in_xmp && !in_id) continue;
    result.verdict = TraceVerdict::subscriber;
    result.subscriber = subscriber;
    result.evidence = in_xmp && in_id ? "the XMP metadata and the trailer /ID" : in_xmp ? "the XMP metadata" : "the trailer /ID";
    return result;
  }
  if (!identity.xmp_fingerprint.empty()) result.verdict = TraceVerdict::other_key;
  return result;
}

std::string describe(const std::string& pdf, const TraceResult& result) {
  switch (result.verdict) {
    case TraceVerdict::subscriber:
      return pdf + ": the copy of " + result.subscriber.id + " (" + result.subscriber.name + "); its fingerprint is in " +
             result.evidence + "\n";
    case TraceVerdict::other_key:
      return pdf + ": a nashr fingerprint of no subscriber in the list under this key\n";
    case TraceVerdict::no_fingerprint: break;
  }
  return pdf + ": no fingerprint\n";
}

}  // namespace nashr
