// `vekha tasks`: the stored tasks with their state, filtered; overdue is derived from today.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "app/workspace.h"
#include "engine/russian_count.h"
#include "workflows/event_dating.h"

namespace vekha::app {

namespace {

struct TasksOptions {
  std::string deployment = ".";
  std::string status;
  bool overdue = false;
  std::string organisation;
  std::string roadmap;
  std::string person;
  std::string from;
  std::string to;
  std::string format = "text";
};

// Days past the deadline, when the task still waits for work.
std::optional<int> DaysOverdue(const TaskRecord& task, const Date& today) {
  if (!IsOverdue(task, today)) return std::nullopt;
  return DaysBetween(*task.effective_due, today);
}

std::vector<std::string> Ids(const std::vector<const Person*>& people) {
  std::vector<std::string> ids;
  for (const Person* person : people) ids.push_back(person->id);
  return ids;
}

int RunTasks(const TasksOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace || !SyncWorkspace(*workspace)) return exit_code == kExitOk ? kExitInvalid : exit_code;
  TaskQuery query;
  query.roadmap = options.roadmap;
  query.organisation = options.organisation;
  if (!options.status.empty()) query.status = ParseTaskStatus(options.status);
  query.due_from = OptionalDate(options.from);
  query.due_to = OptionalDate(options.to);
  std::vector<TaskRecord> tasks;
  if (Status status = workspace->store().ListTasks(query, tasks); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  Date today = workspace->Today();
  TaskService& service = workspace->service();
  std::vector<TaskRecord> shown;
  for (const TaskRecord& task : tasks) {
    if (options.overdue && !DaysOverdue(task, today)) continue;
    if (!options.person.empty()) {
      std::vector<std::string> ids = Ids(service.ResponsibleFor(task));
      if (std::find(ids.begin(), ids.end(), options.person) == ids.end()) continue;
    }
    shown.push_back(task);
  }

  if (options.format == "json") {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const TaskRecord& task : shown) {
      const Activity* activity = service.ActivityOf(task);
      std::optional<int> late = DaysOverdue(task, today);
      nlohmann::ordered_json entry = nlohmann::ordered_json::parse(TaskJson(task));
      entry["title"] = activity ? activity->title : "";
      entry["overdue"] = late.has_value();
      entry["days_overdue"] = late.value_or(0);
      entry["responsible"] = Ids(service.ResponsibleFor(task));
      entry["confirmers"] = Ids(service.ConfirmersOf(task));
      if (activity && activity->timing.event && !task.due) entry["awaits_event"] = activity->timing.event->event;
      Result<Waiting> waiting = service.WhyWaiting(task);
      if (!waiting.ok()) {
        PrintError(waiting.status());
        return kExitInvalid;
      }
      if (waiting->kind != Waiting::Kind::kNothing) entry["waiting"] = nlohmann::ordered_json(WaitingJson(*waiting));
      json.push_back(std::move(entry));
    }
    std::cout << PrintableJson(json) << '\n';
  } else if (options.format == "csv") {
    std::cout
        << "id,roadmap,activity,organisation,key,status,opens,due,effective_due,finished_on,days_overdue,responsible\n";
    for (const TaskRecord& task : shown) {
      std::cout << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", task.id, CsvField(task.roadmap),
                               CsvField(task.activity), CsvField(task.organisation), CsvField(task.key),
                               TaskStatusName(task.status), FormatIsoDate(task.opens), IsoOrEmpty(task.due),
                               IsoOrEmpty(task.effective_due), IsoOrEmpty(task.finished_on),
                               DaysOverdue(task, today).value_or(0),
                               CsvField(fmt::format("{}", fmt::join(Ids(service.ResponsibleFor(task)), ";"))));
    }
  } else {
    std::cout << fmt::format("Задачи на {}: {}\n", ShortDate(today), shown.size());
    for (const TaskRecord& task : shown) {
      const Activity* activity = service.ActivityOf(task);
      std::optional<int> late = DaysOverdue(task, today);
      std::cout << fmt::format("\n{}  {}  срок {}{}\n", task.id, TaskStatusTitle(task.status),
                               ShortDate(task.effective_due),
                               late ? "  ПРОСРОЧЕНА на " + CountOf(*late, nouns::kDays) : "");
      std::cout << fmt::format("    {} / {}: {}\n", task.roadmap, task.activity,
                               Shorten(activity ? activity->title : "(нет в YAML)", 90));
      std::vector<std::string> names;
      for (const Person* person : service.ResponsibleFor(task)) names.push_back(person->name);
      std::cout << fmt::format("    {} · период {} · ответственные: {}\n", task.organisation, task.key,
                               names.empty() ? "не назначены" : fmt::format("{}", fmt::join(names, ", ")));
      if (task.status == TaskStatus::kOpen) continue;
      Result<Waiting> waiting = service.WhyWaiting(task);
      if (!waiting.ok()) {
        PrintError(waiting.status());
        return kExitInvalid;
      }
      if (!waiting->text.empty()) std::cout << "    " << waiting->text << '\n';
    }
  }
  return kExitOk;
}

}  // namespace

void AddTasksCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto options = std::make_shared<TasksOptions>();
  CLI::App* command = app.add_subcommand("tasks", "Перечислить сохранённые задачи и их состояние");
  AddDeploymentOption(*command, options->deployment);
  command->add_option("--status", options->status, "Только задачи в этом состоянии")
      ->check(CLI::IsMember(
          {"scheduled", "open", "submitted", "confirmed", "done", "returned", "waived", "cancelled", "untracked"}));
  command->add_flag("--overdue", options->overdue, "Только задачи, срок которых прошёл, а работа не сделана");
  command->add_option("--org", options->organisation, "Только задачи этой организации");
  command->add_option("--roadmap", options->roadmap, "Только задачи этой дорожной карты");
  command->add_option("--person", options->person, "Только задачи, за которые отвечает этот человек");
  command->add_option("--from", options->from, "Срок в этот день или позже")->check(IsoDateValidator());
  command->add_option("--to", options->to, "Срок в этот день или раньше")->check(IsoDateValidator());
  command->add_option("--format", options->format, "Формат вывода")->check(CLI::IsMember({"text", "json", "csv"}));
  command->callback([options, &clock, &exit_code] { exit_code = RunTasks(*options, clock); });
}

}  // namespace vekha::app
