#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "base/file_descriptor.h"

namespace nashr {

namespace fs = std::filesystem;

namespace {

const char* kind_of_file(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string megabytes(std::uintmax_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

}  // namespace

Result<std::string> read_file(const fs::path& path, const ReadLimits& limits) {
  // Opened without blocking (a named pipe would wait for a writer), then asked what it is: the
  // answer is about the file actually opened, not one swapped in after a check by name.
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    return fail(make_error({path.string()}, std::string("cannot open: ") + std::strerror(errno),
                           "check the path and its permissions"));
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return fail(make_error({path.string()}, std::string("cannot read: ") + std::strerror(errno)));
  }
  if (S_ISDIR(status.st_mode)) return fail(make_error({path.string()}, "is a folder, not a file", "name a file"));
  if (!S_ISREG(status.st_mode)) {
    return fail(make_error({path.string()}, std::string("is ") + kind_of_file(status.st_mode) + ", not a regular file",
                           "name a file (nashr does not read from pipes or devices)"));
  }
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > limits.max_bytes) {
    return fail(make_error({path.string()},
                           "the file is " + megabytes(size) + ", over the limit of " + megabytes(limits.max_bytes),
                           "nashr reads files of at most " + megabytes(limits.max_bytes) + "; split the file"));
  }
  // One allocation of the file's size and one read (a 7 MB report read through a growing
  // ostringstream and copied out took 15-25 ms); then reads into a small buffer until the end,
  // appended should the file have grown, and refused once it passes the limit. (Growing the string
  // to look for the end copied the whole file once more.)
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::size_t used = 0;
  for (;;) {
    char more[1u << 12];
    const bool past_size = used == bytes.size();
    char* const into = past_size ? more : bytes.data() + used;
    const std::size_t room = past_size ? sizeof more : bytes.size() - used;
    const ::ssize_t got = ::read(file.get(), into, room);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail(make_error({path.string()}, std::string("cannot read the file: ") + std::strerror(errno)));
    if (got == 0) break;
    if (past_size) {
      if (used + static_cast<std::size_t>(got) > limits.max_bytes) {
        return fail(make_error({path.string()}, "the file grew over the limit of " + megabytes(limits.max_bytes) +
                                                    " while it was read"));
      }
      bytes.append(more, static_cast<std::size_t>(got));
    }
    used += static_cast<std::size_t>(got);
  }
  bytes.resize(used);
  return bytes;
}

}  // namespace nashr
