// `vekha explain-task TASK [--at INSTANT]`: a task's facts as the rules see them, and which rules
// hold now, whom they would notify with which template.
#include <fmt/format.h>

#include <iostream>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "app/workspace.h"
#include "engine/clock.h"
#include "engine/russian_count.h"
#include "workflows/event_dating.h"
#include "workflows/next_change.h"
#include "workflows/task_facts_builder.h"

namespace vekha::app {

namespace {

struct ExplainTaskOptions {
  std::string deployment = ".";
  std::string task;
  std::string at;  // evaluate as of this instant instead of now
};

std::string Join(const std::vector<std::string_view>& items) {
  return items.empty() ? "—" : fmt::format("{}", fmt::join(items, ", "));
}

void PrintFacts(const rules::TaskFacts& facts) {
  auto number = [](bool present, int value) { return present ? std::to_string(value) : std::string("—"); };
  std::cout << "Факты (так их называют условия правил):\n";
  std::cout << fmt::format("  status = {}, kind = {}, key = {}\n", facts.status, facts.kind, facts.key);
  std::cout << fmt::format("  organisation = {} ({}), organisation_tags = {}\n", facts.organisation,
                           facts.organisation_kind, Join(facts.organisation_tags));
  std::cout << fmt::format("  today = {}, opens = {}, effective_due = {}\n", FormatIsoDate(facts.today),
                           FormatIsoDate(facts.opens),
                           IsoOrEmpty(facts.effective_due).empty() ? "—" : IsoOrEmpty(facts.effective_due));
  std::cout << fmt::format("  working_days_until_due = {}\n",
                           number(facts.effective_due.has_value(), facts.working_days_until_due));
  std::cout << fmt::format("  responsible_assigned = {}, confirmer_assigned = {}\n", facts.responsible_assigned,
                           facts.confirmer_assigned);
  std::cout << fmt::format("  deliverables = {}; missing = {}\n", Join(facts.deliverables),
                           Join(facts.missing_deliverables));
  if (facts.submitted_on) {
    std::cout << fmt::format("  submitted_on = {}, working_days_since_submission = {}\n",
                             FormatIsoDate(*facts.submitted_on), facts.working_days_since_submission);
  }
  if (!facts.off_target.empty()) std::cout << fmt::format("  off_target: {}\n", Join(facts.off_target));
}

int RunExplainTask(const ExplainTaskOptions& options, const Clock& now_clock) {
  FakeClock at_clock(now_clock.Now());
  if (!options.at.empty()) at_clock.Set(*ParseInstant(options.at));
  const Clock& clock = options.at.empty() ? now_clock : at_clock;
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace || !SyncWorkspace(*workspace)) return exit_code == kExitOk ? kExitInvalid : exit_code;
  TaskService& service = workspace->service();
  TaskRecord task;
  if (Status status = service.Resolve(options.task, task); !status.ok()) {
    PrintError(status);
    return kExitUsage;
  }
  std::vector<Submission> submissions;
  if (Status status = workspace->store().SubmissionsOf(task.id, submissions); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  std::optional<Submission> latest;
  if (!submissions.empty()) latest = submissions.back();
  const Deployment& deployment = workspace->deployment();
  rules::TaskFacts facts = FactsFor(deployment, service, task, latest, workspace->Today());

  const Activity* activity = service.ActivityOf(task);
  std::cout << fmt::format("Задача {}: {} / {} — {}\n", task.id, task.roadmap, task.activity,
                           Shorten(activity ? activity->title : "(нет в YAML)", 90));
  if (activity != nullptr && !task.due && activity->timing.event) {
    std::cout << fmt::format("Без срока: {} (vekha event record {} …)\n", AwaitedEventText(deployment, *activity),
                             activity->timing.event->event);
  }
  PrintFacts(facts);
  std::vector<std::string> flags;
  if (Status status = workspace->store().FlagsOf(task.id, flags); status.ok() && !flags.empty()) {
    std::cout << fmt::format("  флаги: {}\n", fmt::join(flags, ", "));
  }
  std::vector<const rules::Rule*> applicable_rules = RulesFor(workspace->rule_set(), service, task);
  std::vector<Firing> firings;
  if (Status status = workspace->store().LastFirings(task.id, firings); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  std::cout << "\nПравила:\n";
  for (const rules::Rule* applicable : applicable_rules) {
    const rules::Rule& rule = *applicable;
    bool holds = rule.when && rules::Evaluate(*rule.when, facts);
    std::cout << fmt::format("  {} {} — {}\n      when: {}\n", holds ? "[ВЫПОЛНЕНО]" : "[ ]", rule.id, rule.title,
                             rule.when_text);
    if (!holds) continue;
    for (const rules::Recipient& recipient : rule.notify) {
      std::vector<std::string> names;
      for (const Person* person : RecipientsOf(deployment, service, task, recipient)) names.push_back(person->name);
      std::cout << fmt::format("      → {}: {} (шаблон {}, этап {}{})\n", recipient.text,
                               names.empty() ? "никто не назначен" : fmt::format("{}", fmt::join(names, ", ")),
                               rule.template_id, rule.stage,
                               rule.repeat_days ? ", повтор через " + CountOf(*rule.repeat_days, nouns::kDays) : "");
    }
  }
  std::optional<RuleChange> next =
      NextChange(deployment, service, task, latest, applicable_rules, firings, workspace->Today());
  if (next) {
    const Organisation* organisation = deployment.FindOrganisation(task.organisation);
    std::string zone = organisation != nullptr && !organisation->time_zone.empty() ? organisation->time_zone
                                                                                   : deployment.settings.time_zone;
    std::cout << fmt::format("\nСледующее изменение: {} с 00:00 ({}) = {} ({})\n", RussianDate(next->day), zone,
                             FormatInstant(StartOfLocalDay(next->day, zone)), fmt::join(next->rules, ", "));
  } else {
    std::cout << "\nСледующее изменение: нет — правила больше не изменят решения по этой задаче\n";
  }
  return kExitOk;
}

}  // namespace

void AddExplainTaskCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto options = std::make_shared<ExplainTaskOptions>();
  CLI::App* command =
      app.add_subcommand("explain-task", "Показать факты задачи и какие правила для неё сейчас выполняются");
  AddDeploymentOption(*command, options->deployment);
  command->add_option("task", options->task, "Идентификатор задачи (или его первые знаки)")->required();
  command->add_option("--at", options->at, "Оценить задачу на этот момент: ГГГГ-ММ-ДД[TЧЧ:ММ:ССZ]")
      ->check(InstantValidator());
  command->callback([options, &clock, &exit_code] { exit_code = RunExplainTask(*options, clock); });
}

}  // namespace vekha::app
