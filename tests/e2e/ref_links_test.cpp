// Figures and cross-references in the built samples, read back with real readers: each <ref>'s link
// goes to the page its target is on (qpdf's JSON, tests/e2e/ref_links.py), the page a reference
// names is that page (pdftotext), and the chart is vectors, not an image (pdfimages).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  const int status = pclose(pipe);
  if (status != 0) out = "FAILED (" + std::to_string(status) + "): " + command + "\n" + out;
  return out;
}

struct Sample {
  const char* name;
  const char* caption;  // how the figure's caption starts
  const char* page_word;
};

class RefLinks : public ::testing::TestWithParam<Sample> {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs them in parallel.
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    out_ = fs::path(NASHR_BINARY_DIR) / "e2e" / ("ref-links-" + test.substr(0, test.find('/')) + "-" + GetParam().name);
    fs::remove_all(out_);
    const std::string report = (fs::path(NASHR_SOURCE_DIR) / "reports" / (std::string(GetParam().name) + ".xml")).string();
    const std::string built = run(std::string(NASHR_EXECUTABLE) + " build -o '" + out_.string() + "' '" + report + "'");
    ASSERT_EQ(built.find("FAILED"), std::string::npos) << built;
    pdf_ = (out_ / (std::string(GetParam().name) + ".pdf")).string();
  }
  std::string page_text(int page) const {
    return run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf_ + "' -");
  }
  fs::path out_;
  std::string pdf_;
};

TEST_P(RefLinks, EveryReferenceLinksToThePageOfItsTarget) {
  const std::string links = run("python3 '" NASHR_SOURCE_DIR "/tests/e2e/ref_links.py' '" + pdf_ + "'");
  ASSERT_EQ(links.find("FAILED"), std::string::npos) << links << "\n(this test needs qpdf and python3)";
  std::istringstream lines(links);
  int from = 0, to = 0, figure_links = 0;
  std::string name;
  std::map<std::string, int> targets;
  while (lines >> from >> name >> to) {
    ASSERT_GT(to, 0) << name << " leads nowhere:\n" << links;
    if (targets.count(name)) {
      EXPECT_EQ(targets[name], to) << name;
    }
    targets[name] = to;
    if (name == "timeline") ++figure_links;
  }
  EXPECT_GE(figure_links, 2) << "the figure's label and its page reference are links:\n" << links;
  ASSERT_TRUE(targets.count("timeline") && targets.count("challenges")) << links;
  // The figure's caption and the section's heading are on the pages the links go to.
  EXPECT_NE(page_text(targets["timeline"]).find(GetParam().caption), std::string::npos)
      << "page " << targets["timeline"] << ":\n" << page_text(targets["timeline"]);
  // The page reference names that page («صفحهٔ ۲» / "page 2").
  std::string digits;
  for (const char digit : std::to_string(targets["timeline"])) {
    if (std::string(GetParam().name).find("-fa") == std::string::npos) {
      digits += digit;
    } else {  // Persian digits: U+06F0 to U+06F9
      digits += "\xDB";
      digits += static_cast<char>(0xB0 + (digit - '0'));
    }
  }
  // (poppler marks embedded directions with U+202A to U+202C: left out here)
  std::string all = run("pdftotext '" + pdf_ + "' -");
  for (const char* mark : {"\u202a ", "\u202a", "\u202b", "\u202c"}) {
    const std::string text = mark;
    for (std::size_t at = all.find(text); at != std::string::npos; at = all.find(text, at)) all.erase(at, text.size());
  }
  EXPECT_NE(all.find(std::string(GetParam().page_word) + " " + digits), std::string::npos) << all;
}

TEST_P(RefLinks, TheChartIsVectorsNotAnImage) {
  const std::string images = run("pdfimages -list '" + pdf_ + "'");
  ASSERT_EQ(images.find("FAILED"), std::string::npos) << images << "\n(this test needs pdfimages: poppler-utils)";
  std::istringstream lines(images);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) ++rows;
  EXPECT_EQ(rows, 2) << "only the header of pdfimages' table, no image:\n" << images;
  const std::string qdf = run("qpdf --qdf --object-streams=disable '" + pdf_ + "' -");
  EXPECT_NE(qdf.find("/Subtype /Form"), std::string::npos) << "the chart is a Form XObject";
  EXPECT_NE(run("qpdf --check '" + pdf_ + "'").find("No syntax or stream encoding errors"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Samples, RefLinks,
                         ::testing::Values(Sample{"persian-files-29-2", "Figure 1:", "page"},
                                           Sample{"persian-files-29-2-fa", "\u0634\u06a9\u0644", "\u0635\u0641\u062d\u0647\u0654"}),
                         [](const auto& test) {
                           return std::string(test.param.name).find("-fa") == std::string::npos ? "english" : "persian";
                         });

}  // namespace
