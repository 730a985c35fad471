#include "cli/cli.h"

#include <gtest/gtest.h>

#include "base/allocator.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "base/version.h"
#include "cli/options.h"
#include "support/cli_run.h"

namespace nashr {
namespace {

using nashr::testing::CliRun;
using nashr::testing::run_nashr;

TEST(Cli, VersionAndHelp) {
  CliRun version = run_nashr({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out, std::string("nashr ") + kVersion + "\nmalloc: " + allocator_name() + "\n");
  CliRun help = run_nashr({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("exit codes:"), std::string::npos);
  EXPECT_NE(help.out.find("build FILE.xml"), std::string::npos);
  EXPECT_NE(help.out.find("check FILE.xml"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  for (const auto& arguments : std::vector<std::vector<std::string>>{{"--bogus"},
                                                                     {},
                                                                     {"typeset", "a.xml"},
                                                                     {"build"},
                                                                     {"check", "--diagnostics=xml", "a.xml"},
                                                                     {"build", "-o"},
                                                                     {"check", "--dump=nothing", "a.xml"},
                                                                     {"build", "-j", "0", "a.xml"},
                                                                     {"build", "--jobs=two", "a.xml"},
                                                                     {"build", "a.xml", "-j"},
                                                                     {"check", "--timings", "a.xml"}}) {
    CliRun r = run_nashr(arguments);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("usage: nashr"), std::string::npos);
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(Cli, ParsesOptions) {
  auto options = parse_arguments(
      {"build", "-o", "dist", "--strict", "--diagnostics=json", "-j3", "a.xml", "--", "-b.xml"});
  ASSERT_TRUE(options.ok()) << options.error();
  EXPECT_EQ(options->command, Command::build);
  EXPECT_EQ(options->output_dir, "dist");
  EXPECT_TRUE(options->strict);
  EXPECT_EQ(options->diagnostics, DiagnosticFormat::json);
  EXPECT_EQ(options->jobs, 3u);
  EXPECT_EQ(options->inputs, (std::vector<std::string>{"a.xml", "-b.xml"}));
  // check lays reports out as build does, on as many threads.
  auto check = parse_arguments({"check", "-j", "2", "a.xml"});
  ASSERT_TRUE(check.ok()) << check.error();
  EXPECT_EQ(check->jobs, 2u);
}

TEST(Cli, MissingInputIsAnIoError) {
  CliRun r = run_nashr({"check", "/nonexistent/report.xml"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("/nonexistent/report.xml: error: cannot open"), std::string::npos);
}

TEST(Cli, MalformedXmlIsAnInputErrorWithLocation) {
  const auto path = std::filesystem::temp_directory_path() / "nashr-cli-malformed.xml";
  std::ofstream(path) << "<report>\n  <title>x</titel>\n</report>\n";
  CliRun r = run_nashr({"check", path.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(path.string() + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: malformed XML"), std::string::npos) << r.err;
  CliRun json = run_nashr({"check", "--diagnostics=json", path.string()});
  EXPECT_NE(json.err.find("\"line\": 2"), std::string::npos) << json.err;
  std::filesystem::remove(path);
}

std::string repository_file(const std::string& relative) {
  return (std::filesystem::path(NASHR_SOURCE_DIR) / relative).string();
}

TEST(Cli, CheckPassesTheShippedReportsAndStylesSilently) {
  CliRun r = run_nashr({"check", "--strict", repository_file("reports/persian-files-29-2.xml"),
                        repository_file("reports/persian-files-29-2-fa.xml"),
                        repository_file("styles/persian-files.xml")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "");
}

TEST(Cli, CheckReportsEveryErrorAndExitsOne) {
  const std::string ten = repository_file("tests/model/bad/ten-errors.xml");
  CliRun r = run_nashr({"check", ten, repository_file("reports/persian-files-29-2.xml")});
  EXPECT_EQ(r.code, 1);
  std::size_t errors = 0;
  for (std::size_t at = r.err.find(": error: "); at != std::string::npos;
       at = r.err.find(": error: ", at + 1))
    ++errors;
  EXPECT_EQ(errors, 10u) << r.err;
  EXPECT_NE(
      r.err.find(ten + ":5:27: error: ISSN 2975-0597 has a wrong check digit\n  hint: the check digit for "
                       "2975-059 is 8\n"),
      std::string::npos)
      << r.err;
  CliRun json = run_nashr({"check", "--diagnostics=json", ten});
  EXPECT_NE(json.err.find("\"line\": 5, \"column\": 27"), std::string::npos) << json.err;
}

TEST(Cli, StrictTurnsPersianLintAndNormalisationIntoErrors) {
  const auto path = std::filesystem::temp_directory_path() / "nashr-cli-strict.xml";
  std::ofstream(path)
      << "<report xml:lang=\"fa\" style=\"persian-files-fa\"><meta>"
         "<series-title>پرونده‌ها</series-title><issn medium=\"print\">2975-0598</issn>"
         "<volume>1</volume><issue>1</issue><date>2025-01-20</date><publisher>ناشر</publisher>"
         "<title>عنوان</title></meta><body><p>كتاب</p></body></report>\n";
  CliRun relaxed = run_nashr({"check", path.string()});
  EXPECT_EQ(relaxed.code, 0) << relaxed.err;
  EXPECT_EQ(relaxed.err, "");  // normalised silently
  CliRun strict = run_nashr({"check", "--strict", path.string()});
  EXPECT_EQ(strict.code, 1);
  EXPECT_NE(strict.err.find(":1:249: error: 'ك' in Persian text was normalised to 'ک'"), std::string::npos)
      << strict.err;
  std::filesystem::remove(path);
}

TEST(Cli, CheckReadsTheStyleEvenWhenTheReportHasErrors) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "nashr-cli-style-errors";
  fs::create_directories(root / "reports");
  fs::create_directories(root / "styles");
  fs::copy_file(repository_file("tests/style/bad/unknown-field.xml"), root / "styles" / "unknown-field.xml",
                fs::copy_options::overwrite_existing);
  std::ofstream(root / "reports" / "r.xml")
      << "<report xml:lang=\"en\" style=\"unknown-field\"><body/></report>\n";
  CliRun r = run_nashr({"check", (root / "reports" / "r.xml").string()});
  fs::remove_all(root);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("r.xml:1:1: error: the report has no <meta>"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown-field.xml:84:5: error: unknown field {series-titel} in <start>"),
            std::string::npos)
      << r.err;
}

TEST(Cli, DumpModelPrintsTheModel) {
  CliRun r = run_nashr({"build", "--dump=model", repository_file("reports/persian-files-29-2.xml")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("report persian-files-29-2.xml @4:1 [en ltr]", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("section @58:5 [en ltr] level=1 id=background"), std::string::npos);
  CliRun bad = run_nashr({"build", "--dump=model", repository_file("tests/model/bad/ten-errors.xml")});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.out, "");
}

TEST(Cli, BuildWritesOnePdfPerReportIntoTheOutputFolder) {
  const std::filesystem::path out = std::filesystem::path(NASHR_BINARY_DIR) / "cli-build";
  std::filesystem::remove_all(out);
  CliRun r = run_nashr({"build", "-o", out.string(), repository_file("reports/persian-files-29-2.xml"),
                        repository_file("reports/persian-files-29-2-fa.xml")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out / "persian-files-29-2.pdf"));
  EXPECT_TRUE(std::filesystem::exists(out / "persian-files-29-2-fa.pdf"));
}

TEST(Cli, TimingsNameEveryStageInOrderWithATotal) {
  const std::filesystem::path out = std::filesystem::path(NASHR_BINARY_DIR) / "cli-timings";
  const std::string report = repository_file("reports/persian-files-29-2-fa.xml");
  CliRun r = run_nashr({"build", "--timings", "-o", out.string(), report});
  EXPECT_EQ(r.code, 0) << r.err;
  const std::string prefix = "nashr: timings for " + report + ":";
  ASSERT_EQ(r.err.rfind(prefix, 0), 0u) << r.err;
  std::size_t at = prefix.size();
  for (const char* stage : {"read_report", "read_style", "resolve", "itemize", "shape", "break_lines",
                            "paginate", "write_pdf", "; total", "; 2 layout passes"}) {
    const std::size_t found = r.err.find(stage, at);
    ASSERT_NE(found, std::string::npos) << stage << " missing or out of order in: " << r.err;
    at = found;
  }
  EXPECT_EQ(r.err.back(), '\n');
  CliRun quiet = run_nashr({"build", "-o", out.string(), report});
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(run_nashr({"check", "--timings", report}).code, 2);
}

TEST(Cli, ABrokenReportInABatchStopsNoOther) {
  // Every report gets its own diagnostics: the reports after a broken one are built, and the summary
  // names the failure.
  const std::filesystem::path dir = std::filesystem::path(NASHR_BINARY_DIR) / "cli-batch";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "in");
  const std::string good = repository_file("reports/persian-files-29-2.xml");
  std::vector<std::string> arguments = {"build", "-o", (dir / "out").string()};
  for (int i = 0; i < 5; ++i) {
    const std::filesystem::path copy = dir / "in" / ("r" + std::to_string(i) + ".xml");
    std::filesystem::copy_file(good, copy);
    arguments.push_back(copy.string());
  }
  std::filesystem::copy_file(repository_file("tests/model/bad/ten-errors.xml"), dir / "in" / "broken.xml");
  std::filesystem::copy(repository_file("reports/charts"), dir / "in" / "charts");  // the sample's figure
  arguments.insert(arguments.begin() + 5, (dir / "in" / "broken.xml").string());
  CliRun r = run_nashr(arguments);
  EXPECT_EQ(r.code, 1) << r.err;
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / ("r" + std::to_string(i) + ".pdf"))) << i << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "broken.pdf"));
  EXPECT_NE(r.err.find("nashr: 5 built, 1 failed: " + (dir / "in" / "broken.xml").string() + "\n"), std::string::npos)
      << r.err;
  std::size_t errors = 0;
  for (std::size_t at = r.err.find(": error: "); at != std::string::npos; at = r.err.find(": error: ", at + 1)) ++errors;
  EXPECT_EQ(errors, 10u) << r.err;
  arguments[0] = "check";
  arguments.erase(arguments.begin() + 1, arguments.begin() + 3);
  CliRun check = run_nashr(arguments);
  EXPECT_EQ(check.code, 1);
  EXPECT_NE(check.err.find("nashr: 5 passed, 1 failed: "), std::string::npos) << check.err;
}

TEST(Cli, BuildRefusesToOverwriteItsInput) {
  const std::filesystem::path dir = std::filesystem::path(NASHR_BINARY_DIR) / "cli-self";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::filesystem::path input = dir / "x.pdf";
  std::filesystem::copy_file(repository_file("reports/persian-files-29-2.xml"), input);
  CliRun r = run_nashr({"build", "-o", dir.string(), input.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("would overwrite the input"), std::string::npos) << r.err;
  std::ifstream kept(input);
  std::string first;
  std::getline(kept, first);
  EXPECT_EQ(first.rfind("<?xml", 0), 0u) << "the input was overwritten";
}

TEST(Cli, BuildRefusesTwoReportsWithTheSameOutput) {
  CliRun r = run_nashr({"build", "-o", "/tmp", repository_file("reports/persian-files-29-2.xml"),
                        repository_file("reports/persian-files-29-2.xml")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("would overwrite"), std::string::npos) << r.err;
}

TEST(Cli, EveryDumpPrintsItsStage) {
  const std::string report = repository_file("reports/persian-files-29-2-fa.xml");
  for (const auto& [dump, marker] : std::vector<std::pair<std::string, std::string>>{{"model", "report"},
                                                                                     {"resolve", "masthead"},
                                                                                     {"shape", "Vazirmatn"},
                                                                                     {"lines", "line 1"},
                                                                                     {"pages", "page"}}) {
    CliRun r = run_nashr({"build", "--dump=" + dump, report});
    EXPECT_EQ(r.code, 0) << dump << ": " << r.err;
    EXPECT_NE(r.out.find(marker), std::string::npos) << dump << " dump lacks '" << marker << "'";
  }
}

// Issue 12, items 8 and 9, as scripts meet them: builds of one report racing into one folder end
// with one whole PDF (the one a lone build writes) and no temporary; a temporary that a killed
// build left (".NAME.pdf.tmp-PID", its writer gone) is removed by the next build of that file.
TEST(Cli, ConcurrentBuildsEndWithOneWholePdfAndTidyAKilledOnesTemporary) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "cli-concurrent";
  fs::remove_all(dir);
  fs::create_directories(dir / "alone");
  const std::string nashr = NASHR_EXECUTABLE;
  const std::string report = repository_file("reports/persian-files-29-2.xml");
  ASSERT_EQ(std::system((nashr + " build -o " + (dir / "alone").string() + " " + report).c_str()), 0);
  std::ifstream alone_file(dir / "alone" / "persian-files-29-2.pdf", std::ios::binary);
  const std::string alone((std::istreambuf_iterator<char>(alone_file)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(alone.empty());

  fs::create_directories(dir / "out");
  // A temporary whose writer has gone: the shell's child, finished before nashr starts.
  const std::string leave_stale = "sh -c 'echo half > " + (dir / "out").string() + "/.persian-files-29-2.pdf.tmp-$$'";
  ASSERT_EQ(std::system(leave_stale.c_str()), 0);
  std::string race;
  for (int i = 0; i < 4; ++i) race += nashr + " build -o " + (dir / "out").string() + " " + report + " & ";
  ASSERT_EQ(std::system(("sleep 0.02; " + race + "wait").c_str()), 0);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir / "out")) names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"persian-files-29-2.pdf"});
  std::ifstream raced_file(dir / "out" / "persian-files-29-2.pdf", std::ios::binary);
  const std::string raced((std::istreambuf_iterator<char>(raced_file)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(raced == alone) << "the PDF is not whole: " << raced.size() << " bytes, " << alone.size() << " alone";
}

// Issue 12: an output that is a folder was reported as "…: cannot move the finished file into place:
// Success", after the whole report had been typeset.
TEST(Cli, AnOutputThatIsAFolderIsNamedAsSuch) {
  const std::filesystem::path dir = std::filesystem::path(NASHR_BINARY_DIR) / "cli-folder-output";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "persian-files-29-2.pdf");
  CliRun r = run_nashr({"build", "-o", dir.string(), repository_file("reports/persian-files-29-2.xml")});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("persian-files-29-2.pdf: error: is a folder"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hint: "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Success"), std::string::npos) << r.err;
}

// The real executable, as scripts call it.
TEST(Cli, ExecutableExitCodes) {
  const std::string nashr = NASHR_EXECUTABLE;
  EXPECT_EQ(WEXITSTATUS(std::system((nashr + " --version >/dev/null").c_str())), 0);
#ifdef NASHR_MIMALLOC
  // The executable's own link order puts mimalloc before libc.
  EXPECT_EQ(WEXITSTATUS(std::system((nashr + " --version | grep -q '^malloc: mimalloc 2\\.'").c_str())), 0);
#endif
  EXPECT_EQ(WEXITSTATUS(std::system((nashr + " --bogus 2>/dev/null").c_str())), 2);
  EXPECT_EQ(WEXITSTATUS(
                std::system((nashr + " check " + repository_file("reports/persian-files-29-2.xml")).c_str())),
            0);
  EXPECT_EQ(
      WEXITSTATUS(std::system(
          (nashr + " check " + repository_file("tests/model/bad/malformed.xml") + " 2>/dev/null").c_str())),
      1);
  EXPECT_EQ(WEXITSTATUS(std::system((nashr + " check /nonexistent.xml 2>/dev/null").c_str())), 3);
}

}  // namespace
}  // namespace nashr

namespace nashr {
namespace {

TEST(CliDistribute, UsageErrorsExitTwo) {
  for (const auto& arguments : std::vector<std::vector<std::string>>{
           {"distribute", "a.pdf"},
           {"distribute", "a.pdf", "b.pdf", "--subscribers", "s.csv"},
           {"distribute", "a.pdf", "--subscribers", "s.csv", "--shard", "0/3"},
           {"distribute", "a.pdf", "--subscribers", "s.csv", "--shard", "4/3"},
           {"distribute", "a.pdf", "--subscribers", "s.csv", "--shard=two"},
           {"distribute", "a.pdf", "--subscribers", "s.csv", "--allow=print,everything"},
           {"distribute", "a.pdf", "--subscribers", "s.csv", "--user-password=guess"},
           {"distribute", "a.pdf", "--subscribers"},
           {"trace", "a.pdf"},
           {"check", "--subscribers", "s.csv", "a.xml"},
           {"build", "--keep-going", "a.xml"}}) {
    std::ostringstream out, err;
    EXPECT_EQ(run_cli(arguments, out, err), 2) << arguments.back() << ": " << err.str();
    EXPECT_NE(err.str().find("usage: nashr"), std::string::npos);
  }
}

TEST(CliDistribute, ParsesItsOptions) {
  auto options = parse_arguments({"distribute", "issue.pdf", "--subscribers=s.csv", "--key-file", "k", "--shard",
                                  "2/8", "--allow=print-low,copy", "--user-password=derive", "--keep-going",
                                  "--watermark", "-j", "2"});
  ASSERT_TRUE(options) << options.error();
  const DistributeOptions& d = options->distribute;
  EXPECT_EQ(d.issue, "issue.pdf");
  EXPECT_EQ(d.subscribers, "s.csv");
  EXPECT_EQ(d.key_file, "k");
  EXPECT_EQ(d.shard, 2u);
  EXPECT_EQ(d.shard_count, 8u);
  EXPECT_EQ(to_string(d.permissions), "print-low,copy");
  EXPECT_EQ(d.passwords, UserPasswordSource::derive);
  EXPECT_TRUE(d.keep_going);
  EXPECT_TRUE(d.watermark);
  EXPECT_EQ(d.output_dir, "copies");
  EXPECT_EQ(d.threads, 2u);
  std::ostringstream out, err;
  EXPECT_EQ(run_cli({"--help"}, out, err), 0);
  EXPECT_NE(out.str().find("distribute ISSUE.pdf"), std::string::npos);
  EXPECT_NE(out.str().find("trace LEAKED.pdf"), std::string::npos);
}

}  // namespace
}  // namespace nashr
