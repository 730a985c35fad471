#include "base/allocator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace nashr {
namespace {

#ifdef NASHR_MIMALLOC
// The build links mimalloc: it must be what serves malloc (and new) here, not glibc beside it.
TEST(Allocator, MimallocServesMalloc) {
  const std::string name = allocator_name();
  EXPECT_EQ(name.rfind("mimalloc 2.", 0), 0u) << name;
}
#else
TEST(Allocator, GlibcOrTheSanitizersServeMalloc) {
  EXPECT_EQ(allocator_name(), "glibc");
}
#endif

// Giving memory back leaves what is still in use as it was, and what is freed afterwards too.
TEST(Allocator, ReturningFreedMemoryKeepsLiveBlocks) {
  tune_allocator();
  auto kept = std::make_unique<std::string>(1 << 20, 'k');
  {
    auto freed = std::make_unique<std::string>(8 << 20, 'f');
    EXPECT_EQ(freed->back(), 'f');
  }
  return_freed_memory();
  return_freed_memory_promptly();
  EXPECT_EQ(kept->size(), std::size_t{1} << 20);
  EXPECT_EQ(kept->front(), 'k');
  EXPECT_EQ(kept->back(), 'k');
  auto again = std::make_unique<std::string>(8 << 20, 'a');
  EXPECT_EQ(again->at(4 << 20), 'a');
}

}  // namespace
}  // namespace nashr
