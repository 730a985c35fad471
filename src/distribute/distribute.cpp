#include "distribute/distribute.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <optional>

#include "base/file_io.h"
#include "base/thread_pool.h"
#include "distribute/manifest.h"
#include "distribute/stamp.h"
#include "distribute/subscribers.h"
#include "document/document_info.h"
#include "locale/persian_text.h"
#include "model/report.h"
#include "pdf/pdf_writer.h"
#include "style/style_sheet.h"
#include "text/itemize.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

// The stamp's date: SOURCE_DATE_EPOCH's day when set, else the issue's creation day, else today
// (UTC): the same as the PDF writer's dates, so that a rebuilt issue gets the same copies.
Result<CalendarDate> stamp_date(const IssuePdf& issue) {
  Result<std::optional<std::int64_t>> epoch = pdf_date_epoch(PdfOptions{}, DocumentInfo{});
  if (!epoch) return fail(epoch.error());
  if (!*epoch && issue.creation_date) return *issue.creation_date;
  const std::time_t time = epoch->value_or(std::time(nullptr));
  std::tm utc{};
  gmtime_r(&time, &utc);
  return CalendarDate{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

// The issue's style: the one named (a name or a path), else nashr's style for its language.
Result<StyleSheet> issue_style(const DistributeOptions& options, const IssuePdf& issue, DiagnosticSink& sink) {
  const std::string name =
      !options.style.empty() ? options.style : is_persian_language(issue.language) ? "persian-files-fa" : "persian-files";
  const std::optional<fs::path> path = find_style(options.issue, name);
  if (!path) {
    return fail(make_error({options.issue}, "cannot find the style '" + name + "' for the stamp",
                           "name the issue's style with --style NAME or --style PATH.xml"));
  }
  return read_style(path->string(), sink);
}

// Rows are taken this many at a time: what a run keeps is the same for a hundred subscribers or a
// million (a chunk's rows, plans, diagnostics and outcomes), and a chunk keeps both threads busy.
constexpr std::size_t kChunkRows = 256;

// Everything about a copy that must match for a copy already in the folder to be kept.
struct CopyPlan {
  Subscriber subscriber;
  std::string password;
  std::string mark;
};

std::string copy_mark(const PublisherKey& key, const IssuePdf& issue, const Subscriber& subscriber,
                      const std::string& password, const DistributeOptions& options, const CalendarDate& date,
                      const StampStyle& stamp) {
  std::string message = "nashr copy 1";
  for (const std::string& part :
       {issue.sha256, subscriber.id, subscriber.name, subscriber.lang, password, to_string(options.permissions),
        watermark_key(stamp.watermark), to_iso_date(date), options.style}) {
    message.append(1, '\0').append(part);
  }
  return to_hex(hmac_sha256(key.secret, message));
}

// The shard's subscribers a chunk at a time, from a pass over the subscribers file after the one
// that reported its errors: the rows with errors are passed over quietly.
class ShardRows {
 public:
  ShardRows(std::string_view text, const DistributeOptions& options)
      : options_(options), reader_(text, FileName(options.subscribers), ignored_) {}
  // The next chunk in file order; false at the end.
  bool next(std::vector<Subscriber>& chunk) {
    chunk.clear();
    ignored_ = DiagnosticSink();
    Subscriber subscriber;
    while (chunk.size() < kChunkRows && reader_.next(subscriber, ignored_)) {
      if (in_shard(subscriber.id, options_.shard, options_.shard_count)) chunk.push_back(std::move(subscriber));
    }
    return !chunk.empty();
  }

 private:
  const DistributeOptions& options_;
  DiagnosticSink ignored_;
  SubscriberReader reader_;
};

struct Context {
  const DistributeOptions& options;
  const PublisherKey& key;
  const IssuePdf& issue;
  const StampStyle& stamp;
  const CalendarDate& date;
  FontDb& fonts;
};

// A copy already in the folder that this run would write the same: kept, with its digest.
bool keep_existing(const Context& context, const CopyPlan& plan, const fs::path& target, CopyOutcome& outcome) {
  std::error_code error;
  if (!fs::is_regular_file(fs::symlink_status(target, error))) return false;
  Result<std::string> bytes = read_file(target);
  if (!bytes) return false;
  const CopyIdentity identity = read_copy_identity(*bytes, target.string(), context.key);
  if (!identity.opened || identity.xmp_copy_mark != plan.mark) return false;
  outcome.sha256 = to_hex(sha256(*bytes));
  outcome.status = CopyStatus::kept;
  return true;
}

void make_one(const Context& context, CopyWriter& writer, const CopyPlan& plan, CopyOutcome& outcome,
              DiagnosticSink& sink) {
  const Subscriber& subscriber = plan.subscriber;
  outcome.id = subscriber.id;
  outcome.file = subscriber.id + ".pdf";
  const fs::path target = fs::path(context.options.output_dir) / outcome.file;
  std::error_code same_error;
  if (fs::equivalent(target, context.issue.path, same_error)) {
    sink.error(subscriber.location, "the copy " + target.string() + " would overwrite the issue",
               "write the copies into another folder with -o");
    return;
  }
  if (keep_existing(context, plan, target, outcome)) return;
  Result<std::string> stamp = make_stamp_pdf(subscriber, context.date, context.stamp, context.fonts);
  if (!stamp) {
    Diagnostic diagnostic = stamp.error();
    if (!diagnostic.location.known()) diagnostic.location = subscriber.location;
    sink.report(diagnostic);
    return;
  }
  CopyRequest request{subscriber.id, std::move(*stamp), plan.password,
                      subscriber_fingerprint(context.key, subscriber.id), plan.mark,
                      context.stamp.watermark.opacity};
  Result<std::string> copy = writer.make_copy(request, context.key, context.options.permissions);
  if (!copy) {
    sink.report(copy.error());
    return;
  }
  Result<void> written = write_file_atomically(target, *copy, std::numeric_limits<std::size_t>::max(), false);
  if (!written) {
    sink.report(written.error());
    return;
  }
  outcome.sha256 = to_hex(sha256(*copy));
  outcome.status = CopyStatus::written;
}

// The stamp of every row is set before anything is written, so a name the fonts cannot show stops
// the run (or, with --keep-going, only its row) before any copy exists. One bit per row of the
// shard: whether its stamp can be set.
std::vector<bool> check_stamps(std::string_view text, const Context& context, DiagnosticSink& sink) {
  std::vector<bool> usable;
  ShardRows rows(text, context.options);
  std::vector<Subscriber> chunk;
  std::vector<DiagnosticSink> sinks;
  while (rows.next(chunk)) {
    sinks.assign(chunk.size(), DiagnosticSink());
    run_tasks(chunk.size(), thread_count(context.options.threads), [&](std::size_t task, unsigned) {
      StyledParagraph paragraph = stamp_paragraph(chunk[task], context.date, context.stamp);
      for (StyledSpan& span : paragraph.spans) span.location = chunk[task].location;
      (void)itemize(paragraph, context.fonts, sinks[task]);
    });
    for (const DiagnosticSink& row : sinks) {
      for (const Diagnostic& diagnostic : row.diagnostics()) sink.report(diagnostic);
      usable.push_back(!row.has_errors());
    }
  }
  return usable;
}

CopyPlan plan_copy(const Context& context, Subscriber subscriber) {
  CopyPlan plan;
  if (context.options.passwords == UserPasswordSource::column) plan.password = subscriber.password;
  if (context.options.passwords == UserPasswordSource::derive) {
    plan.password = derived_user_password(context.key, subscriber.id);
  }
  plan.mark = copy_mark(context.key, context.issue, subscriber, plan.password, context.options, context.date,
                        context.stamp);
  plan.subscriber = std::move(subscriber);
  return plan;
}

// The copies of the rows whose stamps can be set, a chunk at a time: diagnostics and manifest
// lines in file order.
Result<void> make_copies(std::string_view text, const Context& context, const std::vector<bool>& usable,
                         ManifestLines& manifest, DistributeSummary& summary, DiagnosticSink& sink) {
  ShardRows rows(text, context.options);
  std::vector<Subscriber> chunk;
  std::vector<CopyPlan> plans;
  std::vector<CopyOutcome> outcomes;
  std::vector<DiagnosticSink> sinks;
  const unsigned threads = thread_count(context.options.threads);
  std::vector<CopyWriter> writers;  // one per thread: each parses the issue for many copies
  for (unsigned slot = 0; slot < threads; ++slot) writers.emplace_back(context.issue);
  std::size_t row = 0;
  while (rows.next(chunk)) {
    plans.clear();
    for (Subscriber& subscriber : chunk) {
      if (usable.at(row++)) plans.push_back(plan_copy(context, std::move(subscriber)));
    }
    outcomes.assign(plans.size(), CopyOutcome());
    sinks.assign(plans.size(), DiagnosticSink());
    run_tasks(plans.size(), threads, [&](std::size_t task, unsigned slot) {
      make_one(context, writers[slot], plans[task], outcomes[task], sinks[task]);
    });
    for (std::size_t i = 0; i < plans.size(); ++i) {
      for (const Diagnostic& diagnostic : sinks[i].diagnostics()) sink.report(diagnostic);
      summary.written += outcomes[i].status == CopyStatus::written;
      summary.kept += outcomes[i].status == CopyStatus::kept;
      summary.failed += outcomes[i].status == CopyStatus::failed;
      manifest.add(outcomes[i]);
    }
    Result<void> flushed = manifest.flush();
    if (!flushed) return flushed;
  }
  return Ok{};
}

Failure<Diagnostic> nothing_written(const DistributeOptions& options, std::size_t bad_rows) {
  return fail(make_error({options.subscribers},
                         std::to_string(bad_rows) + " subscriber row(s) have errors: no copy was written",
                         "fix them, or write the other copies with --keep-going"));
}

}  // namespace

const char* to_string(CopyStatus status) {
  switch (status) {
    case CopyStatus::written: return "written";
    case CopyStatus::kept: return "kept";
    case CopyStatus::failed: return "failed";
  }
  return "failed";
}

bool in_shard(const std::string& id, unsigned shard, unsigned count) {
  if (count <= 1) return true;
  const Sha256Digest digest = sha256(id);
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | digest[static_cast<std::size_t>(i)];
  return value % count == shard - 1;
}

Result<DistributeSummary> distribute(const DistributeOptions& options, DiagnosticSink& sink) {
  Result<PublisherKey> key = read_publisher_key(options.key_file, sink);
  if (!key) return fail(key.error());
  // The subscribers file is read three times, each time a row at a time: for its errors, for the
  // stamps' and to make the copies; only its bytes are kept between (see SubscriberReader).
  Result<std::string> text = read_file(options.subscribers);
  if (!text) return fail(text.error());
  DistributeSummary summary;
  const std::size_t errors_before = sink.error_count();
  std::size_t good_rows = 0;
  {
    SubscriberReader reader(*text, FileName(options.subscribers), sink);
    for (Subscriber subscriber; reader.next(subscriber, sink);) ++good_rows;
    summary.rejected_rows = reader.rejected_rows();
  }
  if (sink.error_count() > errors_before && (!options.keep_going || good_rows == 0)) {
    return nothing_written(options, summary.rejected_rows);
  }
  Result<IssuePdf> issue = open_issue(options.issue);
  if (!issue) return fail(issue.error());
  Result<StyleSheet> style = issue_style(options, *issue, sink);
  if (!style) return fail(style.error());
  Result<CalendarDate> date = stamp_date(*issue);
  if (!date) return fail(date.error());
  StampStyle stamp = stamp_style(*style, issue->language);
  // --watermark turns the watermark on when the style has none, with the defaults; the style's
  // own <watermark> settings are kept either way.
  if (options.watermark) stamp.watermark.enabled = true;
  FontDb fonts(FontDb::default_fonts_dir());
  const Context context{options, *key, *issue, stamp, *date, fonts};

  const std::vector<bool> usable = check_stamps(*text, context, sink);
  const auto unusable = static_cast<std::size_t>(std::count(usable.begin(), usable.end(), false));
  summary.rejected_rows += unusable;
  if (unusable > 0 && !options.keep_going) return nothing_written(options, unusable);

  std::error_code error;
  fs::create_directories(options.output_dir, error);
  if (error) {
    return fail(make_error({options.output_dir}, "cannot create the output folder: " + error.message()));
  }
  remove_stale_temporaries(options.output_dir);
  Result<void> made = write_manifests(options, *issue, [&](ManifestLines& manifest) {
    return make_copies(*text, context, usable, manifest, summary, sink);
  });
  if (!made) return fail(made.error());
  return summary;
}

}  // namespace nashr
