// The figure check: good PNGs and JPEGs of every kind decode to their sizes; damaged, truncated,
// oversized and foreign files are refused with a located error, without aborting, and bombs are
// refused from their header. The images are written by tests/model/images/make.py.
#include "model/image_check.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "model/report.h"
#include "support/process.h"

namespace nashr {
namespace {

namespace fs = std::filesystem;
using nashr::testing::Command;
using nashr::testing::run;

const fs::path kImages = fs::path(NASHR_TEST_DIR) / "images";
const SourceLocation kWhere{"report.xml", 12, 20};

std::string contents(const fs::path& path) {
  Result<std::string> bytes = read_file(path);
  EXPECT_TRUE(bytes.ok()) << path;
  return bytes.ok() ? *bytes : std::string();
}

std::span<const unsigned char> as_bytes(const std::string& text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

// The default limits without libharu's rules: everything that decodes is accepted.
ImageLimits any_decodable() {
  ImageLimits limits;
  limits.libharu_rules = false;
  return limits;
}

Result<CheckedImage> check_file(const fs::path& path, const ImageLimits& limits = any_decodable()) {
  return check_image(path, "images/" + path.filename().string(), kWhere, limits);
}

Result<CheckedImage> check_memory(const std::string& bytes, const ImageLimits& limits = any_decodable()) {
  return check_image_bytes(as_bytes(bytes), "memory.img", kWhere, limits);
}

// ---- good images -----------------------------------------------------------------------------

struct GoodImage {
  fs::path file;
  ImageFormat format;
  int width, height, bit_depth, components;
  ImageColour colour;
  bool has_alpha, interlaced;
  bool libharu_embeds = true;  // accepted with the default limits too
};

class GoodImages : public ::testing::TestWithParam<GoodImage> {};

TEST_P(GoodImages, DecodeToTheirSizeFromAFileAndFromMemory) {
  const GoodImage& expected = GetParam();
  const std::string bytes = contents(expected.file);
  for (const Result<CheckedImage>& image : {check_file(expected.file), check_memory(bytes)}) {
    ASSERT_TRUE(image.ok()) << format_diagnostic(image.error());
    EXPECT_EQ(image->format, expected.format);
    EXPECT_EQ(image->width, expected.width);
    EXPECT_EQ(image->height, expected.height);
    EXPECT_EQ(image->bit_depth, expected.bit_depth);
    EXPECT_EQ(image->components, expected.components);
    EXPECT_EQ(image->colour, expected.colour) << to_string(image->colour);
    EXPECT_EQ(image->has_alpha, expected.has_alpha);
    EXPECT_EQ(image->interlaced, expected.interlaced);
    EXPECT_EQ(image->adobe_cmyk, expected.file.filename() == "cmyk.jpg");
    EXPECT_EQ(image->has_trns, expected.file.filename().string().find("-trns") != std::string::npos ||
                                   expected.file.filename().string().find("-key") != std::string::npos);
  }
  EXPECT_EQ(check_image(expected.file, "x", kWhere).ok(), expected.libharu_embeds);
}

const fs::path kPdfData = fs::path(NASHR_TEST_DIR) / ".." / "pdf" / "data";
using C = ImageColour;
constexpr ImageFormat kPng = ImageFormat::png;
constexpr ImageFormat kJpeg = ImageFormat::jpeg;

INSTANTIATE_TEST_SUITE_P(
    ImageCheck, GoodImages,
    ::testing::Values(GoodImage{kImages / "rgb8.png", kPng, 13, 9, 8, 3, C::rgb, false, false},
                      GoodImage{kImages / "rgba8.png", kPng, 11, 7, 8, 4, C::rgba, true, false},
                      GoodImage{kImages / "palette4-trns.png", kPng, 10, 6, 4, 1, C::palette, true, false,
                                false},
                      GoodImage{kImages / "palette8-trns.png", kPng, 12, 4, 8, 1, C::palette, true, false},
                      GoodImage{kImages / "grey8.png", kPng, 9, 5, 8, 1, C::grey, false, false},
                      GoodImage{kImages / "grey1.png", kPng, 19, 3, 1, 1, C::grey, false, false},
                      GoodImage{kImages / "grey-alpha8.png", kPng, 6, 6, 8, 2, C::grey_alpha, true, false},
                      GoodImage{kImages / "grey-key.png", kPng, 7, 3, 8, 1, C::grey, true, false, false},
                      GoodImage{kImages / "rgb-key.png", kPng, 7, 3, 8, 3, C::rgb, true, false, false},
                      GoodImage{kImages / "rgb16.png", kPng, 5, 4, 16, 3, C::rgb, false, false, false},
                      GoodImage{kImages / "interlaced.png", kPng, 17, 13, 8, 3, C::rgb, false, true, false},
                      GoodImage{kImages / "large-chunk.png", kPng, 8, 8, 8, 3, C::rgb, false, false},
                      GoodImage{kImages / "baseline.jpg", kJpeg, 16, 8, 8, 3, C::rgb, false, false},
                      GoodImage{kImages / "progressive.jpg", kJpeg, 24, 48, 8, 3, C::rgb, false, true},
                      GoodImage{kImages / "grey.jpg", kJpeg, 9, 7, 8, 1, C::grey, false, false},
                      GoodImage{kImages / "cmyk.jpg", kJpeg, 8, 8, 8, 4, C::cmyk, false, false},
                      GoodImage{kImages / "cmyk-plain.jpg", kJpeg, 8, 8, 8, 4, C::cmyk, false, false, false},
                      // From real encoders, beside make.py's.
                      GoodImage{kPdfData / "logo.png", kPng, 24, 24, 8, 3, C::rgb, false, false},
                      GoodImage{kPdfData / "photo.jpg", kJpeg, 64, 48, 8, 3, C::rgb, false, false}),
    [](const ::testing::TestParamInfo<GoodImage>& param_info) {
      std::string name = param_info.param.file.filename().string();
      for (char& c : name) {
        if (c == '-' || c == '.') c = '_';
      }
      return name;
    });

// ---- bad images ------------------------------------------------------------------------------

struct BadImage {
  std::string file;     // in tests/model/images
  std::string message;  // the error's message, after "figure file 'images/NAME' "
};

class BadImages : public ::testing::TestWithParam<BadImage> {};

TEST_P(BadImages, AreRefusedWithALocatedErrorAndAHint) {
  const BadImage& bad = GetParam();
  const fs::path path = kImages / bad.file;
  const Result<CheckedImage> image = check_file(path);
  ASSERT_FALSE(image.ok()) << bad.file;
  EXPECT_EQ(image.error().severity, Severity::error);
  EXPECT_EQ(image.error().location, kWhere);
  EXPECT_EQ(image.error().message, "figure file 'images/" + bad.file + "' " + bad.message);
  EXPECT_FALSE(image.error().hint.empty());
  // The same refusal from memory.
  const Result<CheckedImage> from_memory = check_memory(contents(path));
  ASSERT_FALSE(from_memory.ok());
  EXPECT_EQ(from_memory.error().message, "figure file 'memory.img' " + bad.message);
}

INSTANTIATE_TEST_SUITE_P(
    ImageCheck, BadImages,
    ::testing::Values(
        BadImage{"empty.png", "is empty (0 bytes)"},
        BadImage{"truncated.png", "is a damaged PNG image (the file ends before the image does)"},
        BadImage{"idat-flipped.png", "is a damaged PNG image (libpng: bad adaptive filter value)"},
        BadImage{"idat-crc.png", "is a damaged PNG image (libpng: IDAT: CRC error)"},
        BadImage{"idat-garbage.png", "is a damaged PNG image (libpng: IDAT: invalid stored block lengths)"},
        BadImage{"ancillary-crc.png", "is a damaged PNG image (libpng: teSt: CRC error)"},
        BadImage{"too-much-data.png", "is a damaged PNG image (libpng: IDAT: Too much image data)"},
        BadImage{"bomb.png", "is 30000x30000 pixels (900.0 megapixels, more than the limit of 100)"},
        BadImage{"too-wide.png", "is 70000x1 pixels, more than 65535 either way"},
        BadImage{"zero-height.png", "has no pixels: its header says 5x0"},
        BadImage{"soi-only.jpg", "is a damaged JPEG image (the file ends before the image does)"},
        BadImage{"truncated.jpg", "is a damaged JPEG image (the file ends before the image does)"},
        BadImage{"cut-scan.jpg",
                 "is a damaged JPEG image (libjpeg: Corrupt JPEG data: premature end of data segment)"},
        BadImage{"bad-huffman.jpg", "is a damaged JPEG image (libjpeg: Corrupt JPEG data: bad Huffman code)"},
        BadImage{"bomb.jpg", "is 30000x30000 pixels (900.0 megapixels, more than the limit of 100)"},
        BadImage{"arithmetic.jpg",
                 "is a JPEG image with arithmetic coding, which PDF readers do not all decode"},
        BadImage{"two-components.jpg", "is a JPEG image with 2 colour components, which a PDF cannot show"},
        BadImage{"gif-named.png", "is not a PNG or JPEG image (it is a GIF image)"},
        BadImage{"svg-named.png", "is not a PNG or JPEG image (it is an SVG image)"}),
    [](const ::testing::TestParamInfo<BadImage>& param_info) {
      std::string name = param_info.param.file;
      for (char& c : name) {
        if (c == '-' || c == '.') c = '_';
      }
      return name;
    });

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// A 30000x30000 RGB PNG would be 2.7 GB of pixels. Its IDAT here holds none: had the check decoded
// anything before looking at the size, the error would be about missing image data.
TEST(ImageCheck, BombsAreRefusedFromTheHeaderWithoutMemoryOrTime) {
  for (const char* bomb : {"bomb.png", "bomb.jpg"}) {
    const long before = peak_rss_kib();
    const auto start = std::chrono::steady_clock::now();
    const Result<CheckedImage> image = check_file(kImages / bomb);
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(image.ok());
    EXPECT_NE(image.error().message.find("30000x30000 pixels"), std::string::npos) << image.error().message;
    EXPECT_LT(peak_rss_kib() - before, 16 * 1024) << bomb;
    EXPECT_LT(took, std::chrono::seconds(1)) << bomb;
  }
}

// What libharu 2.3.0 embeds wrongly, or crashes on, is refused by default with what to do instead.
TEST(ImageCheck, WhatLibharuGetsWrongIsRefusedByDefault) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"interlaced.png", "an interlaced PNG image"},
      {"rgb16.png", "a PNG image of 16 bits a channel"},
      {"grey-key.png", "a PNG image with a transparent colour (a tRNS chunk)"},
      {"rgb-key.png", "a PNG image with a transparent colour (a tRNS chunk)"},
      {"palette4-trns.png", "a PNG image with a transparent palette of 4 bits"},
      {"cmyk-plain.jpg", "a CMYK JPEG image without Adobe's marker"}};
  for (const auto& [file, what] : cases) {
    const Result<CheckedImage> image = check_file(kImages / file, ImageLimits{});
    ASSERT_FALSE(image.ok()) << file;
    EXPECT_EQ(image.error().message,
              "figure file 'images/" + file + "' is " + what + ", which nashr cannot embed yet");
    EXPECT_FALSE(image.error().hint.empty());
  }
}

