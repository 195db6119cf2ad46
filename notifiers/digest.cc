#include "notifiers/digest.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "engine/message_template.h"
#include "engine/sha256.h"
#include "notifiers/renderer.h"

namespace vekha::notifiers {

Clock::TimePoint NextDigestInstant(int minute, const std::string& time_zone, Clock::TimePoint instant) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
  }
  date::local_seconds local = zone->to_local(date::sys_seconds{instant.time_since_epoch()});
  auto day = date::floor<date::days>(local);
  for (int step = 0; step < 3; ++step, day += date::days{1}) {
    Clock::TimePoint candidate{
        zone->to_sys(day + std::chrono::minutes{minute}, date::choose::earliest).time_since_epoch()};
    if (candidate >= instant) return candidate;
  }
  return instant;  // unreachable: tomorrow's minute is always later
}

std::string DigestKey(const std::vector<OutboxMessage>& members) {
  Sha256 hash;
  for (const OutboxMessage& member : members) {
    hash.Update(member.idempotency_key);
    hash.Update("\n");
  }
  return "digest/" + hash.FinishHex().substr(0, 32);
}

Message RenderDigest(const Deployment& deployment, const std::vector<OutboxMessage>& members, const Date& today) {
  Message digest;
  digest.outbox = members.front();
  digest.outbox.idempotency_key = DigestKey(members);
  digest.outbox.rule = kDigestTemplate;
  digest.outbox.template_id = kDigestTemplate;
  digest.outbox.task_id.clear();
  nlohmann::json items = nlohmann::json::array();
  std::string lines;
  for (const OutboxMessage& member : members) {
    Message rendered = RenderMessage(deployment, member, today);
    digest.recipient_name = rendered.recipient_name;  // the same for every member
    digest.recipient_email = rendered.recipient_email;
    lines += fmt::format("• {}\n  {}\n", rendered.subject,
                         rendered.link.empty() ? "задача " + member.task_id : rendered.link);
    items.push_back({{"key", member.idempotency_key},
                     {"task", member.task_id},
                     {"rule", member.rule},
                     {"subject", rendered.subject},
                     {"link", rendered.link}});
  }
  digest.outbox.payload = nlohmann::json{{"items", items}}.dump();
  std::map<std::string, std::string> values = {{"recipient", digest.recipient_name},
                                               {"count", std::to_string(members.size())},
                                               {"date", DottedDate(today)},
                                               {"items", lines}};
  const std::map<std::string, MessageTemplate>& templates = deployment.settings.notifications.templates;
  auto found = templates.find(kDigestTemplate);
  MessageTemplate fallback{"Vekha: {count} напоминаний на {date}", "{recipient}, здравствуйте.\n\n{items}"};
  const MessageTemplate& chosen = found != templates.end() ? found->second : fallback;
  digest.subject = FillTemplate(chosen.subject, values);
  digest.body = FillTemplate(chosen.body, values);
  return digest;
}

}  // namespace vekha::notifiers
