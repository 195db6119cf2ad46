#include "workflows/rule_runner.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "workflows/task_facts_builder.h"

namespace vekha {

namespace {

bool Live(TaskStatus status) { return status != TaskStatus::kCancelled && status != TaskStatus::kWaived; }

// The slot to fire now, or nullopt when (rule, task, stage) fired recently enough.
std::optional<int> SlotToFire(const std::optional<Firing>& last, const rules::Rule& rule, const Date& today) {
  if (!last) return 0;
  if (rule.repeat_days && DaysBetween(last->fired_on, today) >= *rule.repeat_days) return last->slot + 1;
  return std::nullopt;
}

}  // namespace

Status FireRules(const Deployment& deployment, const std::vector<rules::Rule>& rules, TaskService& service,
                 TaskStore& store, const Clock& clock, FireSummary& summary) {
  std::vector<TaskRecord> tasks;
  if (Status status = store.ListTasks({}, tasks); !status.ok()) return status;
  Date today = LocalToday(clock, deployment.settings.time_zone);
  auto transaction = store.BeginWrite();
  for (const TaskRecord& task : tasks) {
    if (!Live(task.status)) continue;
    ++summary.evaluated;
    std::vector<Submission> submissions;
    if (Status status = store.SubmissionsOf(task.id, submissions); !status.ok()) return status;
    std::optional<Submission> latest;
    if (!submissions.empty()) latest = submissions.back();
    rules::TaskFacts facts = FactsFor(deployment, service, task, latest, today);
    for (const rules::Rule* rule : RulesFor(rules, service, task)) {
      if (!rule->when || !rules::Evaluate(*rule->when, facts)) continue;
      std::optional<int> slot = SlotToFire(transaction->LastFiring(rule->id, task.id, rule->stage), *rule, today);
      if (!slot || !transaction->RecordFiring(Firing{rule->id, task.id, rule->stage, *slot, today})) continue;
      ++summary.fired;
      if (!rule->flag.empty() && transaction->SetFlag(task.id, rule->flag, rule->id)) {
        transaction->Audit("vekha", "flagged", task.id, nlohmann::json{{"flag", rule->flag}, {"rule", rule->id}}.dump());
        ++summary.flagged;
      }
      if (!rule->return_reason.empty()) {
        // Read inside the transaction: a confirmer may have acted since the list was taken.
        std::optional<TaskRecord> current = transaction->FindTask(task.id);
        if (current && current->status == TaskStatus::kSubmitted) {
          TaskRecord returned = *current;
          returned.status = TaskStatus::kReturned;
          transaction->UpdateTask(returned);
          nlohmann::json details = {{"reason", rule->return_reason}, {"rule", rule->id}};
          transaction->Audit("vekha", "returned", task.id, TransitionJson(details.dump(), *current, returned));
          ++summary.returned;
        }
      }
      std::vector<const Person*> recipients;
      for (const rules::Recipient& recipient : rule->notify) {
        for (const Person* person : RecipientsOf(deployment, service, task, recipient)) {
          if (std::find(recipients.begin(), recipients.end(), person) == recipients.end()) recipients.push_back(person);
        }
      }
      if (recipients.empty() && !rule->notify.empty()) ++summary.unaddressed;
      for (const Person* person : recipients) {
        OutboxMessage message;
        message.idempotency_key = fmt::format("{}/{}/{}/{}/{}", rule->id, task.id, rule->stage, *slot, person->id);
        message.rule = rule->id;
        message.task_id = task.id;
        message.recipient = person->id;
        message.channel = rule->channel;
        message.template_id = rule->template_id;
        nlohmann::json payload = {{"rule", rule->id},
                                  {"title", rule->title},
                                  {"task", task.id},
                                  {"roadmap", task.roadmap},
                                  {"activity", task.activity},
                                  {"organisation", task.organisation},
                                  {"key", task.key},
                                  {"effective_due", task.effective_due ? FormatIsoDate(*task.effective_due) : ""},
                                  {"days_until_due", task.effective_due ? DaysBetween(today, *task.effective_due) : 0},
                                  {"recipient", person->id},
                                  {"slot", *slot}};
        message.payload = payload.dump();
        if (!transaction->QueueNotification(message)) continue;
        nlohmann::json details = {{"rule", rule->id}, {"stage", rule->stage}, {"slot", *slot},
                                  {"recipient", person->id}, {"template", rule->template_id}};
        transaction->Audit("vekha", "notification queued", task.id, details.dump());
        ++summary.queued;
        summary.messages.push_back(std::move(message));
      }
    }
  }
  return transaction->Commit();
}

}  // namespace vekha
