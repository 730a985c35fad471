// write_pdf: the pages gone through in order for what must be sequential (libharu's objects, CIDs
// in order of first use), their content streams written and compressed by the DeflatePool on any
// thread, then the fonts and the document's objects, saving and the /ID. The pieces: content
// streams (content_stream.h), CIDs and fonts (cid_font.h, text_layer.h), the document's objects
// (document_objects.h), the /ID (file_id.h), libharu (hpdf_document.h, the only file that touches it).
#include "pdf/pdf_writer.h"

#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/allocator.h"
#include "base/file_io.h"
#include "fonts/font_db.h"
#include "pdf/cid_font.h"
#include "pdf/content_stream.h"
#include "pdf/document_objects.h"
#include "pdf/edition_archive.h"
#include "pdf/edition_print.h"
#include "pdf/file_id.h"
#include "pdf/marked_content.h"
#include "pdf/structure_tree.h"
#include "pdf/hpdf_document.h"
#include "pdf/pdf_figure.h"
#include "pdfimport/pdf_figure.h"
#include "pdf/stream_deflate.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

// A font file drawn in the document: its CIDs, and its Type0 dictionary, made at first use (so
// the objects' order follows the pages) and filled in once every page is planned.
struct EmbeddedFont {
  explicit EmbeddedFont(const Font& font) : cids(font) {}
  CidFont cids;
  PdfDict type0;
};

void add_print_boxes(HpdfDocument& pdf, PdfDict page, const PrintBoxes& boxes) {
  for (const auto& [key, values] : {std::pair{"TrimBox", boxes.trim}, std::pair{"BleedBox", boxes.bleed}}) {
    const PdfArray box = pdf.new_array();
    for (int i = 0; i < 4; ++i) box.add_real(values[i]);
    page.add(key, box);
  }
}

class PdfBuilder {
 public:
  explicit PdfBuilder(const PdfOptions& options) : options_(options) {}
  // `release`, when given, is document.pages itself: each page's items are freed once written.
  // The file is saved with a placeholder /ID (content_digest and set_id finish it).
  Result<SavedPdf> build(const PagedDocument& document, std::vector<Page>* release = nullptr);

 private:
  Result<void> start(const PagedDocument& document, const std::optional<std::int64_t>& epoch);
  Result<void> add_pages(const PagedDocument& document);
  Result<void> write_pages(const PagedDocument& document, std::vector<Page>* release);
  Result<void> write_page(const Page& page, std::size_t index, std::vector<Page>* release);
  void share_page_streams();
  Result<void> plan_page(const Page& page, std::size_t index, PagePlan& plan);
  Result<void> plan_glyph_run(const GlyphRun& run, PdfDict pdf_page, PagePlan& plan);
  Result<void> plan_image(const Image& image, PdfDict pdf_page, PagePlan& plan);
  Result<PdfDict> plan_pdf_figure(const std::string& path);
  Result<void> write_document_objects(const PagedDocument& document);
  Result<void> finish_jobs();
  Result<void> fill_streams();
  Result<SavedPdf> save(const std::optional<std::int64_t>& epoch);

  PdfDict new_stream(std::string bytes);
  // Gives `stream` the bytes of the pool's `job` (compressed, unless compression is off), handed
  // to libharu by fill_streams.
  void set_stream_job(PdfDict stream, std::size_t job) { deflated_streams_.emplace_back(stream, job); }

  const PdfOptions& options_;
  // Declared before the pool: a job still running when the builder goes (after an error) reads
  // its plan's resource names, which libharu's document owns.
  std::unique_ptr<HpdfDocument> pdf_;
  std::vector<PdfDict> pages_;
  std::map<const Font*, EmbeddedFont> fonts_;
  std::vector<const Font*> font_order_;  // first use, for deterministic object order
  std::map<std::string, PdfDict> images_;  // PNG, JPEG and PDF figures, by file
  std::deque<ImportedPdfPage> pdf_figures_;  // their stored streams are read when the file is saved
  Destinations destinations_;
  std::optional<DeflatePool> pool_;
  // Streams whose bytes come from the pool: the stream and its job.
  std::vector<std::pair<PdfDict, std::size_t>> deflated_streams_;
  std::vector<std::pair<std::size_t, std::size_t>> shared_jobs_;  // (issue page, job) for shared_streams
  std::deque<std::string> raw_streams_;  // unfiltered streams' bytes (the archive's XMP and profile)
  std::optional<std::int64_t> epoch_;
  const StructureTree* structure_ = nullptr;  // tagged: the paginator's tree
  TaggedContent tagged_;
  std::unique_ptr<DictEntries> structure_objects_;  // writes the tree's objects while the file is saved
};

