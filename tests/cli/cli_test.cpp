#include "cli/cli.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/version.h"
#include "cli/options.h"

namespace nashr {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run_nashr(std::vector<std::string> arguments) {
  std::ostringstream out, err;
  const int code = run_cli(arguments, out, err);
  return {code, out.str(), err.str()};
}

TEST(Cli, VersionAndHelp) {
  CliRun version = run_nashr({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out, std::string("nashr ") + kVersion + "\n");
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
                                                                     {"check", "--dump=nothing", "a.xml"}}) {
    CliRun r = run_nashr(arguments);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("usage: nashr"), std::string::npos);
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(Cli, ParsesOptions) {
  auto options =
      parse_arguments({"build", "-o", "dist", "--strict", "--diagnostics=json", "a.xml", "--", "-b.xml"});
  ASSERT_TRUE(options.ok()) << options.error();
  EXPECT_EQ(options->command, Command::build);
  EXPECT_EQ(options->output_dir, "dist");
  EXPECT_TRUE(options->strict);
  EXPECT_EQ(options->diagnostics, DiagnosticFormat::json);
  EXPECT_EQ(options->inputs, (std::vector<std::string>{"a.xml", "-b.xml"}));
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

// The real executable, as scripts call it.
TEST(Cli, ExecutableExitCodes) {
  const std::string nashr = NASHR_EXECUTABLE;
  EXPECT_EQ(WEXITSTATUS(std::system((nashr + " --version >/dev/null").c_str())), 0);
  EXPECT_EQ(WEXITSTATUS(std::system((nashr + " --bogus 2>/dev/null").c_str())), 2);
}

}  // namespace
}  // namespace nashr
