#include "notifiers/message.h"

#include <nlohmann/json.hpp>

namespace vekha::notifiers {

std::string MessageJson(const Message& message) {
  nlohmann::ordered_json json = {
      {"id", message.outbox.id},
      {"idempotency_key", message.outbox.idempotency_key},
      {"channel", message.outbox.channel},
      {"rule", message.outbox.rule},
      {"template", message.outbox.template_id},
      {"task", message.outbox.task_id},
      {"recipient",
       {{"id", message.outbox.recipient}, {"name", message.recipient_name}, {"email", message.recipient_email}}},
      {"subject", message.subject},
      {"text", message.body},
      {"link", message.link},
      {"data", nlohmann::ordered_json::parse(message.outbox.payload, nullptr, false)},
  };
  return json.dump();
}

}  // namespace vekha::notifiers
