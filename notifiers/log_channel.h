// The log channel: each message as one spdlog line (info), for operators and the live demo.
#pragma once

#include "notifiers/channel.h"

namespace vekha::notifiers {

class LogChannel final : public Channel {
 public:
  std::string_view name() const override { return "log"; }
  bool reaches_people() const override { return false; }
  SendResult Send(const Message& message) override;
};

}  // namespace vekha::notifiers
