// NextChange: the first day after `today` on which a rule's verdict on a task can change, so a
// scheduler can sleep until then instead of re-evaluating every task (docs/product.md, «The daemon and notifications»).
// Every time-dependent fact is a function of the local day (calendar or working days to and from the task's dates), so
// the verdicts are scanned day by day up to a horizon past the last threshold any fact can cross: the task's dates plus
// the largest number a condition compares with (in working days, so doubled) plus a week; repeating rules that hold
// also change when their next repeat slot is due (today, when it is due already). Pure function of its arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/task_store.h"
#include "rules/rule.h"
#include "workflows/task_service.h"

namespace vekha {

struct RuleChange {
  Date day;                        // the first day a verdict differs, or a repeat is due
  std::vector<std::string> rules;  // the rules whose verdict changes (or repeat) that day
};

// `last_firings` are the task's latest firing of each (rule, stage) (TaskStore::LastFirings).
std::optional<RuleChange> NextChange(const Deployment& deployment, const TaskService& service, const TaskRecord& task,
                                     const std::optional<Submission>& latest,
                                     const std::vector<const rules::Rule*>& rules,
                                     const std::vector<Firing>& last_firings, const Date& today);

}  // namespace vekha
