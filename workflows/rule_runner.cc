#include "workflows/rule_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "workflows/firing.h"
#include "workflows/indicator_rules.h"
#include "workflows/next_check.h"
#include "workflows/task_facts_builder.h"

namespace vekha {

namespace {

constexpr const char* kRulesFiredOn = "rules fired on";
// The digest of the rules and the deployment the tasks' next checks were computed with.
constexpr const char* kRulesInputs = "rules inputs";

bool Live(TaskStatus status) {
  return status != TaskStatus::kCancelled && status != TaskStatus::kWaived && status != TaskStatus::kUntracked;
}

// The order TaskStore lists tasks in: by deadline (undated last), then by identity.
bool InDeadlineOrder(const TaskRecord& a, const TaskRecord& b) {
  auto key = [](const TaskRecord& task) {
    return std::tie(task.effective_due, task.roadmap, task.activity, task.organisation, task.key);
  };
  if (a.effective_due.has_value() != b.effective_due.has_value()) return a.effective_due.has_value();
  return key(a) < key(b);
}

// The day the rules last fired (none yet: nullopt). When the rules or the deployment (`inputs`)
// changed since the tasks' next checks were computed, every next check is cleared first.
Result<std::optional<Date>> LastFiredOn(TaskStore& store, const std::string& inputs) {
  auto transaction = store.BeginWrite();
  if (transaction->Marker(kRulesInputs) != inputs) {
    transaction->ClearNextChecks();
    transaction->SetMarker(kRulesInputs, inputs);
  }
  std::optional<Date> last_fired = ParseIsoDate(transaction->Marker(kRulesFiredOn).value_or(""));
  if (Status status = transaction->Commit(); !status.ok()) return status;
  return last_fired;
}

// The tasks the rules look at now: those changed since the rules last looked (their check is
// unset, listed in `unset_checks`), then — on the day's first firing — those whose check has come,
// in deadline order. A task inside its window keeps its check from one day to the next (it is not
// rewritten daily); a later firing the same day looks at changed tasks only.
Status TasksToLookAt(TaskStore& store, const Date& today, const std::optional<Date>& last_fired,
                     std::vector<TaskRecord>& tasks, std::unordered_set<std::string>& unset_checks) {
  TaskQuery changed;
  changed.check_unset = true;
  if (Status status = store.ListTasks(changed, tasks); !status.ok()) return status;
  for (const TaskRecord& task : tasks) unset_checks.insert(task.id);
  if (last_fired == today) return Status::Ok();
  TaskQuery due;
  due.check_by = today;
  due.check_unset = false;
  std::vector<TaskRecord> due_tasks;
  if (Status status = store.ListTasks(due, due_tasks); !status.ok()) return status;
  std::move(due_tasks.begin(), due_tasks.end(), std::back_inserter(tasks));
  std::sort(tasks.begin(), tasks.end(), InDeadlineOrder);
  return Status::Ok();
}

// What a firing of a rule on a task does, once recorded: sets the rule's flag, returns a submitted
// task for rework, and queues its messages (held back when the catch-up policy says so).
void ApplyFiring(TaskStore::Transaction& transaction, const DueFiring& entry, const TaskRecord& task, const Date& today,
                 bool suppressed, CatchUpPolicy policy, FireSummary& summary) {
  const rules::Rule* rule = entry.rule;
  if (!rule->flag.empty() && transaction.SetFlag(task.id, rule->flag, rule->id)) {
    transaction.Audit("vekha", "flagged", task.id, nlohmann::json{{"flag", rule->flag}, {"rule", rule->id}}.dump());
    ++summary.flagged;
  }
  if (!rule->return_reason.empty()) {
    // Read inside the transaction: a confirmer may have acted since the list was taken.
    std::optional<TaskRecord> current = transaction.FindTask(task.id);
    if (current && current->status == TaskStatus::kSubmitted) {
      TaskRecord returned = *current;
      returned.status = TaskStatus::kReturned;
      transaction.UpdateTask(returned);
      nlohmann::json details = {{"reason", rule->return_reason}, {"rule", rule->id}};
      transaction.Audit("vekha", "returned", task.id, TransitionJson(details.dump(), *current, returned));
      ++summary.returned;
    }
  }
  nlohmann::json payload = {{"task", task.id},
                            {"roadmap", task.roadmap},
                            {"activity", task.activity},
                            {"organisation", task.organisation},
                            {"key", task.key},
                            {"effective_due", task.effective_due ? FormatIsoDate(*task.effective_due) : ""},
                            {"days_until_due", task.effective_due ? DaysBetween(today, *task.effective_due) : 0}};
  QueueMessages(transaction, entry, task.id, payload, suppressed, policy, summary);
}

}  // namespace

Status FireRules(const Deployment& deployment, const std::vector<rules::Rule>& rules, TaskService& service,
                 TaskStore& store, const Clock& clock, FireSummary& summary) {
  Date today = LocalToday(clock, deployment.settings.time_zone);
  // A task's next check holds only for the rules and the deployment it was computed with.
  std::string inputs = RuleInputsDigest(service.DeploymentInputs(), rules);
  Result<std::optional<Date>> fired_on = LastFiredOn(store, inputs);
  if (!fired_on.ok()) return fired_on.status();
  std::optional<Date> last_fired = *fired_on;
  std::vector<TaskRecord> tasks;
  std::unordered_set<std::string> unset_checks;
  if (Status status = TasksToLookAt(store, today, last_fired, tasks, unset_checks); !status.ok()) return status;
  CheckWindow window = CheckWindowOf(rules);
  std::vector<std::string> ids;
  ids.reserve(tasks.size());
  for (const TaskRecord& task : tasks) ids.push_back(task.id);
  std::vector<Submission> submissions;
  if (Status status = store.LatestSubmissions(ids, submissions); !status.ok()) return status;
  std::unordered_map<std::string_view, const Submission*> latest_of;
  for (const Submission& submission : submissions) latest_of.emplace(submission.task_id, &submission);
  std::vector<IndicatorValue> indicator_values;
  if (!deployment.indicators.empty()) {
    if (Status status = store.IndicatorValues("", indicator_values); !status.ok()) return status;
  }
  auto transaction = store.BeginWrite();
  summary.catching_up = !last_fired || DaysBetween(*last_fired, today) > 1;
  CatchUpPolicy policy = summary.catching_up ? deployment.settings.notifications.catch_up : CatchUpPolicy::kAll;
  for (const TaskRecord& task : tasks) {
    if (!Live(task.status)) {
      transaction->SetNextCheck(task.id, kNoNextCheck);  // until someone changes it
      continue;
    }
    ++summary.evaluated;
    std::optional<Submission> latest;
    if (auto found = latest_of.find(task.id); found != latest_of.end()) latest = *found->second;
    rules::TaskFacts facts = FactsFor(deployment, service, task, latest, today);
    std::vector<DueFiring> due;
    std::optional<Date> next_repeat;  // the earliest next slot of a rule that holds and repeats
    for (const rules::Rule* rule : RulesFor(rules, service, task)) {
      if (!rule->when || !rules::Evaluate(*rule->when, facts)) continue;
      std::optional<Firing> last = transaction->LastFiring(rule->id, task.id, rule->stage);
      std::optional<int> slot = SlotToFire(last, *rule, today);
      if (slot) due.push_back({rule, *slot, RecipientsOf(deployment, service, task, *rule)});
      if (rule->repeat_days) {
        Date repeat = AddDays(slot ? today : last->fired_on, *rule->repeat_days);
        if (!next_repeat || repeat < *next_repeat) next_repeat = repeat;
      }
    }
    // A task to look at again tomorrow keeps a check it has (today's or earlier): that selects it
    // tomorrow as well and leaves its row alone. Most of a day's looks are at tasks inside their
    // window, and rewriting each of them every day was most of the daily pass.
    Date next_check = NextCheckDay(task, facts.submitted_on, window, next_repeat, today);
    if (next_check != AddDays(today, 1)) {
      transaction->SetNextCheck(task.id, next_check);
    } else if (unset_checks.contains(task.id)) {
      transaction->SetNextCheck(task.id, today);
    }
    const DueFiring* announced = AnnouncedOf(due);
    for (const DueFiring& entry : due) {
      if (!transaction->RecordFiring(Firing{entry.rule->id, task.id, entry.rule->stage, entry.slot, today})) continue;
      ++summary.fired;
      ApplyFiring(*transaction, entry, task, today, Suppressed(policy, entry, announced), policy, summary);
    }
  }
  FireIndicatorRules(deployment, rules, indicator_values, today, policy, *transaction, summary);
  transaction->SetMarker(kRulesFiredOn, FormatIsoDate(today));
  return transaction->Commit();
}

}  // namespace vekha
