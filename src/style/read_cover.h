#pragma once
// The style sheet's <cover> and <table> (docs/report-format.md), read apart from read_style.cpp.
#include <optional>
#include <string>
#include <utility>

#include "base/diagnostics.h"
#include "model/xml_source.h"
#include "style/style_sheet.h"

namespace nashr {

// Reads <cover barcode="on|off" price-code="00" editions="screen print archive"/> into `cover`; every problem goes to `sink`.
void read_cover_style(const XmlNode& element, CoverStyle& cover, DiagnosticSink& sink);

// Reads the style's <table size leading padding rule frame-width rule-width column-rules
// header-background stripe caption> into `table` (read_table_style.cpp).
void read_table_style(const XmlNode& element, TableStyle& table, DiagnosticSink& sink);
// Reads <notes placement numbering size leading rule-length space-before> with its <title> and
// <source-format> children into `notes` (read_notes_style.cpp).
void read_notes_style(const XmlNode& element, NotesStyle& notes, DiagnosticSink& sink);
// A length attribute of the style within [low, high] points, or nothing (with an error saying
// "<owner> <name> … is outside …" and `hint` when it is wrong; read_notes_style.cpp).
struct BoundedLength {
  double low = 0;
  double high = 0;
  std::string owner;  // "the notes'"
  std::string hint;
};
void read_bounded_length(const XmlNode& element, const char* name, const BoundedLength& bounds, double& out,
                         DiagnosticSink& sink);
// A child holding text in a language (<title xml:lang="en">…</title>): (xml:lang, its text, white space
// collapsed); nothing, with an error, without xml:lang.
std::optional<std::pair<std::string, std::string>> read_text_in_language(const XmlNode& child, DiagnosticSink& sink);

// Reads <toc levels indent leader leader-space numbers number-room> with its <title xml:lang>
// children into `toc` (read_toc_style.cpp).
void read_toc_style(const XmlNode& element, TocStyle& toc, DiagnosticSink& sink);

// True when `code` is a barcode price/variant code: exactly two ASCII digits.
bool is_price_code(std::string_view code);

}  // namespace nashr
