// DryRunChannel: stands in for a configured channel in `vekha simulate` — the same name, the same
// quiet hours (when it reaches people), and nothing leaves the machine: every send succeeds.
#pragma once

#include <string>

#include "notifiers/channel.h"

namespace vekha::notifiers {

class DryRunChannel final : public Channel {
 public:
  DryRunChannel(std::string name, bool reaches_people) : name_(std::move(name)), reaches_people_(reaches_people) {}
  std::string_view name() const override { return name_; }
  bool reaches_people() const override { return reaches_people_; }
  SendResult Send(const Message&) override { return SendResult::Sent(); }

 private:
  std::string name_;
  bool reaches_people_;
};

}  // namespace vekha::notifiers
