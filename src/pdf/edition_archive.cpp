// The archive edition's XMP packet and output intent (PDF/A-2u; docs/editions.md lists the rules
// this meets and which of them tests/pdf/edition_archive_test.cpp reads back from the file).
#include "pdf/edition_archive.h"

#include <cstdio>
#include <ctime>

#include "base/file_io.h"
#include "base/version.h"
#include "pdf/document_objects.h"

namespace nashr {

namespace {

// XML's five special characters escaped; the text is UTF-8 already.
std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string element(const char* name, const std::string& value) {
  return std::string("   <") + name + ">" + xml_escaped(value) + "</" + name + ">\n";
}

// A language alternative with only the default entry (what Info's one string maps to).
std::string alternative(const char* name, const std::string& value) {
  return std::string("   <") + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(value) +
         "</rdf:li></rdf:Alt></" + name + ">\n";
}

std::string list(const char* name, const char* kind, const std::vector<std::string>& values) {
  std::string out = std::string("   <") + name + "><rdf:" + kind + ">";
  for (const std::string& value : values) out += "<rdf:li>" + xml_escaped(value) + "</rdf:li>";
  return out + "</rdf:" + kind + "></" + name + ">\n";
}

// Info's comma-joined keywords, one entry each.
std::vector<std::string> split_keywords(const std::string& keywords) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < keywords.size()) {
    std::size_t end = keywords.find(", ", start);
    if (end == std::string::npos) end = keywords.size();
    out.push_back(keywords.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

// PRISM is not one of XMP's predefined schemas: PDF/A wants it described in the packet itself.
constexpr const char* kPrismExtension = R"(  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PRISM Basic Metadata</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://prismstandard.org/namespaces/basic/2.0/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>prism</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>issn</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>ISSN of the serial</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>volume</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Volume number</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>number</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Issue number</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>coverDate</pdfaProperty:name><pdfaProperty:valueType>Date</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Date on the cover</pdfaProperty:description></rdf:li>
    </rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
)";

std::string iso_date(const CalendarDate& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

}  // namespace

std::string xmp_date(std::int64_t epoch) {
  const std::time_t time = static_cast<std::time_t>(epoch);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return buffer;
}

std::string archive_xmp(const DocumentInfo& info, const std::optional<std::int64_t>& epoch, bool tagged) {
  const std::string producer = std::string("nashr ") + kVersion;
  std::string out = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  out += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  out += kPrismExtension;
  out += "  <rdf:Description rdf:about=\"\"\n    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
         "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
         "    xmlns:prism=\"http://prismstandard.org/namespaces/basic/2.0/\">\n";
  out += element("dc:format", "application/pdf");
  if (!info.title.empty()) out += alternative("dc:title", info.title);
  // Info's Author is one string: dc:creator holds it as its one entry, as PDF/A compares them.
  if (!info.author.empty()) out += list("dc:creator", "Seq", {info.author});
  if (!info.subject.empty()) out += alternative("dc:description", info.subject);
  if (!info.keywords.empty()) out += list("dc:subject", "Bag", split_keywords(info.keywords));
  if (!info.language.empty()) out += list("dc:language", "Bag", {info.language});
  if (!info.issn.empty()) out += element("dc:identifier", "urn:ISSN:" + info.issn);
  if (info.issue_date) out += list("dc:date", "Seq", {iso_date(*info.issue_date)});
  out += element("xmp:CreatorTool", producer);
  if (epoch) {
    out += element("xmp:CreateDate", xmp_date(*epoch));
    out += element("xmp:ModifyDate", xmp_date(*epoch));
    out += element("xmp:MetadataDate", xmp_date(*epoch));
  }
  out += element("pdf:Producer", producer);
  if (!info.keywords.empty()) out += element("pdf:Keywords", info.keywords);
  if (!info.issn.empty()) out += element("prism:issn", info.issn);
  if (info.volume > 0) out += element("prism:volume", std::to_string(info.volume));
  if (info.issue > 0) out += element("prism:number", std::to_string(info.issue));
  if (info.issue_date) out += element("prism:coverDate", iso_date(*info.issue_date));
  out += element("pdfaid:part", "2");
  out += element("pdfaid:conformance", tagged ? "A" : "U");
  out += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n";
  // Room for a later editor to rewrite the packet in place, as XMP recommends.
  out += std::string(20, ' ') + "\n<?xpacket end=\"w\"?>";
  return out;
}

Result<void> write_archive_objects(HpdfDocument& pdf, const DocumentInfo& info,
                                   const std::optional<std::int64_t>& epoch, const std::filesystem::path& profile,
                                   std::deque<std::string>& kept, bool tagged) {
  Result<std::string> icc = read_file(profile.string());
  if (!icc) {
    return fail(make_error({profile.string()}, "cannot read the sRGB profile for the archive edition: " +
                                                   icc.error().message,
                           "install Debian's icc-profiles-free (scripts/setup.sh does)"));
  }
  const PdfDict metadata = pdf.new_stream();
  metadata.add_name("Type", "Metadata");
  metadata.add_name("Subtype", "XML");
  kept.push_back(archive_xmp(info, epoch, tagged));
  if (auto set = pdf.set_stream_bytes(metadata, kept.back(), false); !set) return set;
  pdf.catalog().add("Metadata", metadata);

  const PdfDict profile_stream = pdf.new_stream();
  profile_stream.add_number("N", 3);
  kept.push_back(std::move(*icc));
  if (auto set = pdf.set_stream_bytes(profile_stream, kept.back(), false); !set) return set;
  const PdfDict intent = pdf.new_dict();
  intent.add_name("Type", "OutputIntent");
  intent.add_name("S", "GTS_PDFA1");
  intent.add("OutputConditionIdentifier", pdf.ascii_string("sRGB IEC61966-2.1"));
  intent.add("Info", pdf.ascii_string("sRGB IEC61966-2.1"));
  intent.add("DestOutputProfile", profile_stream);
  const PdfArray intents = pdf.new_array();
  intents.add(intent);
  pdf.catalog().add("OutputIntents", intents);
  return pdf.check("archive metadata and output intent");
}

}  // namespace nashr
