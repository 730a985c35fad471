#include "distribute/manifest.h"

#include <filesystem>

#include "base/file_io.h"
#include "base/json.h"

namespace nashr {

std::string manifest_name(unsigned shard, unsigned count, const char* extension) {
  if (count <= 1) return std::string("manifest.") + extension;
  return "manifest-" + std::to_string(shard) + "-of-" + std::to_string(count) + "." + extension;
}

std::string manifest_json(const DistributeOptions& options, const IssuePdf& issue, const DistributeSummary& summary) {
  std::string out = "{\n  \"issue\": " + json_quote(std::filesystem::path(issue.path).filename().string()) +
                    ",\n  \"issue_sha256\": " + json_quote(issue.sha256) + ",\n  \"shard\": " +
                    json_quote(std::to_string(options.shard) + "/" + std::to_string(options.shard_count)) +
                    ",\n  \"copies\": [";
  bool first = true;
  for (const CopyOutcome& copy : summary.copies) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\"file\": " + json_quote(copy.file) + ", \"id\": " + json_quote(copy.id) +
           ", \"sha256\": " + json_quote(copy.sha256) + ", \"status\": " + json_quote(to_string(copy.status)) + "}";
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string manifest_csv(const DistributeSummary& summary) {
  // Ids and file names hold no comma or quote (the reader refuses them), so no field needs quotes.
  std::string out = "file,id,sha256,status\r\n";
  for (const CopyOutcome& copy : summary.copies) {
    out += copy.file + ',' + copy.id + ',' + copy.sha256 + ',' + to_string(copy.status) + "\r\n";
  }
  return out;
}

Result<void> write_manifests(const DistributeOptions& options, const IssuePdf& issue, const DistributeSummary& summary) {
  const std::filesystem::path folder(options.output_dir);
  Result<void> json = write_file_atomically(folder / manifest_name(options.shard, options.shard_count, "json"),
                                            manifest_json(options, issue, summary));
  if (!json) return json;
  return write_file_atomically(folder / manifest_name(options.shard, options.shard_count, "csv"),
                               manifest_csv(summary));
}

}  // namespace nashr