TEST(ImageCheck, LimitsAreTheCallers) {
  const fs::path rgb = kImages / "rgb8.png";  // 13x9, 414 bytes
  ImageLimits few_pixels;
  few_pixels.max_pixels = 100;
  ASSERT_FALSE(check_file(rgb, few_pixels).ok());
  EXPECT_EQ(check_file(rgb, few_pixels).error().message,
            "figure file 'images/rgb8.png' is 13x9 pixels (0.0 megapixels, more than the limit of 0.0001)");
  ImageLimits narrow;
  narrow.max_side = 12;
  ASSERT_FALSE(check_file(rgb, narrow).ok());
  EXPECT_EQ(check_file(rgb, narrow).error().message,
            "figure file 'images/rgb8.png' is 13x9 pixels, more than 12 either way");
  ImageLimits small_files;
  small_files.max_file_bytes = 400;
  for (const Result<CheckedImage>& image :
       {check_file(rgb, small_files), check_memory(contents(rgb), small_files)}) {
    ASSERT_FALSE(image.ok());
    EXPECT_NE(image.error().message.find("is 414 bytes, more than the limit of 400 bytes"),
              std::string::npos);
  }
  small_files.max_file_bytes = 414;
  EXPECT_TRUE(check_file(rgb, small_files).ok());
}

