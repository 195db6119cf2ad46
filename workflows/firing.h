// What firing a rule does, whatever it looks at (a task, or an indicator's year): when a rule fires
// again, which of the rules due at once is announced under the `latest` catch-up policy, and how
// its messages are queued — one per recipient, idempotent, audited — or held back and audited.
// Used inside the one transaction of a firing pass (rule_runner.h, indicator_rules.h).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/task_store.h"
#include "rules/rule.h"
#include "workflows/rule_runner.h"

namespace vekha {

// A rule that holds for a subject and is due to fire now, in `slot`, to `recipients`.
struct DueFiring {
  const rules::Rule* rule;
  int slot;
  std::vector<const Person*> recipients;
};

// The slot to fire now, or nullopt when (rule, subject, stage) fired recently enough.
std::optional<int> SlotToFire(const std::optional<Firing>& last, const rules::Rule& rule, const Date& today);

// Of the rules due for one subject, the one whose messages go out under `latest`: the most advanced
// (highest priority; of equals, the last declared) that reaches anybody. Rules that only keep a
// record (log, file) take no part: they flood nobody. nullptr when none reaches anybody.
const DueFiring* AnnouncedOf(const std::vector<DueFiring>& due);

// Whether the catch-up policy holds back `entry`'s messages.
bool Suppressed(CatchUpPolicy policy, const DueFiring& entry, const DueFiring* announced);

// Queues one outbox message per recipient of `entry` for `subject` (a task id, or an indicator
// year's id), with `payload` plus the rule, recipient and slot; or, when `suppressed`, audits that
// the catch-up policy held them back. Counts in `summary`.
void QueueMessages(TaskStore::Transaction& transaction, const DueFiring& entry, const std::string& subject,
                   const nlohmann::json& payload, bool suppressed, CatchUpPolicy policy, FireSummary& summary);

}  // namespace vekha
