#pragma once
// The process's malloc: mimalloc (Debian's libmimalloc) in builds with NASHR_MIMALLOC, glibc's
// otherwise (the sanitizer presets, whose runtimes bring their own). bench/README.md has the
// measurements behind the choice ("Allocators") and the settings ("At the twelfth stop").
#include <string>

namespace nashr {

// Settings for the process, before its real work: memory freed while a report is read and resolved
// is kept for 100 ms, so that what comes next reuses it (resolve, the XML tree's memory).
void tune_allocator();

// From the text stages on, freed memory goes back to the system after 1 ms: they and the page
// breaker hold every line of an issue at once, the process's peak (mimalloc's own delays, 25 and
// 500 ms, took a 1000-page build's peak from 142 to 168 MiB, over its 150 MiB target). Stays so for
// the rest of the process. `nashr distribute` sets it from its start.
void return_freed_memory_promptly();

// The malloc that serves this process, for `nashr --version`: "mimalloc 2.0.9", or "glibc".
std::string allocator_name();

// Gives the memory freed so far back to the system (the writer calls it once a document's pages
// are freed, before the file's bytes and the document's objects are made).
void return_freed_memory();

}  // namespace nashr
