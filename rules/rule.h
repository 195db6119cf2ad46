// Rules (docs/product.md, «Rules»): a compiled condition and what to do while it holds — whom to notify with which
// template, a flag to set, a submission to return — how often to repeat, which escalation stage. Plain values, built by
// workflows/rule_loader.h; immutable afterwards and safe to share between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/source_position.h"
#include "rules/condition.h"

namespace vekha::rules {

// Who receives a rule's message: a relation to the task, or role@organisation.
struct Recipient {
  enum class Kind { kResponsible, kConfirmer, kCoordinator, kHead, kRoleAt };
  Kind kind = Kind::kResponsible;
  std::string role;          // kRoleAt
  std::string organisation;  // kRoleAt
  std::string text;          // as written
};

// What a rule looks at: each task, or each catalogue indicator's value for a year (at each
// organisation, for an organisation's indicator) — an expected report, «open» until a value is
// reported and «done» after, due when the catalogue says the year's value is due.
enum class RuleSubject { kTask, kIndicator };

struct Rule {
  std::string id;
  RuleSubject subject = RuleSubject::kTask;
  std::string title;
  std::string when_text;
  std::shared_ptr<const CompiledCondition> when;
  std::vector<Recipient> notify;
  std::string template_id;
  std::string channel = "email";   // log, file, webhook or email: how its messages go out
  int priority = 0;                // higher first, in explain-task and when firing
  std::string flag;                // a flag to set on the task (empty: none)
  std::string return_reason;       // return a submitted task with this reason (empty: no)
  std::string stage;               // escalation stage; the rule id when not given
  std::optional<int> repeat_days;  // fire again every N days while the condition holds
  // Declared in a roadmap (or one of its activities): applies to those tasks only.
  std::string only_roadmap;
  std::string only_activity;
  SourcePosition where;
};

}  // namespace vekha::rules