TEST(ImageCheck, ProgressiveJpegScansAndMemoryAreBounded) {
  const fs::path progressive = kImages / "progressive.jpg";  // 4 scans: DC, then AC for each component
  ImageLimits few_scans;
  few_scans.max_jpeg_scans = 3;
  Result<CheckedImage> image = check_file(progressive, few_scans);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message,
            "figure file 'images/progressive.jpg' is a progressive JPEG of more than 3 scans");
  few_scans.max_jpeg_scans = 4;
  EXPECT_TRUE(check_file(progressive, few_scans).ok());
  EXPECT_TRUE(check_file(kImages / "baseline.jpg", few_scans).ok());

  // Its coefficients (24x48 pixels, 3 components, 128 bytes a block) do not fit in 1000 bytes.
  ImageLimits little_memory;
  little_memory.max_decoder_bytes = 1000;
  image = check_file(progressive, little_memory);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message,
            "figure file 'images/progressive.jpg' needs more than 1000 bytes of memory to decode");
}

// Every prefix of a good image is refused, from any cut: in the signature, the header, the pixel
// data or the last marker.
TEST(ImageCheck, EveryTruncationIsRefused) {
  for (const char* name : {"rgb8.png", "interlaced.png", "palette4-trns.png", "baseline.jpg",
                           "progressive.jpg", "grey.jpg", "cmyk.jpg"}) {
    const std::string bytes = contents(kImages / name);
    ASSERT_TRUE(check_memory(bytes).ok()) << name;
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      EXPECT_FALSE(check_memory(bytes.substr(0, size)).ok()) << name << " cut to " << size << " bytes";
    }
  }
}

