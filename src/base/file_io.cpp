#include "base/file_io.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

namespace nashr {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return fail(make_error({path.string()}, "is a folder, not a file", "name a file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(make_error({path.string()}, std::string("cannot open: ") + std::strerror(errno),
                           "check the path and its permissions"));
  }
  // One allocation of the file's size and one read (a 7 MB report read through a growing
  // ostringstream and copied out took 15-25 ms); then whatever is left, should the file have grown
  // or its size be unknown (a pipe).
  std::string bytes;
  const std::uintmax_t size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
  if (!ec && size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
  }
  char chunk[1 << 16];
  while (in && in.read(chunk, sizeof chunk).gcount() > 0)
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    return fail(make_error({path.string()}, "cannot read the file"));
  }
  return bytes;
}

Result<void> write_file_atomically(const fs::path& target,
                                   const std::function<Result<void>(const fs::path&)>& write) {
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    return fail(make_error({folder.string()}, "cannot create the output folder: " + ec.message()));
  }
  // The temporary lives beside the target so that the rename stays on one file system.
  // (Built with append: g++ 12 warns falsely on `"." + string` under -O2, -Wrestrict.)
  std::string name(1, '.');
  name.append(target.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  const fs::path temporary = folder / name;
  Result<void> written = write(temporary);
  if (!written) {
    fs::remove(temporary, ec);
    return written;
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return fail(make_error({target.string()}, "cannot move the finished file into place: " + ec.message()));
  }
  return Ok{};
}

Result<void> write_file_atomically(const fs::path& target, std::string_view bytes, std::size_t fail_after_bytes) {
  return write_file_atomically(target, [&](const fs::path& temporary) -> Result<void> {
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) {
      return fail(make_error({target.string()}, std::string("cannot write: ") + std::strerror(errno),
                             "check that the output folder is writable"));
    }
    const std::size_t count = std::min(bytes.size(), fail_after_bytes);
    const bool complete = std::fwrite(bytes.data(), 1, count, file) == count && count == bytes.size();
    const bool closed = std::fclose(file) == 0;
    if (!complete || !closed) {
      return fail(make_error({target.string()}, "cannot write the whole file (disk full?)",
                             "free some space; the previous file was left as it was"));
    }
    return Ok{};
  });
}

}  // namespace nashr
