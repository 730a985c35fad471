#include "distribute/distribute.h"

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

// Everything about a copy that must match for a copy already in the folder to be kept.
struct CopyPlan {
  const Subscriber* subscriber = nullptr;
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

void make_one(const Context& context, const CopyPlan& plan, CopyOutcome& outcome, DiagnosticSink& sink) {
  const Subscriber& subscriber = *plan.subscriber;
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
  Result<std::string> copy = make_copy(context.issue, request, context.key, context.options.permissions);
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
// the run (or, with --keep-going, only its row) before any copy exists.
std::vector<bool> check_stamps(const std::vector<CopyPlan>& plans, const Context& context, DiagnosticSink& sink) {
  std::vector<DiagnosticSink> sinks(plans.size());
  run_tasks(plans.size(), thread_count(context.options.threads), [&](std::size_t task, unsigned) {
    StyledParagraph paragraph = stamp_paragraph(*plans[task].subscriber, context.date, context.stamp);
    for (StyledSpan& span : paragraph.spans) span.location = plans[task].subscriber->location;
    (void)itemize(paragraph, context.fonts, sinks[task]);
  });
  std::vector<bool> usable(plans.size());
  for (std::size_t i = 0; i < plans.size(); ++i) {
    for (const Diagnostic& diagnostic : sinks[i].diagnostics()) sink.report(diagnostic);
    usable[i] = !sinks[i].has_errors();
  }
  return usable;
}

std::vector<CopyPlan> plan_copies(const DistributeOptions& options, const SubscriberList& list,
                                  const PublisherKey& key, const IssuePdf& issue, const CalendarDate& date,
                                  const StampStyle& stamp) {
  std::vector<CopyPlan> plans;
  for (const Subscriber& subscriber : list.subscribers) {
    if (!in_shard(subscriber.id, options.shard, options.shard_count)) continue;
    CopyPlan plan;
    plan.subscriber = &subscriber;
    if (options.passwords == UserPasswordSource::column) plan.password = subscriber.password;
    if (options.passwords == UserPasswordSource::derive) plan.password = derived_user_password(key, subscriber.id);
    plan.mark = copy_mark(key, issue, subscriber, plan.password, options, date, stamp);
    plans.push_back(std::move(plan));
  }
  return plans;
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
  const std::size_t errors_before = sink.error_count();
  Result<SubscriberList> list = read_subscribers(options.subscribers, sink);
  if (!list) return fail(list.error());
  const bool bad_rows = sink.error_count() > errors_before;
  if (bad_rows && (!options.keep_going || list->subscribers.empty())) {
    return nothing_written(options, list->rejected_rows);
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

  std::vector<CopyPlan> plans = plan_copies(options, *list, *key, *issue, *date, stamp);
  DistributeSummary summary;
  summary.rejected_rows = list->rejected_rows;
  const std::vector<bool> usable = check_stamps(plans, context, sink);
  std::vector<CopyPlan> good;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    if (usable[i]) good.push_back(plans[i]);
  }
  summary.rejected_rows += plans.size() - good.size();
  if (good.size() != plans.size() && !options.keep_going) return nothing_written(options, plans.size() - good.size());

  std::error_code error;
  fs::create_directories(options.output_dir, error);
  if (error) {
    return fail(make_error({options.output_dir}, "cannot create the output folder: " + error.message()));
  }
  remove_stale_temporaries(options.output_dir);
  const unsigned threads = thread_count(options.threads);
  std::vector<DiagnosticSink> sinks(good.size());  // per copy: diagnostics come in file order
  summary.copies.resize(good.size());
  run_tasks(good.size(), threads, [&](std::size_t task, unsigned) {
    make_one(context, good[task], summary.copies[task], sinks[task]);
  });
  for (const DiagnosticSink& copy : sinks) {
    for (const Diagnostic& diagnostic : copy.diagnostics()) sink.report(diagnostic);
  }
  for (const CopyOutcome& copy : summary.copies) {
    summary.written += copy.status == CopyStatus::written;
    summary.kept += copy.status == CopyStatus::kept;
    summary.failed += copy.status == CopyStatus::failed;
  }
  Result<void> manifest = write_manifests(options, *issue, summary);
  if (!manifest) return fail(manifest.error());
  return summary;
}

}  // namespace nashr