// A PNG with critical chunks only has a CRC over every byte after the signature: any change of any
// byte is refused.
TEST(ImageCheck, EveryChangedByteOfAPngIsRefused) {
  const std::string good = contents(kImages / "rgb8.png");
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string bad = good;
      bad[at] = static_cast<char>(bad[at] ^ flip);
      EXPECT_FALSE(check_memory(bad).ok()) << "byte " << at << " ^ " << int(flip);
    }
  }
}

// A JPEG has no checksum: a changed byte may still decode. Whatever it does, the check returns.
TEST(ImageCheck, EveryChangedByteOfAJpegIsDecodedOrRefused) {
  for (const char* name : {"baseline.jpg", "progressive.jpg"}) {
    const std::string good = contents(kImages / name);
    int refused = 0;
    for (std::size_t at = 0; at < good.size(); ++at) {
      std::string bad = good;
      bad[at] = static_cast<char>(bad[at] ^ 0xFF);
      const Result<CheckedImage> image = check_memory(bad);
      if (!image.ok()) {
        ++refused;
        EXPECT_EQ(image.error().location, kWhere);
      }
    }
    EXPECT_GT(refused, 0) << name;
  }
}

TEST(ImageCheck, OnlyRegularFilesAreRead) {
  const fs::path folder = fs::temp_directory_path() / ("nashr-image-check-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const fs::path pipe = folder / "pipe.png";
  fs::remove(pipe);
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  // Opening a pipe with no writer blocks a plain open(): this returns at once.
  Result<CheckedImage> image = check_file(pipe);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message, "figure file 'images/pipe.png' is not a regular file (it is a pipe)");
  image = check_file(folder);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().message.find("is not a regular file (it is a folder)"), std::string::npos);
  image = check_file("/dev/zero");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message, "figure file 'images/zero' is not a regular file (it is a device)");
  // A regular file by its status whose reading fails (address 0 of this process is not mapped).
  image = check_file("/proc/self/mem");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message, "figure file 'images/mem' cannot be read: Input/output error");
  image = check_file(folder / "missing.png");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message,
            "figure file 'images/missing.png' cannot be read: No such file or directory");
  fs::remove_all(folder);
}

// ---- through the reader and the command line -------------------------------------------------

// Every file refused with the default limits, and every file accepted with them.
const std::vector<std::string> kBadFiles = {
    "empty.png",         "truncated.png",      "idat-flipped.png", "idat-crc.png",    "idat-garbage.png",
    "ancillary-crc.png", "too-much-data.png",  "bomb.png",         "too-wide.png",    "zero-height.png",
    "interlaced.png",    "rgb16.png",          "grey-key.png",     "rgb-key.png",     "palette4-trns.png",
    "soi-only.jpg",      "truncated.jpg",      "cut-scan.jpg",     "bad-huffman.jpg", "bomb.jpg",
    "arithmetic.jpg",    "two-components.jpg", "cmyk-plain.jpg",   "gif-named.png",   "svg-named.png"};
