#include "base/allocator.h"

// Under AddressSanitizer malloc is ASan's (g++ says so with __SANITIZE_ADDRESS__, clang with
// __has_feature): see return_freed_memory.
#ifdef __SANITIZE_ADDRESS__
#define NASHR_ADDRESS_SANITIZER 1
#endif
#ifdef __has_feature
#if __has_feature(address_sanitizer)
#define NASHR_ADDRESS_SANITIZER 1
#endif
#endif

#ifdef NASHR_MIMALLOC
#include <mimalloc.h>

#include <cstdlib>
#include <memory>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nashr {

#ifdef NASHR_MIMALLOC

namespace {

// The delays before freed pages, and whole segments, are decommitted (milliseconds). mimalloc 2.0
// calls the first "reset_delay" (MIMALLOC_RESET_DELAY).
void set_decommit_delays(long milliseconds) {
  mi_option_set(mi_option_decommit_delay, milliseconds);
  mi_option_set(mi_option_segment_decommit_delay, milliseconds);
}

}  // namespace

void tune_allocator() {
  set_decommit_delays(100);
}

void return_freed_memory_promptly() {
  set_decommit_delays(1);
}

std::string allocator_name() {
  // Linked is not enough: malloc must be mimalloc's (the executable's link order decides).
  const std::unique_ptr<void, decltype(&std::free)> probe(std::calloc(1, 64), &std::free);
  if (!mi_is_in_heap_region(probe.get())) return "glibc (mimalloc is linked but does not serve malloc)";
  const int version = mi_version();
  return "mimalloc " + std::to_string(version / 100) + "." + std::to_string(version / 10 % 10) + "." +
         std::to_string(version % 10);
}

void return_freed_memory() {
  mi_collect(true);
}

#else

void tune_allocator() {}

void return_freed_memory_promptly() {}

std::string allocator_name() {
  return "glibc";
}

void return_freed_memory() {
#if defined(__GLIBC__) && !defined(NASHR_ADDRESS_SANITIZER)
  // (Not under AddressSanitizer: malloc is ASan's there, and glibc's malloc_trim would set up
  // glibc's own arenas, which nothing has used, racing with itself when two threads write PDFs:
  // distribute crashed there once libqpdf, which had set them up at start, became a module.)
  malloc_trim(0);
#endif
}

#endif

}  // namespace nashr
