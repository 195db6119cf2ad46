// The state-changing subcommands: sync, submit, confirm, return, waive, set-date, task create.
// Each syncs with the YAML first, acts, then syncs again so dependents of finished work open.
#include <fmt/format.h>

#include <functional>
#include <iostream>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/workspace.h"
#include "workflows/outcome_text.h"

namespace vekha::app {

namespace {

// Opens the workspace, syncs, runs `act`, syncs again; prints what it did or the refusal.
int RunAction(const std::string& deployment, const Clock& clock,
              const std::function<Result<std::string>(TaskService&)>& act) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(deployment, clock, exit_code);
  if (!workspace) return exit_code;
  if (!SyncWorkspace(*workspace)) return kExitInvalid;
  Result<std::string> done = act(workspace->service());
  if (!done.ok()) {
    std::cerr << "отказано: " << done.status().message() << '\n';
    return done.status().meaning().exit_code;
  }
  std::cout << *done << '\n';
  return SyncWorkspace(*workspace) ? kExitOk : kExitInvalid;
}

// What an action did, in words; or why it was refused.
Result<std::string> Worded(const Result<ActionOutcome>& outcome) {
  if (!outcome.ok()) return outcome.status();
  return OutcomeText(*outcome);
}

struct ActionOptions {
  std::string deployment = ".";
  std::string task;
  std::string person;
  std::string reason;
  std::string due;
  std::string opens;
  std::string organisation;
  std::vector<std::string> files;   // --file, as typed
  std::vector<std::string> values;  // --value, as typed
  std::string comment;
};

// --file: "PATH", or "N=PATH" / "TITLE=PATH" when the text before the first «=» names one of the
// activity's deliverables (a path may contain «=» itself).
SubmittedFile FileArgument(const std::string& argument, const Activity* activity) {
  size_t equals = argument.find('=');
  if (equals != std::string::npos && activity != nullptr &&
      FindDeliverable(*activity, std::string_view(argument).substr(0, equals)) != nullptr) {
    return {argument.substr(0, equals), argument.substr(equals + 1)};
  }
  return {"", argument};
}

// The submission the options describe, or why --value cannot be read.
Result<SubmitRequest> SubmitRequestOf(const ActionOptions& options, TaskService& service) {
  SubmitRequest request;
  request.task = options.task;
  request.person = options.person;
  request.comment = options.comment;
  const Activity* activity = nullptr;
  if (TaskRecord task; service.Resolve(options.task, task).ok()) activity = service.ActivityOf(task);
  for (const std::string& argument : options.files) request.files.push_back(FileArgument(argument, activity));
  for (const std::string& argument : options.values) {
    size_t equals = argument.rfind('=');  // a value is a number: the last «=» ends the name
    if (equals == std::string::npos) {
      return Status::Error(fmt::format("--value «{}»: write NAME=VALUE or N=VALUE", argument));
    }
    request.values.push_back({argument.substr(0, equals), argument.substr(equals + 1)});
  }
  return request;
}

CLI::App* AddAction(CLI::App& app, const char* name, const char* help, ActionOptions& options, bool takes_task = true) {
  CLI::App* command = app.add_subcommand(name, help);
  AddDeploymentOption(*command, options.deployment);
  if (takes_task) command->add_option("task", options.task, "Идентификатор задачи (или его первые знаки)")->required();
  command->add_option("--as", options.person, "Кто действует: идентификатор человека")->required();
  return command;
}

}  // namespace

