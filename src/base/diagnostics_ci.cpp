// The diagnostics as CI systems read them: GitHub Actions workflow commands and SARIF 2.1.0.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/json.h"
#include "base/version.h"

namespace nashr {

namespace {

// A workflow command's message: '%', CR and LF are escaped so one diagnostic stays one command.
std::string github_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

// A property value (file=…) also escapes the separators ':' and ','.
std::string github_property(std::string_view text) {
  std::string out;
  for (const char c : github_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

const char* github_command(Severity severity) {
  switch (severity) {
    case Severity::note: return "notice";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

// A SARIF artifactLocation.uri: a relative path stays a relative reference, an absolute one
// becomes a file: URI; bytes other than unreserved characters and '/' are percent-encoded.
std::string file_uri(const std::string& path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  char escape[4];
  for (const char c : path) {
    const unsigned char byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      std::snprintf(escape, sizeof escape, "%%%02X", byte);
      out += escape;
    }
  }
  return out;
}

std::string message_with_hint(const Diagnostic& d) {
  return d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint;
}

}  // namespace

std::string format_diagnostics_github(std::span<const Diagnostic> diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    text += "::";
    text += github_command(d.severity);
    const std::string file = d.location.file.str();
    if (!file.empty()) {
      text += " file=" + github_property(file);
      if (d.location.line > 0) text += ",line=" + std::to_string(d.location.line);
      if (d.location.column > 0) text += ",col=" + std::to_string(d.location.column);
    }
    text += "::" + github_data(message_with_hint(d)) + "\n";
  }
  return text;
}

std::string format_diagnostics_sarif(std::span<const Diagnostic> diagnostics) {
  std::string text =
      "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
      "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"nashr\", \"version\": " +
      json_quote(kVersion) + "}},\n    \"results\": [";
  bool first = true;
  for (const Diagnostic& d : diagnostics) {
    text += first ? "\n      " : ",\n      ";
    first = false;
    text += "{\"level\": " + json_quote(to_string(d.severity));
    text += ", \"message\": {\"text\": " + json_quote(message_with_hint(d)) + "}";
    const std::string file = d.location.file.str();
    if (!file.empty()) {
      text += ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": " + json_quote(file_uri(file)) + "}";
      if (d.location.line > 0) {
        text += ", \"region\": {\"startLine\": " + std::to_string(d.location.line);
        if (d.location.column > 0) text += ", \"startColumn\": " + std::to_string(d.location.column);
        text += "}";
      }
      text += "}}]";
    }
    text += "}";
  }
  text += first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n";
  return text;
}

}  // namespace nashr