PdfDict PdfBuilder::new_stream(std::string bytes) {
  const PdfDict stream = pdf_->new_stream();
  if (stream) set_stream_job(stream, pool_->add(std::move(bytes)));
  return stream;
}

Result<void> PdfBuilder::finish_jobs() {
  if (!pool_->finish()) {
    return fail(make_error({}, "cannot compress the PDF's streams: out of memory"));
  }
  return Ok{};
}

// Waits for the pool and gives every compressed stream to libharu, which reads it in place.
Result<void> PdfBuilder::fill_streams() {
  if (auto finished = finish_jobs(); !finished) return finished;
  for (const auto& [stream, job] : deflated_streams_) {
    if (auto set = pdf_->set_stream_bytes(stream, pool_->output(job), options_.compress); !set) return set;
  }
  deflated_streams_.clear();
  return pdf_->check("streams");
}

// The sequential part of a glyph run: its font registered (object order: first use), its
// resource name on the page, and each glyph's CID, given in first-use order.
Result<void> PdfBuilder::plan_glyph_run(const GlyphRun& run, PdfDict pdf_page, PagePlan& plan) {
  if (run.font == nullptr) return fail(make_error({}, "a glyph run has no font (a bug in the layout stages)"));
  if (run.glyphs.empty()) return Ok{};
  auto [slot, inserted] = fonts_.try_emplace(run.font, *run.font);
  EmbeddedFont& font = slot->second;
  if (inserted) {
    font_order_.push_back(run.font);
    font.type0 = pdf_->new_indirect_dict();
    if (!font.type0) return pdf_->check("font dictionary");
  }
  const char* font_name = pdf_->font_resource_name(pdf_page, font.type0);
  if (font_name == nullptr) return pdf_->check("page font resources");
  plan.names.push_back(font_name);
  const std::size_t first_code = plan.codes.size();
  plan.codes.resize(first_code + run.glyphs.size());
  Result<bool> span = font.cids.assign(run, plan.codes.data() + first_code);
  if (!span) return fail(span.error());
  plan.actual_texts.push_back(*span ? &font.cids.actual_texts() : nullptr);
  return Ok{};
}

// The image loaded once per file, and its XObject name in the page's resources.
Result<void> PdfBuilder::plan_image(const Image& image, PdfDict pdf_page, PagePlan& plan) {
  auto cached = images_.find(image.path);
  PdfDict loaded;
  if (cached != images_.end()) {
    loaded = cached->second;
  } else {
    Result<std::string> bytes = read_file(image.path);
    if (!bytes) return fail(bytes.error());
    if (bytes->size() >= 8 && std::memcmp(bytes->data(), "\x89PNG\r\n\x1a\n", 8) == 0) {
      loaded = pdf_->load_png(*bytes);
    } else if (bytes->size() >= 3 && std::memcmp(bytes->data(), "\xFF\xD8\xFF", 3) == 0) {
      loaded = pdf_->load_jpeg(*bytes);
    } else if (bytes->size() >= 5 && std::memcmp(bytes->data(), "%PDF-", 5) == 0) {
      Result<PdfDict> form = plan_pdf_figure(image.path);
      if (!form) return fail(form.error());
      loaded = *form;
    } else {
      return fail(make_error({image.path}, "not a PNG or JPEG image", "convert the image to PNG or JPEG, or the chart to PDF"));
    }
    if (Result<void> loaded_ok = pdf_->check("image"); !loaded || !loaded_ok) {
      const std::string reason = loaded_ok ? std::string("libharu could not read it") : loaded_ok.error().message;
      return fail(make_error({image.path}, "cannot embed the image: " + reason,
                             "check that the file opens in an image viewer"));
    }
    images_.emplace(image.path, loaded);
  }
  const char* name = pdf_->image_resource_name(pdf_page, loaded);
  if (name == nullptr) {
    if (auto checked = pdf_->check("image resources"); !checked) return checked;
    return fail(make_error({image.path}, "cannot add the image to the page's resources"));
  }
  plan.names.push_back(name);
  return pdf_->check("image " + image.path);
}

