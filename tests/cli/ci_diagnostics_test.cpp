// Issue 19, item 2: --diagnostics=github (workflow commands) and --diagnostics=sarif (SARIF 2.1.0).
// g++ 12 warns falsely on `"literal" + std::string` under -O3 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/diagnostics.h"
#include "cli/cli.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;

std::string repository_file(const std::string& relative) {
  return (fs::path(NASHR_SOURCE_DIR) / relative).string();
}

TEST(CiDiagnostics, GithubWorkflowCommandsCarryTheLocationAndEscapeTheirText) {
  const std::vector<Diagnostic> diagnostics = {
      make_error({"reports/a,b:c.xml", 7, 9}, "ISSN has a wrong check digit", "the check digit is 8"),
      make_warning({"r.xml", 3, 0}, "100% wrong\nsecond line"),
      {Severity::note, {}, "a note", ""}};
  EXPECT_EQ(format_diagnostics_github(diagnostics),
            "::error file=reports/a%2Cb%3Ac.xml,line=7,col=9::ISSN has a wrong check digit%0Ahint: the check digit is 8\n"
            "::warning file=r.xml,line=3::100%25 wrong%0Asecond line\n"
            "::notice::a note\n");
}

TEST(CiDiagnostics, GithubFromTheCommandLine) {
  const std::string ten = repository_file("tests/model/bad/ten-errors.xml");
  std::ostringstream out, err;
  EXPECT_EQ(run_cli({"check", "--diagnostics=github", ten}, out, err), 1);
  EXPECT_NE(err.str().find("::error file=" + ten + ",line=5,col=27::ISSN 2975-0597 has a wrong check digit%0Ahint: "),
            std::string::npos)
      << err.str();
  std::size_t commands = 0;
  std::istringstream lines(err.str());
  for (std::string line; std::getline(lines, line);) {
    EXPECT_EQ(line.rfind("::error file=", 0), 0u) << line;
    ++commands;
  }
  EXPECT_EQ(commands, 10u);
}

// The log is parsed by python3's json module and checked against the SARIF 2.1.0 schema's required
// properties and value ranges (sarifLog, run, tool, toolComponent, result, message, location, region).
TEST(CiDiagnostics, SarifIsAValidSarif210Log) {
  const fs::path dir = fs::path(NASHR_BINARY_DIR) / "ci-sarif";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string ten = repository_file("tests/model/bad/ten-errors.xml");
  std::ostringstream out, err;
  EXPECT_EQ(run_cli({"check", "--diagnostics=sarif", ten, "/nonexistent dir/r.xml"}, out, err), 3);
  std::ofstream(dir / "log.sarif") << err.str();
  std::ofstream(dir / "check.py") << R"(import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log.get("version")
assert "sarif-2.1.0" in log["$schema"]
assert isinstance(log["runs"], list) and len(log["runs"]) == 1
run = log["runs"][0]
assert run["tool"]["driver"]["name"] == "nashr"
results = run["results"]
assert len(results) == 11, len(results)
for result in results:
    assert result["level"] in ("none", "note", "warning", "error")
    assert isinstance(result["message"]["text"], str) and result["message"]["text"]
    for location in result.get("locations", []):
        physical = location["physicalLocation"]
        assert isinstance(physical["artifactLocation"]["uri"], str)
        region = physical.get("region")
        if region is not None:
            assert region["startLine"] >= 1
            assert region.get("startColumn", 1) >= 1
first = results[0]
assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file://" + sys.argv[2], first
assert results[-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///nonexistent%20dir/r.xml"
assert "region" not in results[-1]["locations"][0]["physicalLocation"]
assert any(r["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 27} and
           "hint: the check digit for 2975-059 is 8" in r["message"]["text"] for r in results[:-1])
print("ok")
)";
  const std::string command = "command -v python3 >/dev/null || { echo 'python3 is missing: scripts/setup.sh installs it' >&2; exit 1; }; python3 " +
                              (dir / "check.py").string() + " " + (dir / "log.sarif").string() + " " + ten;
  EXPECT_EQ(std::system(command.c_str()), 0) << err.str();
}

}  // namespace
}  // namespace nashr
