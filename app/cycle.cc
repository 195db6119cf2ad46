#include "app/cycle.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "app/commands.h"
#include "workflows/rule_runner.h"

namespace vekha::app {

std::unique_ptr<DeliveryEngine> DeliveryEngine::Open(const std::string& path, const Clock& clock, int& exit_code) {
  auto engine = std::make_unique<DeliveryEngine>();
  engine->workspace = Workspace::Open(path, clock, exit_code);
  if (!engine->workspace) return nullptr;
  std::string problem;
  engine->channels = notifiers::MakeChannels(engine->workspace->deployment(), clock, problem);
  if (!problem.empty()) {
    std::cerr << "error: " << problem << '\n';
    exit_code = kExitInvalid;
    return nullptr;
  }
  engine->worker = std::make_unique<notifiers::DeliveryWorker>(engine->workspace->deployment(),
                                                               engine->workspace->store(), engine->channels, clock);
  return engine;
}

namespace {

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

CycleResult RunCycle(Workspace& workspace, notifiers::DeliveryWorker& worker, int batch) {
  CycleResult result;
  auto start = std::chrono::steady_clock::now();
  if (!workspace.Sync()) {
    result.ok = false;
    return result;
  }
  double synced = MillisecondsSince(start);
  FireSummary fired;
  Status status = FireRules(workspace.deployment(), workspace.rule_set(), workspace.service(), workspace.store(),
                            workspace.clock(), fired);
  double ruled = MillisecondsSince(start);
  if (!status.ok()) {
    spdlog::error("rules: {}", status.message());
    result.ok = false;
    return result;
  }
  result.queued = fired.queued;
  if (fired.queued > 0 || fired.suppressed > 0) {
    spdlog::info("rules: {} notification(s) queued{}", fired.queued,
                 fired.suppressed > 0 ? fmt::format(", {} held back by the catch-up policy", fired.suppressed) : "");
  }
  status = worker.DeliverDue(batch, result.delivered);
  if (!status.ok()) {
    spdlog::error("delivery: {}", status.message());
    result.ok = false;
    return result;
  }
  spdlog::debug("cycle phases: sync {:.1f} ms, rules {:.1f} ms ({} tasks looked at), delivery {:.1f} ms", synced,
                ruled - synced, fired.evaluated, MillisecondsSince(start) - ruled);
  const notifiers::DeliverySummary& delivered = result.delivered;
  result.more_due = delivered.handled() >= batch;
  if (delivered.handled() > 0) {
    spdlog::info("delivery: sent {} ({} digests), to retry {}, failed {}, held for quiet hours or a digest {}",
                 delivered.sent, delivered.digests, delivered.retrying, delivered.failed, delivered.held);
  }
  return result;
}

Clock::TimePoint NextDailyWake(const Date& today, const std::string& time_zone) {
  constexpr std::chrono::seconds kAfterMidnight{1};
  return StartOfLocalDay(AddDays(today, 1), time_zone) + kAfterMidnight;
}

}  // namespace vekha::app
