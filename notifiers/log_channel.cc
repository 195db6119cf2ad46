#include "notifiers/log_channel.h"

#include <spdlog/spdlog.h>

namespace vekha::notifiers {

SendResult LogChannel::Send(const Message& message) {
  spdlog::info("notification #{} to {} ({}): {}", message.outbox.id, message.recipient_name, message.outbox.recipient,
               message.subject);
  return SendResult::Sent();
}

}  // namespace vekha::notifiers
