#pragma once
// The skeleton of the model tests' reports (read_report_test.cpp, hostile_input_test.cpp): <report>
// on line 1, the required metadata on lines 2 to 10, <body> on line 11; and where the tests write
// the reports they make.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace nashr::testing {

// The required metadata; <title> is on line 9 of a report.
inline constexpr const char* kMeta = R"(<meta>
    <series-title>Persian Files</series-title>
    <issn medium="online">2975-0598</issn>
    <volume>29</volume>
    <issue>2</issue>
    <date>2025-01-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher>
    <title>Test</title>
  </meta>)";

// A report around `body` (the content of <body>, which starts right after <body> on line 11), with
// `meta` as its metadata.
inline std::string report_with_body(const std::string& body,
                                    const std::string& report_attributes = "xml:lang=\"en\"",
                                    const std::string& meta = kMeta) {
  return "<report " + report_attributes + " style=\"persian-files\">\n  " + meta + "\n  <body>" + body +
         "</body>\n</report>\n";
}

// This test process's own temporary folder (made on first use).
inline std::filesystem::path temporary_folder() {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("nashr-model-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  return folder;
}

// Writes `text` as the report `name` in temporary_folder() and returns its path.
inline std::string write_report(const std::string& name, const std::string& text) {
  const std::filesystem::path path = temporary_folder() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace nashr::testing
