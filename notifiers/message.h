// A notification ready to send: the outbox message it comes from, rendered from its template in
// the recipient's words, with the recipient's address. What every channel receives, and the JSON
// the file and webhook channels write of it.
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

// The JSON document the file and webhook channels send for a message.
std::string MessageJson(const Message& message);

}  // namespace vekha::notifiers
