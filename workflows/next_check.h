// When the rules must look at a task again: a cheap, conservative bound that lets FireRules skip
// tasks whose verdicts cannot change yet (a firing costs what changes, not how many tasks there
// are). Every time-dependent fact but `today` is a distance in days from one of the task's
// own days — opening, deadline, latest submission — so a comparison with a number flips only
// within W days of one of them, W covering the largest number compared with (in working days, so
// doubled) and a week. When a rule compares two facts, a flip may fall between two of the days:
// then every day from the first window to the last is looked at. A rule that holds and repeats
// moves again at its next slot. Rules that read `today` are looked at daily. NextChange
// (next_change.h) finds the exact day for one task; this bound is for millions of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "engine/task.h"
#include "rules/rule.h"

namespace vekha {

// "Never again, unless the task changes."
inline constexpr Date kNoNextCheck{std::chrono::year{9999}, std::chrono::month{12}, std::chrono::day{31}};

struct CheckWindow {
  int days = 7;                  // W above
  bool daily = false;            // some rule reads `today`, or compares with numbers too large to bound
  bool between_anchors = false;  // some rule compares two facts
};

CheckWindow CheckWindowOf(const std::vector<rules::Rule>& rules);

// The day after `today` on which FireRules must look at the task again; `next_repeat` is the
// earliest next slot of a rule that holds and repeats. Far in the future when nothing can change.
Date NextCheckDay(const TaskRecord& task, const std::optional<Date>& submitted_on, const CheckWindow& window,
                  const std::optional<Date>& next_repeat, const Date& today);

// A digest of what the rules' verdicts read of a deployment besides the tasks: the directory,
// the activities and the calendar. Costly for a large directory: TaskService keeps it.
std::string DeploymentInputsDigest(const Deployment& deployment);
// The same with the rules themselves: when it changes, every task's next check is reset.
std::string RuleInputsDigest(std::string_view deployment_digest, const std::vector<rules::Rule>& rules);

}  // namespace vekha
