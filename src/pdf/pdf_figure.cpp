// write_pdf_figure (pdf_figure.h): the imported page's objects become libharu's, through the
// writer's object API (hpdf_document.h), in two steps so that objects may refer to each other in
// any order: every indirect dictionary, array and stream is made first, then each is filled.
#include "pdf/pdf_figure.h"

#include <limits>
#include <vector>

namespace nashr {

namespace {

class FigureCopier {
 public:
  FigureCopier(HpdfDocument& pdf, const ImportedPdfPage& page) : pdf_(pdf), page_(page) {}

  Result<void> make_objects() {
    made_.resize(page_.objects.size());
    dicts_.resize(page_.objects.size());
    arrays_.resize(page_.objects.size());
    for (std::size_t i = 0; i < page_.objects.size(); ++i) {
      switch (page_.objects[i].kind) {
        case PdfValueKind::dictionary: made_[i] = dicts_[i] = pdf_.new_indirect_dict(); break;
        case PdfValueKind::array: made_[i] = arrays_[i] = pdf_.new_indirect_array(); break;
        case PdfValueKind::stream: made_[i] = dicts_[i] = pdf_.new_stream(); break;
        default: break;  // a number or a name is written where it is used
      }
    }
    if (auto checked = pdf_.check("figure objects"); !checked) return checked;
    for (std::size_t i = 0; i < page_.objects.size(); ++i) {
      const PdfValue& value = page_.objects[i];
      if (value.kind == PdfValueKind::dictionary || value.kind == PdfValueKind::stream) {
        fill_dict(value, dict(i), value.kind == PdfValueKind::stream);
      } else if (value.kind == PdfValueKind::array) {
        fill_array(value, array(i));
      }
      if (value.kind == PdfValueKind::stream) {
        if (auto set = pdf_.set_stored_stream_bytes(dict(i), value.bytes, filter_entry(value)); !set) return set;
      }
    }
    return pdf_.check("figure objects");
  }

  PdfObject object(const PdfValue& value) {
    switch (value.kind) {
      case PdfValueKind::null: return pdf_.null_object();
      case PdfValueKind::boolean: return pdf_.boolean(value.boolean);
      case PdfValueKind::integer:
        if (value.integer >= std::numeric_limits<std::int32_t>::min() &&
            value.integer <= std::numeric_limits<std::int32_t>::max()) {
          return pdf_.number(static_cast<std::int32_t>(value.integer));
        }
        return pdf_.real(static_cast<double>(value.integer));
      case PdfValueKind::real: return pdf_.real(value.real);
      case PdfValueKind::name: return pdf_.name(value.bytes.c_str());
      case PdfValueKind::string: return pdf_.binary(value.bytes);
      case PdfValueKind::array: {
        const PdfArray array = pdf_.new_array();
        fill_array(value, array);
        return array;
      }
      case PdfValueKind::dictionary:
      case PdfValueKind::stream: {  // (a stream is always indirect)
        const PdfDict dict = pdf_.new_dict();
        fill_dict(value, dict, false);
        return dict;
      }
      case PdfValueKind::reference:
        if (made_[value.reference]) return made_[value.reference];
        return object(page_.objects[value.reference]);  // an indirect number or name, written in place
    }
    return pdf_.null_object();
  }

 private:
  PdfDict dict(std::size_t i) const { return dicts_[i]; }
  PdfArray array(std::size_t i) const { return arrays_[i]; }

  void fill_dict(const PdfValue& value, PdfDict dict, bool stream) {
    for (std::size_t k = 0; k < value.keys.size(); ++k) {
      if (value.items[k].kind == PdfValueKind::null) continue;  // a null entry is no entry
      if (stream && value.keys[k] == "Filter") continue;        // written by set_stored_stream_bytes
      dict.add(value.keys[k].c_str(), object(value.items[k]));
    }
  }

  void fill_array(const PdfValue& value, PdfArray array) {
    for (const PdfValue& item : value.items) array.add(object(item));
  }

  // "/Filter /FlateDecode" or "/Filter [/DCTDecode /FlateDecode]": PDF's own filter names only (the
  // import refuses others), so no name needs escaping.
  std::string filter_entry(const PdfValue& stream) const {
    for (std::size_t k = 0; k < stream.keys.size(); ++k) {
      if (stream.keys[k] != "Filter") continue;
      const PdfValue* filter = &stream.items[k];
      if (filter->kind == PdfValueKind::reference) filter = &page_.objects[filter->reference];
      if (filter->kind == PdfValueKind::name) return "/Filter /" + filter->bytes;
      if (filter->kind != PdfValueKind::array) return {};
      std::string entry = "/Filter [";
      for (const PdfValue& name : filter->items) entry += "/" + name.bytes + (&name == &filter->items.back() ? "" : " ");
      return entry + "]";
    }
    return {};
  }

  HpdfDocument& pdf_;
  const ImportedPdfPage& page_;
  // Each indirect dictionary, array and stream made for page_.objects[i]; empty for the others.
  std::vector<PdfObject> made_;
  std::vector<PdfDict> dicts_;
  std::vector<PdfArray> arrays_;
};

}  // namespace

Result<PdfDict> write_pdf_figure(HpdfDocument& pdf, const ImportedPdfPage& page, const StreamMaker& stream_maker) {
  FigureCopier copier(pdf, page);
  if (auto made = copier.make_objects(); !made) return fail(made.error());
  const PdfDict form = stream_maker(page.content);
  if (!form) {
    if (auto checked = pdf.check("figure"); !checked) return fail(checked.error());
    return fail(make_error({}, "cannot write the PDF: figure: out of memory"));
  }
  form.add_name("Type", "XObject");
  form.add_name("Subtype", "Form");
  const PdfArray box = pdf.new_array();
  form.add("BBox", box);
  for (const int corner : {0, 0, 1, 1}) box.add_number(corner);
  if (page.resources.kind != PdfValueKind::null) form.add("Resources", copier.object(page.resources));
  if (page.group.kind != PdfValueKind::null) form.add("Group", copier.object(page.group));
  if (auto checked = pdf.check("figure"); !checked) return fail(checked.error());
  return form;
}

}  // namespace nashr