// A PDF figure as a Form XObject (pdf_figure.h), checked again as the reader checked it.
Result<PdfDict> PdfBuilder::plan_pdf_figure(const std::string& path) {
  Result<ImportedPdfPage> page = read_pdf_figure(path, fs::path(path).filename().string(), {path});
  if (!page) return fail(page.error());
  const ImportedPdfPage& kept = pdf_figures_.emplace_back(std::move(*page));
  return write_pdf_figure(*pdf_, kept, [this](std::string bytes) { return new_stream(std::move(bytes)); });
}

// The sequential part of a page: what needs libharu or the document's CIDs (page_content writes
// the rest on any thread).
Result<void> PdfBuilder::plan_page(const Page& page, std::size_t index, PagePlan& plan) {
  const PdfDict pdf_page = pages_[index];
  plan.structure = structure_;
  MarkedContent marks(structure_, nullptr);  // the content job's decisions, for the structure tree
  std::size_t glyphs = 0;
  for (const PageItem& item : page.items) {
    if (const auto* run = std::get_if<GlyphRun>(&item)) glyphs += run->glyphs.size();
  }
  plan.codes.reserve(glyphs);
  for (const PageItem& item : page.items) {
    const auto* run = std::get_if<GlyphRun>(&item);
    if (run != nullptr) {
      if (auto planned = plan_glyph_run(*run, pdf_page, plan); !planned) return planned;
    }
    if (structure_ != nullptr) {
      const std::size_t mcids = marks.mcid_elements().size();
      marks.follow(item, run != nullptr && !run->glyphs.empty() && plan.actual_texts.back() != nullptr);
      if (marks.mcid_elements().size() > mcids) {
        tagged_.pieces.push_back(
            {marks.mcid_elements().back(), static_cast<std::uint32_t>(index), static_cast<std::int32_t>(mcids)});
      }
    }
    if (const auto* image = std::get_if<Image>(&item)) {
      if (auto planned = plan_image(*image, pdf_page, plan); !planned) return planned;
    } else if (const auto* link = std::get_if<Link>(&item)) {
      // A link in an artifact (the running footer's address) gets a Link element of its own
      // (structure_tree.h): PDF/UA wants every annotation in the tree.
      PdfDict annotation;
      auto written = write_link(*pdf_, *link, pdf_page, page.height, destinations_, pages_,
                                structure_ != nullptr ? &annotation : nullptr);
      if (!written) return written;
      if (structure_ != nullptr) {
        const std::uint32_t element = link->tag < structure_->elements.size() ? link->tag : kNoElement;
        tagged_.pieces.push_back({element, static_cast<std::uint32_t>(index), -1,
                                  static_cast<std::uint32_t>(tagged_.annotations.size())});
        tagged_.annotations.push_back(annotation);
      }
    }
  }
  return Ok{};
}

Result<void> PdfBuilder::start(const PagedDocument& document, const std::optional<std::int64_t>& epoch) {
  // Page contents and fonts are compressed by the pool (set_stream_job); libharu only compresses
  // the images it loads.
  Result<std::unique_ptr<HpdfDocument>> created = HpdfDocument::create(options_.compress);
  if (!created) return fail(created.error());
  pdf_ = std::move(*created);
  pool_.emplace(options_.compress ? options_.compression_level : DeflatePool::kStore, options_.threads);
  return write_info(*pdf_, document.info, epoch);
}

// Every page, and the anchors on them (links may point forward).
Result<void> PdfBuilder::add_pages(const PagedDocument& document) {
  for (std::size_t index = 0; index < document.pages.size(); ++index) {
    const Page& page = document.pages[index];
    const bool print = options_.edition == Edition::print;
    const PrintBoxes boxes = print ? print_boxes(page) : PrintBoxes{};
    const PdfDict pdf_page =
        print ? pdf_->add_page(boxes.media_width, boxes.media_height) : pdf_->add_page(page.width, page.height);
    if (print && pdf_page) add_print_boxes(*pdf_, pdf_page, boxes);
    if (auto checked = pdf_->check("page " + std::to_string(index + 1) + " size"); !checked) return checked;
    if (!pdf_page) return fail(make_error({}, "cannot write the PDF: page: out of memory"));
    pages_.push_back(pdf_page);
    for (const PageItem& item : page.items) {
      if (const auto* anchor = std::get_if<Anchor>(&item)) {
        // The first definition wins, as in HTML.
        destinations_.try_emplace(anchor->name, Destination{index, anchor->position, page.height, anchor->named});
      }
    }
  }
  return Ok{};
}

