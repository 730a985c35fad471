#pragma once
// distribute: one issue PDF and a subscribers file → one stamped, fingerprinted, encrypted copy per
// subscriber in a folder, with a manifest (docs/distribute.md). The issue is read once; copies are
// made on the process's thread pool, a chunk of subscribers at a time, so that the memory a run
// needs does not grow with the number of subscribers. A run that was killed is started again as it was: copies
// already in the folder that are this run's (their XMP says so) are kept, the rest are written.
#include <cstddef>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/result.h"
#include "distribute/copy_writer.h"

namespace nashr {

enum class UserPasswordSource {
  column,  // the subscribers file's `password` column (none where it is empty)
  derive,  // derived_user_password from the key and id, for every copy
  none,    // copies open without a password
};

struct DistributeOptions {
  std::string issue;        // the issue PDF
  std::string subscribers;  // the CSV
  std::string output_dir = "copies";
  std::string key_file;     // empty: NASHR_PUBLISHER_KEY
  std::string style;        // the issue's style (name or path); empty: by the issue's language
  bool keep_going = false;  // write the good rows' copies when some rows have errors
  unsigned shard = 1;       // this run's part, 1..shard_count (--shard K/N)
  unsigned shard_count = 1;
  unsigned threads = 0;  // 0: one per core
  Permissions permissions;
  UserPasswordSource passwords = UserPasswordSource::column;
  bool watermark = false;
};

enum class CopyStatus { written, kept, failed };
const char* to_string(CopyStatus status);

struct CopyOutcome {
  std::string id;
  std::string file;  // relative to the output folder
  std::string sha256;
  CopyStatus status = CopyStatus::failed;
};

// The counts of a run; the copies themselves are listed in the manifests.
struct DistributeSummary {
  std::size_t written = 0, kept = 0, failed = 0, rejected_rows = 0;
};

// Errors on the input go to `sink`. Fails, with nothing written, when the key, the issue or the
// style cannot be used, or when a row has an error and keep_going is off; a failure with a
// location without a line is an I/O error.
Result<DistributeSummary> distribute(const DistributeOptions& options, DiagnosticSink& sink);

// Whether subscriber `id` falls in shard `shard` of `count` (1-based): by a digest of the id, so a
// subscriber stays in their shard however the list is sorted or grows.
bool in_shard(const std::string& id, unsigned shard, unsigned count);

// The copies' file names: "<id>.pdf"; the manifests' "manifest.json" or, in a shard,
// "manifest-K-of-N.json" (and .csv).
std::string manifest_name(unsigned shard, unsigned count, const char* extension);

}  // namespace nashr
