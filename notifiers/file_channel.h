// The file channel: each message appended to a JSON-lines file as one line (one write(2) and an
// fdatasync, so a line is either whole or absent), with the rendered subject and body.
#pragma once

#include <string>

#include "notifiers/channel.h"

namespace vekha::notifiers {

class FileChannel final : public Channel {
 public:
  explicit FileChannel(std::string path) : path_(std::move(path)) {}
  std::string_view name() const override { return "file"; }
  bool reaches_people() const override { return false; }
  SendResult Send(const Message& message) override;

 private:
  std::string path_;
};

}  // namespace vekha::notifiers