void AddLifecycleCommands(CLI::App& app, const Clock& clock, int& exit_code) {
  auto sync_deployment = std::make_shared<std::string>(".");
  CLI::App* sync = app.add_subcommand("sync", "Привести базу в соответствие с YAML и датой");
  AddDeploymentOption(*sync, *sync_deployment);
  sync->callback([sync_deployment, &clock, &exit_code] {
    exit_code = kExitOk;
    std::unique_ptr<Workspace> workspace = OpenWorkspace(*sync_deployment, clock, exit_code);
    if (workspace && !SyncWorkspace(*workspace, /*verbose=*/true)) exit_code = kExitInvalid;
  });

  auto submit = std::make_shared<ActionOptions>();
  CLI::App* submit_command = AddAction(app, "submit", "Сдать задачу с подтверждающими документами", *submit);
  submit_command->add_option("--file", submit->files,
                             "Документ: ПУТЬ, или N=ПУТЬ / НАЗВАНИЕ=ПУТЬ с указанием документа (можно повторять)");
  submit_command->add_option("--value", submit->values,
                             "Значение показателя: ИМЯ=ЗНАЧЕНИЕ или N=ЗНАЧЕНИЕ (можно повторять)");
  submit_command->add_option("--comment", submit->comment, "Комментарий для подтверждающего и аудиторов");
  submit_command->callback([submit, &clock, &exit_code] {
    exit_code = RunAction(submit->deployment, clock, [&](TaskService& service) -> Result<std::string> {
      Result<SubmitRequest> request = SubmitRequestOf(*submit, service);
      if (!request.ok()) return request.status();
      return Worded(service.Submit(*request));
    });
  });

  auto confirm = std::make_shared<ActionOptions>();
  AddAction(app, "confirm", "Подтвердить сданную задачу (подтверждающий)", *confirm)
      ->callback([confirm, &clock, &exit_code] {
        exit_code = RunAction(confirm->deployment, clock, [&](TaskService& service) {
          return Worded(service.Confirm(confirm->task, confirm->person));
        });
      });

  auto give_back = std::make_shared<ActionOptions>();
  CLI::App* return_command =
      AddAction(app, "return", "Вернуть сданную задачу на доработку (подтверждающий)", *give_back);
  return_command->add_option("--reason", give_back->reason, "Почему возвращается")->required();
  return_command->callback([give_back, &clock, &exit_code] {
    exit_code = RunAction(give_back->deployment, clock, [&](TaskService& service) {
      return Worded(service.Return(give_back->task, give_back->person, give_back->reason));
    });
  });

  auto waive = std::make_shared<ActionOptions>();
  CLI::App* waive_command = AddAction(app, "waive", "Освободить от исполнения задачи (координатор)", *waive);
  waive_command->add_option("--reason", waive->reason, "Почему освобождается")->required();
  waive_command->callback([waive, &clock, &exit_code] {
    exit_code = RunAction(waive->deployment, clock, [&](TaskService& service) {
      return Worded(service.Waive(waive->task, waive->person, waive->reason));
    });
  });

  auto date = std::make_shared<ActionOptions>();
  CLI::App* date_command = AddAction(app, "set-date", "Назначить срок задаче, сроки которой задаёт другой план", *date);
  date_command->add_option("--due", date->due, "Срок")->required()->check(IsoDateValidator());
  date_command->add_option("--opens", date->opens, "Первый день, когда её можно делать")->check(IsoDateValidator());
  date_command->callback([date, &clock, &exit_code] {
    exit_code = RunAction(date->deployment, clock, [&](TaskService& service) {
      return Worded(service.SetDate(date->task, date->person, *ParseIsoDate(date->due), OptionalDate(date->opens)));
    });
  });

  CLI::App* task = app.add_subcommand("task", "Задачи, созданные вручную");
  task->require_subcommand(1);
  auto create = std::make_shared<ActionOptions>();
  CLI::App* create_command =
      AddAction(*task, "create", "Создать задачу мероприятия «по мере необходимости»", *create, false);
  create_command->add_option("activity", create->task, "Мероприятие: МЕРОПРИЯТИЕ или КАРТА/МЕРОПРИЯТИЕ")->required();
  create_command->add_option("--org", create->organisation, "Для какой организации")->required();
  create_command->add_option("--due", create->due, "Срок")->required()->check(IsoDateValidator());
  create_command->callback([create, &clock, &exit_code] {
    exit_code = RunAction(create->deployment, clock, [&](TaskService& service) -> Result<std::string> {
      std::string id;
      Status status =
          service.CreateOnDemand(create->task, create->organisation, *ParseIsoDate(create->due), create->person, id);
      if (!status.ok()) return status;
      return fmt::format("Создана задача {}", id);
    });
  });
}

}  // namespace vekha::app
