#pragma once
// trace: whose copy a leaked PDF is, from its fingerprint (the XMP's nashr:Fingerprint, the trailer's
// first /ID), which survives cropping the stamp away and decrypting and re-saving the file.
#include <string>

#include "base/diagnostics.h"
#include "base/result.h"
#include "distribute/subscribers.h"

namespace nashr {

enum class TraceVerdict {
  subscriber,      // the fingerprint is this subscriber's
  other_key,       // a nashr fingerprint, but of no subscriber in the list under this key
  no_fingerprint,  // none at all
};

struct TraceResult {
  TraceVerdict verdict = TraceVerdict::no_fingerprint;
  Subscriber subscriber;  // when found
  std::string evidence;   // "the XMP metadata and the trailer /ID"
};

// Reads the key and the subscribers (rows with errors are reported and left out) and the PDF.
// Fails when the key or the list cannot be read or the PDF cannot be opened.
Result<TraceResult> trace(const std::string& pdf, const std::string& subscribers, const std::string& key_file,
                          DiagnosticSink& sink);

// "LEAKED.pdf: the copy of A-1042 (Jane Doe): its fingerprint is in …" or "LEAKED.pdf: no fingerprint".
std::string describe(const std::string& pdf, const TraceResult& result);

}  // namespace nashr
