#include "workflows/firing.h"

#include <fmt/format.h>

namespace vekha {

std::optional<int> SlotToFire(const std::optional<Firing>& last, const rules::Rule& rule, const Date& today) {
  if (!last) return 0;
  if (rule.repeat_days && DaysBetween(last->fired_on, today) >= *rule.repeat_days) return last->slot + 1;
  return std::nullopt;
}

const DueFiring* AnnouncedOf(const std::vector<DueFiring>& due) {
  const DueFiring* announced = nullptr;
  for (const DueFiring& entry : due) {
    if (entry.recipients.empty() || IsRecordChannel(entry.rule->channel)) continue;
    if (announced == nullptr || entry.rule->priority >= announced->rule->priority) announced = &entry;
  }
  return announced;
}

bool Suppressed(CatchUpPolicy policy, const DueFiring& entry, const DueFiring* announced) {
  return policy == CatchUpPolicy::kSkip ||
         (policy == CatchUpPolicy::kLatest && &entry != announced && !IsRecordChannel(entry.rule->channel));
}

void QueueMessages(TaskStore::Transaction& transaction, const DueFiring& entry, const std::string& subject,
                   const nlohmann::json& payload, bool suppressed, CatchUpPolicy policy, FireSummary& summary) {
  const rules::Rule& rule = *entry.rule;
  if (entry.recipients.empty() && !rule.notify.empty()) ++summary.unaddressed;
  if (suppressed && !entry.recipients.empty()) {
    nlohmann::json details = {{"rule", rule.id},
                              {"stage", rule.stage},
                              {"slot", entry.slot},
                              {"policy", policy == CatchUpPolicy::kSkip ? "skip" : "latest"}};
    transaction.Audit("vekha", "notification suppressed", subject, details.dump());
    ++summary.suppressed;
    return;
  }
  for (const Person* person : entry.recipients) {
    OutboxMessage message;
    message.idempotency_key = fmt::format("{}/{}/{}/{}/{}", rule.id, subject, rule.stage, entry.slot, person->id);
    message.rule = rule.id;
    message.task_id = subject;
    message.recipient = person->id;
    message.channel = rule.channel;
    message.template_id = rule.template_id;
    nlohmann::json full = payload;
    full["rule"] = rule.id;
    full["title"] = rule.title;
    full["recipient"] = person->id;
    full["slot"] = entry.slot;
    message.payload = full.dump();
    if (!transaction.QueueNotification(message)) continue;
    nlohmann::json details = {{"rule", rule.id},
                              {"stage", rule.stage},
                              {"slot", entry.slot},
                              {"recipient", person->id},
                              {"template", rule.template_id}};
    transaction.Audit("vekha", "notification queued", subject, details.dump());
    ++summary.queued;
    summary.messages.push_back(std::move(message));
  }
}

}  // namespace vekha
