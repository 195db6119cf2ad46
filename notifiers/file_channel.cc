#include "notifiers/file_channel.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace vekha::notifiers {

SendResult FileChannel::Send(const Message& message) {
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ignored);
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return SendResult::Retry(fmt::format("cannot open {}: {}", path_, std::strerror(errno)));
  std::string line = MessageJson(message) + "\n";
  off_t before = ::lseek(fd, 0, SEEK_END);
  ssize_t written = ::write(fd, line.data(), line.size());
  int saved = errno;
  bool synced = written == static_cast<ssize_t>(line.size()) && ::fdatasync(fd) == 0;
  if (!synced && written > 0 && before >= 0) (void)::ftruncate(fd, before);  // no half line stays behind
  ::close(fd);
  if (!synced) return SendResult::Retry(fmt::format("cannot write {}: {}", path_, std::strerror(saved)));
  return SendResult::Sent();
}

}  // namespace vekha::notifiers
