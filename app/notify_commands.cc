// `vekha run` (the daemon), `vekha deliver` (one cycle: sync, fire, deliver what is due, exit)
// and `vekha outbox` (the queue: what was sent, what waits, what failed; re-sending).
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/daemon.h"
#include "app/output.h"
#include "app/workspace.h"
#include "runtime/cycle.h"
#include "workflows/indicator_rules.h"

namespace vekha::app {

namespace {

struct OutboxOptions {
  std::string deployment = ".";
  std::string status;
  int64_t retry = 0;
  bool retry_failed = false;
  std::string format = "text";
};

int RunOutbox(const OutboxOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<runtime::Engine> delivery = OpenEngine(options.deployment, clock, exit_code);
  if (!delivery) return exit_code;
  TaskStore& store = delivery->workspace->store();
  std::vector<int64_t> requeue;
  if (options.retry != 0) requeue.push_back(options.retry);
  if (options.retry_failed) {
    std::vector<OutboxMessage> failed;
    OutboxQuery query;
    query.status = "failed";
    if (Status status = store.Outbox(query, failed); !status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
    for (const OutboxMessage& message : failed) requeue.push_back(message.id);
  }
  for (int64_t id : requeue) {
    if (Status status = delivery->worker->Requeue(id, "operator"); !status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
    std::cout << fmt::format("#{}: снова в очереди\n", id);
  }
  if (!requeue.empty()) return kExitOk;

  std::vector<OutboxMessage> messages;
  OutboxQuery query;
  query.status = options.status;
  if (Status status = store.Outbox(query, messages); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (options.format == "json") {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const OutboxMessage& message : messages) {
      json.push_back({{"id", message.id},
                      {"status", message.status},
                      {"channel", message.channel},
                      {"recipient", message.recipient},
                      {"rule", message.rule},
                      {"template", message.template_id},
                      {"task", message.task_id},
                      {"attempts", message.attempts},
                      {"created_at", message.created_at},
                      {"next_attempt_at", message.next_attempt_at},
                      {"sent_at", message.sent_at},
                      {"last_error", message.last_error},
                      {"idempotency_key", message.idempotency_key}});
    }
    std::cout << PrintableJson(json) << '\n';
    return kExitOk;
  }
  for (const OutboxMessage& message : messages) {
    const Person* person = delivery->workspace->deployment().FindPerson(message.recipient);
    std::string when = message.status == "sent"          ? "отправлено " + message.sent_at
                       : message.status == "failed"      ? "не доставлено"
                       : message.next_attempt_at.empty() ? "ждёт отправки"
                                                         : "следующая попытка " + message.next_attempt_at;
    std::cout << fmt::format("#{} [{}] {} → {} ({}), {}, {}, попыток {}; {}{}\n", message.id, message.status,
                             message.channel, person != nullptr ? person->name : message.recipient, message.recipient,
                             message.template_id, SubjectText(message.task_id), message.attempts, when,
                             message.last_error.empty() ? "" : fmt::format(" — {}", message.last_error));
  }
  std::cout << fmt::format("Сообщений: {}\n", messages.size());
  return kExitOk;
}

int RunDeliver(const std::string& path, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<runtime::Engine> delivery = OpenEngine(path, clock, exit_code);
  if (!delivery) return exit_code;
  notifiers::DeliverySummary total;
  for (bool more_due = true; more_due;) {
    Result<runtime::CycleResult> cycle = runtime::RunCycle(*delivery->workspace, *delivery->worker, 100);
    if (!cycle.ok()) {
      PrintError(cycle.status());
      return cycle.status().meaning().exit_code;
    }
    PrintSyncSummary(cycle->synced);
    total += cycle->delivered;
    more_due = cycle->more_due;
  }
  std::cout << fmt::format(
      "Доставка: отправлено {} (сводок {}), повтор позже {}, не доставлено {}, отложено (тихие часы, сводка) {}\n",
      total.sent, total.digests, total.retrying, total.failed, total.held);
  return kExitOk;
}

}  // namespace

void AddNotificationCommands(CLI::App& app, const Clock& clock, int& exit_code) {
  auto daemon = std::make_shared<runtime::DaemonOptions>();
  daemon->deployment = ".";
  CLI::App* run = app.add_subcommand("run", "Служба: напоминания и эскалации вовремя, каждое доставляется один раз");
  run->add_option("path", daemon->deployment, "Каталог развёртывания или его vekha.yaml (по умолчанию .)");
  AddDeploymentOption(*run, daemon->deployment);
  run->add_option("--batch", daemon->batch, "Сколько сообщений доставлять между двумя проверками сигналов")
      ->check(CLI::Range(1, 10'000));
  run->add_option("--listen", daemon->listen, "Обслуживать веб-страницы и API на ХОСТ:ПОРТ (вместо http.listen)");
  run->callback([daemon, &clock, &exit_code] { exit_code = RunDaemon(*daemon, clock); });

  auto deliver = std::make_shared<std::string>(".");
  CLI::App* once =
      app.add_subcommand("deliver", "Один цикл: сверка, правила, доставка того, что пора отправить, выход");
  AddDeploymentOption(*once, *deliver);
  once->callback([deliver, &clock, &exit_code] { exit_code = RunDeliver(*deliver, clock); });

  auto options = std::make_shared<OutboxOptions>();
  CLI::App* outbox =
      app.add_subcommand("outbox", "Очередь уведомлений: отправленные, ждущие, неотправленные; повторная отправка");
  AddDeploymentOption(*outbox, options->deployment);
  outbox->add_option("--status", options->status, "Только сообщения в этом состоянии")
      ->check(CLI::IsMember({"queued", "sent", "failed"}));
  outbox->add_option("--retry", options->retry, "Снова поставить сообщение ID в очередь на попытку сейчас");
  outbox->add_flag("--retry-failed", options->retry_failed, "Снова поставить в очередь все неотправленные сообщения");
  outbox->add_option("--format", options->format, "text или json")->check(CLI::IsMember({"text", "json"}));
  outbox->callback([options, &clock, &exit_code] { exit_code = RunOutbox(*options, clock); });
}

}  // namespace vekha::app
