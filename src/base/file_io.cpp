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

}  // namespace nashr
