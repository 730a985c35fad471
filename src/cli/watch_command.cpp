// `nashr watch FILE.xml -o DIR [build options]`: builds, then rebuilds whenever the report, its
// style sheet or an image beside it changes (inotify), until interrupted.
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <variant>

#include "base/diagnostics.h"
#include "cli/cli.h"
#include "cli/options.h"
#include "cli/workflow_commands.h"
#include "model/report.h"

namespace nashr {

namespace {

namespace fs = std::filesystem;

// An inotify instance; closed when done.
class Inotify {
 public:
  Inotify() : fd_(inotify_init1(IN_CLOEXEC)) {}
  Inotify(const Inotify&) = delete;
  Inotify& operator=(const Inotify&) = delete;
  ~Inotify() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }

  // Watches a folder for files written and closed, moved in (editors that save by rename) and
  // deleted; not created, as a new file is empty until its writer closes it.
  void watch_folder(const fs::path& folder) {
    const int wd = inotify_add_watch(fd_, folder.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE);
    if (wd >= 0) folders_[wd] = folder;
  }

  // Waits up to `timeout_ms` (-1: for ever) and returns the paths of the files events named.
  std::set<fs::path> wait(int timeout_ms) {
    std::set<fs::path> paths;
    pollfd poll_fd{fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, timeout_ms) <= 0) return paths;
    alignas(inotify_event) char buffer[16384];
    const ssize_t length = read(fd_, buffer, sizeof buffer);
    for (ssize_t at = 0; at < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      if (event->len > 0 && folders_.count(event->wd)) paths.insert(folders_[event->wd] / event->name);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
    return paths;
  }

 private:
  int fd_;
  std::map<int, fs::path> folders_;
};

// What the report reads besides itself, as far as it can be read now (it may be broken or
// half-written): its style sheet and the articles it includes.
struct Dependencies {
  fs::path style;
  std::set<fs::path> articles;  // absolute, normalised
};

// The files whose change means a rebuild: the report, its style sheet, its articles, and images in the
// report's folder and its subfolders (figures live there).
bool is_input(const fs::path& path, const fs::path& report, const Dependencies& dependencies) {
  const fs::path normal = path.lexically_normal();
  if (normal == report || (!dependencies.style.empty() && normal == dependencies.style)) return true;
  if (dependencies.articles.count(normal)) return true;
  const std::string extension = path.extension().string();
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

void watch_tree(Inotify& inotify, const fs::path& folder, int depth) {
  inotify.watch_folder(folder);
  if (depth == 0) return;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (it->is_directory(type_error) && !it->is_symlink(type_error)) watch_tree(inotify, it->path(), depth - 1);
  }
}

void add_articles(const Blocks& blocks, std::set<fs::path>& articles) {
  for (const Block& block : blocks) {
    if (const auto* article = std::get_if<Article>(&block.value)) {
      articles.insert(fs::absolute(article->content->path).lexically_normal());
      add_articles(article->content->body, articles);
    }
  }
}

Dependencies dependencies_of(const std::string& report) {
  DiagnosticSink quiet;
  Result<Report> read = read_report(report, quiet);
  Dependencies dependencies;
  if (!read) return dependencies;
  dependencies.style = fs::absolute(read->style_path).lexically_normal();
  add_articles(read->body, dependencies.articles);
  return dependencies;
}

}  // namespace

int run_watch(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err, bool colour) {
  std::vector<std::string> build_arguments(arguments.begin(), arguments.end());
  build_arguments[0] = "build";
  Result<Options, std::string> options = parse_arguments(build_arguments);
  if (!options || options->inputs.size() != 1 || !options->dump.empty()) {
    err << "nashr: " << (options ? "watch takes one report and no --dump" : options.error()) << "\n"
        << "usage: nashr watch FILE.xml [-o DIR] [--strict] [--diagnostics=FORMAT] [-j N]\n";
    return static_cast<int>(ExitCode::usage);
  }
  const fs::path report = fs::absolute(options->inputs.front()).lexically_normal();
  Inotify inotify;
  if (inotify.fd() < 0) {
    err << format_diagnostic(make_error({}, "cannot watch files (inotify)", "raise fs.inotify.max_user_instances"), colour);
    return static_cast<int>(ExitCode::io_or_internal);
  }
  const fs::path pdf = fs::path(options->output_dir) / report.filename().replace_extension(".pdf");
  // Folders are watched, not files: a save by rename or a delete and re-create replaces the file.
  // The report's folder is watched before the first build, so no save is missed.
  std::set<fs::path> watched_folders = {report.parent_path()};
  watch_tree(inotify, report.parent_path(), 3);
  for (;;) {
    const auto start = std::chrono::steady_clock::now();
    const int code = run_cli(build_arguments, out, err, colour);
    const double milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (code == 0) {
      out << "nashr: built " << pdf.string() << " in " << static_cast<long>(milliseconds + 0.5) << " ms\n";
    } else {
      out << "nashr: errors; " << (fs::exists(pdf) ? "kept the last good " + pdf.string() : "no PDF yet")
          << " (waiting for a change)\n";
    }
    out << std::flush;
    const Dependencies dependencies = dependencies_of(report.string());
    const fs::path& style = dependencies.style;
    if (!style.empty() && watched_folders.insert(style.parent_path()).second) watch_tree(inotify, style.parent_path(), 0);
    // Articles are inside the report's folder; one deeper than the tree watched gets its own folder watched.
    for (const fs::path& article : dependencies.articles) {
      if (watched_folders.insert(article.parent_path()).second) watch_tree(inotify, article.parent_path(), 0);
    }
    bool changed = false;
    while (!changed) {
      for (const fs::path& path : inotify.wait(-1)) changed = changed || is_input(path, report, dependencies);
    }
    // An editor's save can be several events (a backup written, the file renamed): let them arrive.
    while (!inotify.wait(5).empty()) {
    }
    if (!fs::exists(report)) {  // deleted, not yet written again: wait for it
      while (!fs::exists(report)) inotify.wait(-1);
    }
  }
}

}  // namespace nashr
