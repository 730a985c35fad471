#include "base/loadable_module.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

// The test executables run from the build tree, where the modules are built beside nashr-source-dir.
TEST(LoadableModule, FindsTheModulesOfTheBuildTree) {
  for (const auto& [file, symbol] : {std::pair{kQpdfModule, "nashr_pdf_import_api"},
                                     std::pair{kQpdfModule, "nashr_copy_pdf_api"},
                                     std::pair{kPreviewModule, "nashr_poppler_api"}}) {
    const ModuleEntry found = module_entry(file, symbol);
    EXPECT_NE(found.entry, nullptr) << file << " " << symbol << ": " << found.failure;
    EXPECT_EQ(found.failure, "");
  }
}

TEST(LoadableModule, SameEntryEachTime) {
  EXPECT_EQ(module_entry(kQpdfModule, "nashr_pdf_import_api").entry,
            module_entry(kQpdfModule, "nashr_pdf_import_api").entry);
}

TEST(LoadableModule, AMissingFileNamesWhereItLooked) {
  const ModuleEntry found = module_entry("nashr-no-such-module.so", "entry");
  EXPECT_EQ(found.entry, nullptr);
  EXPECT_NE(found.failure.find("nashr-no-such-module.so not found: looked for "), std::string::npos) << found.failure;
  EXPECT_NE(found.failure.find("/lib/nashr/nashr-no-such-module.so"), std::string::npos) << found.failure;
  // Asked again: the same answer, not a second search.
  EXPECT_EQ(module_entry("nashr-no-such-module.so", "entry").failure, found.failure);
}

TEST(LoadableModule, AMissingSymbolIsNamed) {
  const ModuleEntry found = module_entry(kQpdfModule, "nashr_no_such_api");
  EXPECT_EQ(found.entry, nullptr);
  EXPECT_EQ(found.failure, std::string(kQpdfModule) + " has no nashr_no_such_api");
}

}  // namespace
}  // namespace nashr
