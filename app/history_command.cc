// `vekha history`: the audit log for auditors — every event with who, when, what changed and the
// hashes of the evidence — by task, organisation, roadmap or period.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "app/workspace.h"
#include "workflows/audit_description.h"

namespace vekha::app {

namespace {

struct HistoryOptions {
  std::string deployment = ".";
  std::string task;
  std::string organisation;
  std::string roadmap;
  std::string from;
  std::string to;
  std::string format = "text";
};

int RunHistory(const HistoryOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace || !SyncWorkspace(*workspace)) return exit_code == kExitOk ? kExitInvalid : exit_code;
  HistoryQuery query;
  if (!options.task.empty()) {
    TaskRecord task;
    if (Status status = workspace->service().Resolve(options.task, task); !status.ok()) {
      PrintError(status);
      return kExitUsage;
    }
    query.task_id = task.id;
  }
  if (!options.organisation.empty() || !options.roadmap.empty()) {
    TaskQuery tasks_query;
    tasks_query.organisation = options.organisation;
    tasks_query.roadmap = options.roadmap;
    std::vector<TaskRecord> tasks;
    if (Status status = workspace->store().ListTasks(tasks_query, tasks); !status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
    for (const TaskRecord& task : tasks) query.task_ids.push_back(task.id);
    if (query.task_ids.empty()) query.task_ids.push_back("-");  // matches nothing
  }
  if (!options.from.empty()) query.from_at = options.from + "T00:00:00Z";
  if (!options.to.empty()) query.to_at = options.to + "T23:59:59Z";
  std::vector<AuditEntry> entries;
  if (Status status = workspace->store().History(query, entries); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (options.format == "json") {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const AuditEntry& entry : entries) {
      json.push_back({{"seq", entry.seq},
                      {"at", entry.at},
                      {"actor", entry.actor},
                      {"event", entry.event},
                      {"task", entry.task_id},
                      {"details", nlohmann::ordered_json::parse(entry.details)},
                      {"hash", entry.hash}});
    }
    std::cout << PrintableJson(json) << '\n';
  } else if (options.format == "csv") {
    std::cout << "seq,at,actor,event,task,details,hash\n";
    for (const AuditEntry& entry : entries) {
      std::cout << fmt::format("{},{},{},{},{},{},{}\n", entry.seq, entry.at, CsvField(entry.actor), entry.event,
                               entry.task_id, CsvField(entry.details), entry.hash);
    }
  } else {
    std::cout << fmt::format("История: событий {}\n", entries.size());
    for (const AuditEntry& entry : entries) {
      const Person* actor = workspace->deployment().FindPerson(entry.actor);
      std::cout << fmt::format("#{} {} {} {} — {}{}\n", entry.seq, entry.at, entry.task_id, EventTitle(entry.event),
                               actor ? fmt::format("{} ({})", actor->name, actor->id) : entry.actor, [&] {
                                 std::string text = DescribeAuditDetails(entry.details);
                                 return text.empty() ? std::string() : ": " + text;
                               }());
    }
  }
  return kExitOk;
}

}  // namespace

void AddHistoryCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* command = app.add_subcommand("history", "История исполнения для аудиторов: каждое событие, кто и когда");
  AddDeploymentOption(*command, options->deployment);
  command->add_option("--task", options->task, "Только эта задача");
  command->add_option("--org", options->organisation, "Только задачи этой организации");
  command->add_option("--roadmap", options->roadmap, "Только задачи этой дорожной карты");
  command->add_option("--from", options->from, "События начиная с этого дня (UTC)")->check(IsoDateValidator());
  command->add_option("--to", options->to, "События по этот день включительно (UTC)")->check(IsoDateValidator());
  command->add_option("--format", options->format, "Формат вывода")->check(CLI::IsMember({"text", "json", "csv"}));
  command->callback([options, &clock, &exit_code] { exit_code = RunHistory(*options, clock); });
}

}  // namespace vekha::app
