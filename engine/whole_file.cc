#include "engine/whole_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace vekha {

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  std::string partial = path + ".partial";
  int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Error(fmt::format("не удалось записать {}: {}", path, std::strerror(errno)));
  const char* next = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t written = ::write(fd, next, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      std::string reason = std::strerror(errno);
      ::close(fd);
      std::remove(partial.c_str());
      return Status::Error(fmt::format("не удалось записать {}: {}", path, reason));
    }
    next += written;
    left -= static_cast<size_t>(written);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(partial.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    std::remove(partial.c_str());
    return Status::Error(fmt::format("не удалось записать {}: {}", path, reason));
  }
  return Status::Ok();
}

}  // namespace vekha
