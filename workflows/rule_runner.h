// FireRules: evaluates the rules in force on every live task today and fires those that hold —
// each (rule, task, stage) once, and again every `repeat_days` while it keeps holding — recording
// the firing, setting its flag, returning a submission it returns, queuing one outbox message per
// recipient, and auditing each, all in one transaction, so
// a rerun, a restart or a concurrent run never queues a message twice. Delivery is not its job.
//
// Catch-up (docs/product.md, «The daemon and notifications»): when the rules were last fired before yesterday — the
// server was down, or this is the database's first run — the deployment's policy decides what is queued for rules that
// hold now: `latest` queues, per task, only the most advanced rule (the highest priority; of equals, the one declared
// last, as the overdue ladder is), `skip` queues nothing, `all` everything; rules whose channel only keeps a record
// (log, file) are queued under `latest` too. Rules not queued are still recorded as fired (so they do not come later)
// and audited as "notification suppressed"; their flags and returns still apply.
#pragma once

#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/task_store.h"
#include "rules/rule.h"
#include "workflows/task_service.h"

namespace vekha {

struct FireSummary {
  int evaluated = 0;    // tasks looked at
  int fired = 0;        // (rule, task, stage, slot) firings recorded
  int queued = 0;       // outbox messages
  int unaddressed = 0;  // firings whose recipients nobody holds
  int flagged = 0;      // flags set
  int returned = 0;     // submissions returned by a rule
  int suppressed = 0;   // firings whose messages the catch-up policy held back
  bool catching_up = false;
  std::vector<OutboxMessage> messages;  // what was queued, for the console
};

Status FireRules(const Deployment& deployment, const std::vector<rules::Rule>& rules, TaskService& service,
                 TaskStore& store, const Clock& clock, FireSummary& summary);

}  // namespace vekha