// Pages in order on this thread for what must be sequential (libharu, CIDs in first-use order);
// their content streams are written and compressed by the pool, on any thread: the bytes depend
// on the page and its plan alone, so the file is the same for any number of threads.
Result<void> PdfBuilder::write_pages(const PagedDocument& document, std::vector<Page>* release) {
  const std::size_t count = document.pages.size();
  for (std::size_t step = 0; step < count; ++step) {
    // A cover in front is planned last (PdfOptions::cover_first).
    const std::size_t index = options_.cover_first ? (step + 1) % count : step;
    if (auto written = write_page(document.pages[index], index, release); !written) return written;
  }
  return Ok{};
}

// One page: planned here, its content written and compressed by the pool, or taken from the
// editions' shared streams. The print edition's page contents are [the move onto the trim, the
// page's own content, the marks]; its own content has its colours in CMYK, so it is written anew
// (the screen and archive editions share theirs).
Result<void> PdfBuilder::write_page(const Page& page, std::size_t index, std::vector<Page>* release) {
  PagePlan plan;
  if (auto planned = plan_page(page, index, plan); !planned) return planned;
  Page* written = release != nullptr ? &(*release)[index] : nullptr;
  const bool print = options_.edition == Edition::print;
  const bool bled = print && needs_bleed(page);
  // No libharu drawing call may write to the page after this (the images are drawn by us).
  const PdfDict contents = pdf_->page_contents(pages_[index]);
  PdfDict own = contents;
  if (print) {
    set_stream_job(contents, pool_->add(print_content_prefix()));
    own = pdf_->new_stream();
    std::string mark_bytes = print_marks(page);
    if (structure_ != nullptr) {  // the marks are artifacts: after the page's own content's closing "Q\n"
      mark_bytes.insert(2, "/Artifact BMC\n");
      mark_bytes += "EMC\n";
    }
    const PdfDict marks = new_stream(std::move(mark_bytes));
    const PdfArray parts = pdf_->new_array();
    parts.add(contents);
    parts.add(own);
    parts.add(marks);
    pages_[index].add("Contents", parts);
    if (auto checked = pdf_->check("print page contents"); !checked) return checked;
  }
  SharedPageStreams* shared = options_.shared_streams;
  const bool is_cover = options_.cover_first && index == 0;
  const std::size_t issue_page = index - (options_.cover_first ? 1 : 0);
  const bool shareable = shared != nullptr && options_.compress && !is_cover && !print &&
                         issue_page < shared->compressed.size();
  if (shareable && !shared->compressed[issue_page].empty()) {
    return pdf_->set_stream_bytes(own, shared->compressed[issue_page], true);
  }
  const bool literal = options_.compress;
  const ColourOperators colours = print ? ColourOperators::cmyk : ColourOperators::rgb;
  const std::size_t job = pool_->add([&page, plan = std::move(plan), literal, written, bled, colours] {
    std::string bytes =
        bled ? page_content(bled_page(page), plan, literal, colours) : page_content(page, plan, literal, colours);
    if (written != nullptr) std::vector<PageItem>().swap(written->items);
    return bytes;
  });
  set_stream_job(own, job);
  if (shareable) shared_jobs_.emplace_back(issue_page, job);
  return Ok{};
}

// Gives the editions still to come the pages' compressed contents (once the pool has them).
void PdfBuilder::share_page_streams() {
  for (const auto& [issue_page, job] : shared_jobs_) options_.shared_streams->compressed[issue_page] = pool_->output(job);
  shared_jobs_.clear();
}

