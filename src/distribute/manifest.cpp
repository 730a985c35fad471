#include "distribute/manifest.h"

#include <filesystem>

#include "base/file_io.h"
#include "base/json.h"

namespace nashr {

std::string manifest_name(unsigned shard, unsigned count, const char* extension) {
  if (count <= 1) return std::string("manifest.") + extension;
  return "manifest-" + std::to_string(shard) + "-of-" + std::to_string(count) + "." + extension;
}

ManifestLines::ManifestLines(std::string folder, int json, int csv, std::string json_text, std::string csv_text)
    : folder_(std::move(folder)),
      json_(json), csv_(csv), json_text_(std::move(json_text)), csv_text_(std::move(csv_text)) {}

void ManifestLines::add(const CopyOutcome& copy) {
  json_text_ += first_ ? "\n" : ",\n";
  first_ = false;
  json_text_ += "    {\"file\": " + json_quote(copy.file) + ", \"id\": " + json_quote(copy.id) +
                ", \"sha256\": " + json_quote(copy.sha256) + ", \"status\": " + json_quote(to_string(copy.status)) +
                "}";
  // Ids and file names hold no comma or quote (the reader refuses them), so no field needs quotes.
  csv_text_ += copy.file + ',' + copy.id + ',' + copy.sha256 + ',' + to_string(copy.status) + "\r\n";
}

Result<void> ManifestLines::flush() {
  if (!write_all(json_, json_text_) || !write_all(csv_, csv_text_)) {
    return fail(make_error({folder_}, "cannot write the manifests (disk full?)", "free some space and run again"));
  }
  json_text_.clear();
  csv_text_.clear();
  return Ok{};
}

Result<void> ManifestLines::finish() {
  json_text_ += first_ ? "]\n}\n" : "\n  ]\n}\n";
  return flush();
}

Result<void> write_manifests(const DistributeOptions& options, const IssuePdf& issue,
                             const std::function<Result<void>(ManifestLines&)>& make_copies) {
  const std::filesystem::path folder(options.output_dir);
  const std::string json_head =
      "{\n  \"issue\": " + json_quote(std::filesystem::path(issue.path).filename().string()) +
      ",\n  \"issue_sha256\": " + json_quote(issue.sha256) + ",\n  \"shard\": " +
      json_quote(std::to_string(options.shard) + "/" + std::to_string(options.shard_count)) + ",\n  \"copies\": [";
  return write_file_atomically(folder / manifest_name(options.shard, options.shard_count, "json"), [&](int json) {
    return write_file_atomically(folder / manifest_name(options.shard, options.shard_count, "csv"),
                                 [&](int csv) -> Result<void> {
                                   ManifestLines lines(options.output_dir, json, csv, json_head, "file,id,sha256,status\r\n");
                                   Result<void> made = make_copies(lines);
                                   if (!made) return made;
                                   return lines.finish();
                                 });
  });
}

}  // namespace nashr
