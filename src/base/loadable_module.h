#pragma once
// nashr's loadable modules: libraries that only some commands need, kept out of the executable so
// that the others do not pay for loading them (poppler and libqpdf with GnuTLS, p11-kit, … took 4 to
// 5 ms each of every nashr process's start). A module exports one entry function per API, which
// returns that API's table of functions; the module and nashr are built together from the API's
// header, so the table passes C++ types.
#include <string>

namespace nashr {

// The module files, in PREFIX/lib/nashr/ when installed, beside nashr-source-dir in the build tree.
inline constexpr const char* kPreviewModule = "nashr-preview.so";  // poppler: render, diff
inline constexpr const char* kQpdfModule = "nashr-qpdf.so";         // libqpdf: PDF figures, subscriber copies

struct ModuleEntry {
  void* entry = nullptr;  // the exported function, to be cast to the API's entry type
  std::string failure;    // when null: why (not found, where looked; dlopen's message; no such symbol)
};

// The entry function `symbol` of the module `file_name`: installed (<prefix>/lib/nashr/ beside
// <prefix>/bin/nashr), then the build tree (base/data_dirs.h). A module is loaded once per process
// and never unloaded (poppler and libqpdf keep global state); safe to call from any thread.
ModuleEntry module_entry(const char* file_name, const char* symbol);

// An API's table, from a module whose entry function `symbol` has the type `const Api* (*)()`; the
// table is null when the module did not load, with the reason. Callers keep it (a static).
template <class Api>
struct ModuleApi {
  const Api* api = nullptr;
  std::string failure;
};

// The hint of an error for a module that did not load.
std::string module_missing_hint(const char* file_name);

template <class Api>
ModuleApi<Api> module_api(const char* file_name, const char* symbol) {
  const ModuleEntry found = module_entry(file_name, symbol);
  if (found.entry == nullptr) return {nullptr, found.failure};
  return {reinterpret_cast<const Api* (*)()>(found.entry)(), {}};
}

}  // namespace nashr
