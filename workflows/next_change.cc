#include "workflows/next_change.h"

#include <algorithm>

#include "rules/condition.h"
#include "workflows/task_facts_builder.h"

namespace vekha {

namespace {

constexpr int kLongestScanDays = 400;

std::vector<bool> Verdicts(const std::vector<const rules::Rule*>& rules, const rules::TaskFacts& facts) {
  std::vector<bool> verdicts;
  verdicts.reserve(rules.size());
  for (const rules::Rule* rule : rules) verdicts.push_back(rule->when && rules::Evaluate(*rule->when, facts));
  return verdicts;
}

// The latest of the task's own days: past it, facts only grow and thresholds are crossed within
// the slack below.
Date LatestAnchor(const TaskRecord& task, const std::optional<Submission>& latest, const Date& today) {
  Date anchor = std::max(today, task.opens);
  if (task.effective_due) anchor = std::max(anchor, *task.effective_due);
  if (latest) {
    if (std::optional<Date> submitted = ParseIsoDate(latest->at.substr(0, 10))) anchor = std::max(anchor, *submitted);
  }
  return anchor;
}

}  // namespace

std::optional<RuleChange> NextChange(const Deployment& deployment, const TaskService& service, const TaskRecord& task,
                                     const std::optional<Submission>& latest,
                                     const std::vector<const rules::Rule*>& rules,
                                     const std::vector<Firing>& last_firings, const Date& today) {
  std::vector<bool> now = Verdicts(rules, FactsFor(deployment, service, task, latest, today));

  // Repeats: a rule that holds and repeats changes again on its next slot.
  std::optional<RuleChange> repeat;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!now[i] || !rules[i]->repeat_days) continue;
    auto last = std::find_if(last_firings.begin(), last_firings.end(), [&](const Firing& firing) {
      return firing.rule == rules[i]->id && firing.stage == rules[i]->stage;
    });
    if (last == last_firings.end()) continue;
    Date due = std::max(today, AddDays(last->fired_on, *rules[i]->repeat_days));
    if (!repeat || due < repeat->day) {
      repeat = RuleChange{due, {rules[i]->id}};
    } else if (due == repeat->day) {
      repeat->rules.push_back(rules[i]->id);
    }
  }

  int slack = 7;
  for (const rules::Rule* rule : rules) {
    for (double literal : rule->when ? rules::NumbersIn(*rule->when) : std::vector<double>{}) {
      slack = std::max(slack, static_cast<int>(literal) * 2 + 7);
    }
  }
  Date horizon = AddDays(LatestAnchor(task, latest, today), std::min(slack, kLongestScanDays));
  for (Date day = AddDays(today, 1); DaysBetween(day, horizon) >= 0; day = AddDays(day, 1)) {
    if (repeat && !(day < repeat->day)) break;
    std::vector<bool> then = Verdicts(rules, FactsFor(deployment, service, task, latest, day));
    if (then == now) continue;
    RuleChange change{day, {}};
    for (size_t i = 0; i < rules.size(); ++i) {
      if (then[i] != now[i]) change.rules.push_back(rules[i]->id);
    }
    return change;
  }
  return repeat;
}

}  // namespace vekha
