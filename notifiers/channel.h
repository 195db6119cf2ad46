// Channel: one way a message leaves Vekha (log, JSON-lines file, webhook, e-mail). Send() blocks
// until the message is out or has failed, within the channel's timeout, and says whether trying
// again later could help. Channels are used from one thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "notifiers/message.h"

namespace vekha::notifiers {

struct SendResult {
  enum class Outcome { kSent, kRetry, kFailed };
  Outcome outcome = Outcome::kSent;
  std::string error;                    // why it was not sent
  std::chrono::seconds retry_after{0};  // how long the receiver asked us to wait (Retry-After)

  static SendResult Sent() { return {}; }
  static SendResult Retry(std::string error, std::chrono::seconds after = std::chrono::seconds{0}) {
    return {Outcome::kRetry, std::move(error), after};
  }
  static SendResult Failed(std::string error) { return {Outcome::kFailed, std::move(error), std::chrono::seconds{0}}; }
};

class Channel {
 public:
  virtual ~Channel() = default;
  virtual std::string_view name() const = 0;
  // Whether the channel reaches a person (quiet hours apply) rather than an operator's record.
  virtual bool reaches_people() const = 0;
  virtual SendResult Send(const Message& message) = 0;
};

}  // namespace vekha::notifiers
