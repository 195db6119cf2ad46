// `vekha fire`: evaluates the rules in force on every live task now and queues the notifications
// of those that hold (each once per stage and repeat interval), printing what was queued.
#include <fmt/format.h>

#include <iostream>

#include "app/commands.h"
#include "app/output.h"
#include "app/workspace.h"
#include "workflows/indicator_rules.h"
#include "workflows/rule_runner.h"

namespace vekha::app {

void AddFireCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto deployment = std::make_shared<std::string>(".");
  CLI::App* command =
      app.add_subcommand("fire", "Проверить правила сейчас и поставить в очередь уведомления тех, что выполняются");
  AddDeploymentOption(*command, *deployment);
  command->callback([deployment, &clock, &exit_code] {
    exit_code = kExitOk;
    std::unique_ptr<Workspace> workspace = OpenWorkspace(*deployment, clock, exit_code);
    if (!workspace) return;
    if (!SyncWorkspace(*workspace)) {
      exit_code = kExitInvalid;
      return;
    }
    FireSummary summary;
    Status status = FireRules(workspace->deployment(), workspace->rule_set(), workspace->service(), workspace->store(),
                              clock, summary);
    if (!status.ok()) {
      PrintError(status);
      exit_code = kExitInvalid;
      return;
    }
    for (const OutboxMessage& message : summary.messages) {
      const Person* person = workspace->deployment().FindPerson(message.recipient);
      std::cout << fmt::format("→ {} ({}): {} — {} [{}]\n", person ? person->name : message.recipient,
                               message.recipient, message.template_id, SubjectText(message.task_id), message.rule);
    }
    std::cout << fmt::format("Правила: задач {}, срабатываний {}, уведомлений в очереди {}{}\n", summary.evaluated,
                             summary.fired, summary.queued,
                             summary.unaddressed > 0 ? fmt::format(", без получателя {}", summary.unaddressed) : "");
  });
}

}  // namespace vekha::app
