// `vekha event record` and `vekha event list`: the days the deployment's events happened, which
// date the tasks counting from them.
#include <fmt/format.h>

#include <iostream>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "app/workspace.h"
#include "workflows/monitoring_json.h"
#include "workflows/outcome_text.h"

namespace vekha::app {

namespace {

struct EventOptions {
  std::string deployment = ".";
  std::string event;
  std::string organisation;
  std::string on;
  std::string person;
  std::string note;
  std::string format = "text";
};

int RecordEvent(const EventOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace) return exit_code;
  if (!SyncWorkspace(*workspace)) return kExitInvalid;
  Result<ActionOutcome> recorded = workspace->service().RecordEvent(
      options.event, options.organisation, *ParseIsoDate(options.on), options.person, options.note);
  if (!recorded.ok()) {
    std::cerr << "отказано: " << recorded.status().message() << '\n';
    return kExitInvalid;
  }
  std::cout << OutcomeText(*recorded) << '\n';
  return SyncWorkspace(*workspace, /*verbose=*/true) ? kExitOk : kExitInvalid;
}

int ListEvents(const EventOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace) return exit_code;
  if (!SyncWorkspace(*workspace)) return kExitInvalid;
  std::vector<EventDate> dates;
  if (Status status = workspace->store().EventDates("", dates); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  std::map<std::string, int> waiting;
  if (Status status = CountTasksWaitingForEvents(workspace->deployment(), workspace->store(), waiting); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  const Deployment& deployment = workspace->deployment();
  if (options.format == "json") {
    std::cout << PrintableJson(EventsJson(deployment, dates, waiting)) << '\n';
    return kExitOk;
  }
  if (deployment.events.empty()) {
    std::cout << "В развёртывании нет событий (раздел «events:»).\n";
    return kExitOk;
  }
  for (const EventDefinition& event : deployment.events) {
    std::cout << fmt::format("{}  «{}» — {}, {}; ждут этого события задач: {}\n", event.id, event.title,
                             event.per_organisation ? "в каждой организации" : "в муниципалитете",
                             event.yearly ? "ежегодно" : "однократно", waiting[event.id]);
    for (const EventDate& date : dates) {
      if (date.event != event.id) continue;
      const Organisation* organisation = deployment.FindOrganisation(date.organisation);
      const Person* person = deployment.FindPerson(date.person);
      std::cout << fmt::format("    {}{} — записал(а) {}{}\n", DottedDate(date.on),
                               organisation ? fmt::format(" · {}", organisation->name) : "",
                               person ? person->name : date.person, date.note.empty() ? "" : " · " + date.note);
    }
  }
  return kExitOk;
}

}  // namespace

void AddEventCommands(CLI::App& app, const Clock& clock, int& exit_code) {
  CLI::App* event = app.add_subcommand("event", "Дни событий, от которых считаются сроки задач");
  event->require_subcommand(1);

  auto record = std::make_shared<EventOptions>();
  CLI::App* record_command = event->add_subcommand("record", "Записать день события (координатор)");
  AddDeploymentOption(*record_command, record->deployment);
  record_command->add_option("event", record->event, "Идентификатор события")->required();
  record_command->add_option("--on", record->on, "День, когда оно произошло")->required()->check(IsoDateValidator());
  record_command->add_option("--org", record->organisation, "Где оно произошло — для события каждой организации");
  record_command->add_option("--as", record->person, "Кто записывает: идентификатор человека")->required();
  record_command->add_option("--note", record->note, "Откуда дата (письмо, приказ)");
  record_command->callback([record, &clock, &exit_code] { exit_code = RecordEvent(*record, clock); });

  auto list = std::make_shared<EventOptions>();
  CLI::App* list_command = event->add_subcommand("list", "События, их записанные дни и ждущие задачи");
  AddDeploymentOption(*list_command, list->deployment);
  list_command->add_option("--format", list->format, "Формат вывода")->check(CLI::IsMember({"text", "json"}));
  list_command->callback([list, &clock, &exit_code] { exit_code = ListEvents(*list, clock); });
}

}  // namespace vekha::app
