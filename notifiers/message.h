// A notification ready to send: the outbox message it comes from, rendered from its template in
// the recipient's words, with the recipient's address. What every channel receives.
#pragma once

#include <string>

#include "engine/task_store.h"

namespace vekha::notifiers {

struct Message {
  OutboxMessage outbox;
  std::string recipient_name;
  std::string recipient_email;  // empty when the person has none
  std::string subject;
  std::string body;  // plain text, UTF-8
  std::string link;  // the task's address, when the deployment has one
};

}  // namespace vekha::notifiers