// The fonts (their subsets) and the document's other objects, while the pool finishes the pages.
Result<void> PdfBuilder::write_document_objects(const PagedDocument& document) {
  const StreamMaker stream_maker = [this](std::string bytes) { return new_stream(std::move(bytes)); };
  for (const Font* font : font_order_) {
    const EmbeddedFont& embedded = fonts_.at(font);
    if (auto written = write_cid_font(*pdf_, embedded.cids, embedded.type0, stream_maker); !written) return written;
  }
  if (auto written = write_destinations(*pdf_, destinations_, pages_); !written) return written;
  if (auto written = write_outline(*pdf_, document.outline, destinations_); !written) return written;
  if (options_.edition == Edition::archive) {
    auto written = write_archive_objects(*pdf_, document.info, epoch_, options_.archive_profile, raw_streams_,
                                         structure_ != nullptr);
    if (!written) return written;
  }
  if (structure_ != nullptr) {
    auto written = write_structure_tree(*pdf_, *structure_, tagged_, pages_, options_.threads);
    if (!written) return fail(written.error());
    structure_objects_ = std::move(*written);
  }
  return write_page_labels(*pdf_, document.page_labels);
}

Result<SavedPdf> PdfBuilder::build(const PagedDocument& document, std::vector<Page>* release) {
  Result<std::optional<std::int64_t>> epoch = pdf_date_epoch(options_, document.info);
  if (!epoch) return fail(epoch.error());
  if (document.pages.empty()) return fail(make_error({}, "the document has no pages to write"));
  epoch_ = *epoch;
  if (options_.tagged && !document.structure.empty()) structure_ = &document.structure;
  if (auto started = start(document, *epoch); !started) return fail(started.error());
  if (auto added = add_pages(document); !added) return fail(added.error());
  if (auto written = write_pages(document, release); !written) return fail(written.error());
  if (release != nullptr) {
    if (auto finished = finish_jobs(); !finished) return fail(finished.error());
    // The freed pages (about a third of the process's memory for a 1000-page issue) stay in
    // malloc's free lists, and the document's objects (the structure tree's: 7 MB for 1000 pages),
    // the file's buffer and libharu's objects would come on top of them as fresh memory, making
    // the end of the write the process's peak.
    return_freed_memory();
  }
  if (auto written = write_document_objects(document); !written) return fail(written.error());
  // A placeholder ID of fixed length, replaced by the content digest once the bytes exist.
  const PdfArray id = pdf_->new_array();
  pdf_->trailer().add("ID", id);
  id.add(pdf_->binary(std::string(kIdLength, '\0')));
  id.add(pdf_->binary(std::string(kIdLength, '\0')));
  if (auto checked = pdf_->check("trailer"); !checked) return fail(checked.error());
  if (auto filled = fill_streams(); !filled) return fail(filled.error());
  share_page_streams();
  return save(*epoch);
}

Result<SavedPdf> PdfBuilder::save(const std::optional<std::int64_t>& epoch) {
  Result<std::string> bytes = pdf_->save(pool_->compressed_bytes());
  if (!bytes) return fail(bytes.error());
  return find_id_placeholders(std::move(*bytes), epoch ? pdf_date(*epoch) : std::string());
}

// The file with its /ID. The builder's memory is freed before the file is digested and written.
Result<std::string> identified_pdf(const PagedDocument& document, const PdfOptions& options,
                                   std::vector<Page>* release) {
  Result<SavedPdf> pdf = PdfBuilder(options).build(document, release);
  if (!pdf) return fail(pdf.error());
  set_id(*pdf, content_digest(*pdf));
  return std::move(pdf->bytes);
}

}  // namespace

Result<std::string> write_pdf(const PagedDocument& document, const PdfOptions& options) {
  return identified_pdf(document, options, nullptr);
}

Result<std::string> write_pdf(PagedDocument&& document, const PdfOptions& options) {
  return identified_pdf(document, options, &document.pages);
}

Result<std::string> write_document(const PagedDocument& document, OutputBackend backend,
                                   const PdfOptions& options) {
  if (backend == OutputBackend::pages) return dump_pages(document);
  return write_pdf(document, options);
}

Result<void> write_document_file(const PagedDocument& document, const fs::path& target, OutputBackend backend,
                                 const PdfOptions& options) {
  Result<std::string> bytes = write_document(document, backend, options);
  if (!bytes) return fail(bytes.error());
  return write_file_atomically(target, *bytes, options.fail_after_bytes);
}

Result<void> write_pdf_file(PagedDocument&& document, const fs::path& target, const PdfOptions& options) {
  Result<std::string> bytes = write_pdf(std::move(document), options);
  if (!bytes) return fail(bytes.error());
  return write_file_atomically(target, *bytes, options.fail_after_bytes);
}

}  // namespace nashr
