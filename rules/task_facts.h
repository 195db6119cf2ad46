// TaskFacts: what a rule condition can see of one task at one instant (docs/rules.md). Filled by the
// engine from the task, its activity, its organisation, the people and the clock; read by the
// evaluator without copying. Plain value; strings are views into data that outlives the facts.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/date.h"

namespace vekha::rules {

struct TaskFacts {
  std::string_view status;  // scheduled, open, submitted, confirmed, done, returned, waived, cancelled
  std::string_view kind;    // once, yearly, …, external
  std::string_view roadmap;
  std::string_view activity;
  std::string_view key;
  std::string_view organisation;
  std::string_view organisation_kind;
  std::vector<std::string_view> organisation_tags;
  Date today;
  Date opens;
  std::optional<Date> due;
  std::optional<Date> effective_due;
  int working_days_until_due = 0;  // negative once past; 0 without a deadline
  bool responsible_assigned = false;
  bool confirmer_assigned = false;
  std::vector<std::string_view> deliverables;                // every deliverable the activity asks for
  std::vector<std::string_view> missing_deliverables;        // those the latest submission lacks
  std::vector<std::pair<std::string_view, double>> values;   // reported indicator values
  std::vector<std::pair<std::string_view, double>> targets;  // the indicators' targets
  std::vector<std::string_view> off_target;                  // indicators reported beyond their target, by direction
  std::optional<Date> submitted_on;
  int working_days_since_submission = 0;
};

}  // namespace vekha::rules
