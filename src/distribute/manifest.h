#pragma once
// The manifests of a distribution: DIR/manifest.json and DIR/manifest.csv (in a shard,
// manifest-K-of-N.*), listing each copy's file, subscriber id, SHA-256 and status. Never a password.
// They are written as the copies are made, a chunk of lines at a time, so a run of any length
// keeps none of them in memory.
#include <functional>
#include <string>

#include "base/result.h"
#include "distribute/distribute.h"

namespace nashr {

// The manifests' lines, added in file order.
class ManifestLines {
 public:
  ManifestLines(std::string folder, int json, int csv, std::string json_text, std::string csv_text);
  void add(const CopyOutcome& copy);
  // Writes the lines added since the last flush.
  Result<void> flush();
  // Closes the JSON's list and flushes.
  Result<void> finish();

 private:
  std::string folder_;  // for messages
  int json_, csv_;
  std::string json_text_, csv_text_;  // not yet written
  bool first_ = true;
};

// Runs `make_copies`, which adds every copy's line, with both manifests open as temporaries in
// the output folder; each is renamed into place (the CSV first) only when `make_copies`
// succeeded. A run killed before its end leaves the previous manifests, or none, and temporaries
// that the next run removes.
Result<void> write_manifests(const DistributeOptions& options, const IssuePdf& issue,
                             const std::function<Result<void>(ManifestLines&)>& make_copies);

}  // namespace nashr