const std::vector<std::string> kGoodFiles = {
    "rgb8.png",        "rgba8.png",    "palette8-trns.png", "grey8.png", "grey1.png", "grey-alpha8.png",
    "large-chunk.png", "baseline.jpg", "progressive.jpg",   "grey.jpg",  "cmyk.jpg"};

// A report with one figure per image, each on its own line (line 11 onwards), its src value at
// column 20; and the images copied beside it.
fs::path write_report_with_figures(const std::vector<std::string>& files) {
  const fs::path folder = fs::temp_directory_path() / ("nashr-image-report-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder / "images");
  std::string figures;
  for (const std::string& file : files) {
    fs::copy_file(kImages / file, folder / "images" / file, fs::copy_options::overwrite_existing);
    figures += "      <figure src=\"images/" + file + "\"/>\n";
  }
  const std::string report = std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<report xml:lang="en" style="persian-files">
  <meta>
    <series-title>Persian Files</series-title><issn medium="online">2975-0598</issn>
    <volume>29</volume><issue>2</issue><date>2025-01-20</date>
    <publisher>SpecialEurasia OSINT Unit</publisher><title>Images</title>
  </meta>
  <body>
    <section id="one">
      <heading>One</heading>
)") + figures + "    </section>\n  </body>\n</report>\n";
  std::ofstream(folder / "report.xml", std::ios::binary) << report;
  return folder / "report.xml";
}

TEST(ImageCheck, TheReaderRefusesEachBadFigureAtItsSrcAttribute) {
  const fs::path report = write_report_with_figures(kBadFiles);
  DiagnosticSink sink;
  (void)read_report(report.string(), sink);
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.severity == Severity::error) errors.push_back(d);
  }
  ASSERT_EQ(errors.size(), kBadFiles.size());
  for (std::size_t i = 0; i < kBadFiles.size(); ++i) {
    EXPECT_EQ(errors[i].location.line, static_cast<int>(11 + i)) << kBadFiles[i];
    EXPECT_EQ(errors[i].location.column, 20) << kBadFiles[i];
    const std::string expected = "figure file 'images/" + kBadFiles[i] + "' ";
    EXPECT_EQ(errors[i].message.substr(0, expected.size()), expected);
  }

  // `check` and `build` both print each error with its place and exit 1.
  const std::string nashr = NASHR_EXECUTABLE;
  for (const char* command : {" check ", " build -o /dev/null/nowhere "}) {
    const Command result = run(nashr + command + report.string());
    EXPECT_EQ(result.status, 1) << command << result.out;
    for (std::size_t i = 0; i < kBadFiles.size(); ++i) {
      const std::string located =
          "report.xml:" + std::to_string(11 + i) + ":20: error: figure file 'images/" + kBadFiles[i] + "' ";
      EXPECT_NE(result.out.find(located), std::string::npos) << command << located << "\n"
                                                                << result.out;
    }
  }
  fs::remove_all(report.parent_path());
}

// What `check` accepts, `build` embeds: libharu neither fails nor crashes on it.
TEST(ImageCheck, WhatCheckAcceptsBuildEmbeds) {
  const fs::path report = write_report_with_figures(kGoodFiles);
  const std::string nashr = NASHR_EXECUTABLE;
  const Command check = run(nashr + " check " + report.string());
  EXPECT_EQ(check.status, 0) << check.out;
  const fs::path out = report.parent_path() / "out";
  const Command build = run(nashr + " build -o " + out.string() + " " + report.string());
  EXPECT_EQ(build.status, 0) << build.out;
  const Command images = run("pdfimages -list " + (out / "report.pdf").string());
  EXPECT_EQ(images.status, 0) << images.out;
  // pdfimages lists one line per image or soft mask under two lines of headings.
  std::size_t lines = 0;
  for (char c : images.out) lines += c == '\n';
  const std::size_t masks = 3;  // rgba8, palette8-trns, grey-alpha8
  EXPECT_EQ(lines, 2 + kGoodFiles.size() + masks) << images.out;
  fs::remove_all(report.parent_path());
}

}  // namespace
}  // namespace nashr
