// FireRules: evaluates the rules in force on every live task today and fires those that hold —
// each (rule, task, stage) once, and again every `repeat_days` while it keeps holding — recording
// the firing, setting its flag, returning a submission it returns, queuing one outbox message per
// recipient, and auditing each, all in one transaction, so
// a rerun, a restart or a concurrent run never queues a message twice. Delivery is not its job.
#pragma once

#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/task_store.h"
#include "rules/rule.h"
#include "workflows/task_service.h"

namespace vekha {

struct FireSummary {
  int evaluated = 0;  // tasks looked at
  int fired = 0;      // (rule, task, stage, slot) firings recorded
  int queued = 0;     // outbox messages
  int unaddressed = 0;  // firings whose recipients nobody holds
  int flagged = 0;      // flags set
  int returned = 0;     // submissions returned by a rule
  std::vector<OutboxMessage> messages;  // what was queued, for the console
};

Status FireRules(const Deployment& deployment, const std::vector<rules::Rule>& rules, TaskService& service,
                 TaskStore& store, const Clock& clock, FireSummary& summary);

}  // namespace vekha
