#pragma once
// The process's malloc: mimalloc (Debian's libmimalloc) in builds with NASHR_MIMALLOC, glibc's
// otherwise (the sanitizer presets, whose runtimes bring their own). bench/README.md, "Allocators",
// has the measurements behind the choice and the settings.
#include <string>

namespace nashr {

// Settings for the process, before its real work: freed memory goes back to the system after 1 ms
// instead of mimalloc's 25 to 500 ms, which keeps a 1000-page build's peak under its 150 MiB target.
void tune_allocator();

// The malloc that serves this process, for `nashr --version`: "mimalloc 2.0.9", or "glibc".
std::string allocator_name();

// Gives the memory freed so far back to the system (the writer calls it once a document's pages
// are freed, before the file's bytes and the document's objects are made).
void return_freed_memory();

}  // namespace nashr
