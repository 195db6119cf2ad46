#include "runtime/cycle.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "workflows/rule_runner.h"

namespace vekha::runtime {

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& path, const Clock& clock, Diagnostics& diagnostics) {
  Result<std::unique_ptr<Workspace>> workspace = Workspace::Open(path, clock, diagnostics);
  if (!workspace.ok()) return workspace.status();
  std::string problem;
  notifiers::ChannelSet channels = notifiers::MakeChannels((*workspace)->deployment(), clock, problem);
  if (!problem.empty()) return Status::Error(problem);
  return Assemble(std::move(workspace).value(), std::move(channels), clock);
}

std::unique_ptr<Engine> Engine::Assemble(std::unique_ptr<Workspace> workspace, notifiers::ChannelSet channels,
                                         const Clock& clock) {
  auto engine = std::make_unique<Engine>();
  engine->workspace = std::move(workspace);
  engine->channels = std::move(channels);
  engine->worker = std::make_unique<notifiers::DeliveryWorker>(engine->workspace->deployment(),
                                                               engine->workspace->store(), engine->channels, clock);
  return engine;
}

namespace {

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<CycleResult> RunCycle(Workspace& workspace, notifiers::DeliveryWorker& worker, int batch) {
  CycleResult result;
  auto start = std::chrono::steady_clock::now();
  Result<SyncSummary> synced = workspace.Sync();
  if (!synced.ok()) return synced.status();
  result.synced = *synced;
  double sync_ms = MillisecondsSince(start);
  FireSummary fired;
  Status status = FireRules(workspace.deployment(), workspace.rule_set(), workspace.service(), workspace.store(),
                            workspace.clock(), fired);
  double rules_ms = MillisecondsSince(start);
  if (!status.ok()) return status;
  result.queued = fired.queued;
  if (fired.queued > 0 || fired.suppressed > 0) {
    spdlog::info("rules: {} notification(s) queued{}", fired.queued,
                 fired.suppressed > 0 ? fmt::format(", {} held back by the catch-up policy", fired.suppressed) : "");
  }
  if (status = worker.DeliverDue(batch, result.delivered); !status.ok()) return status;
  spdlog::debug("cycle phases: sync {:.1f} ms, rules {:.1f} ms ({} tasks looked at), delivery {:.1f} ms", sync_ms,
                rules_ms - sync_ms, fired.evaluated, MillisecondsSince(start) - rules_ms);
  const notifiers::DeliverySummary& delivered = result.delivered;
  result.more_due = delivered.handled() >= batch;
  if (delivered.handled() > 0) {
    spdlog::info("delivery: sent {} ({} digests), to retry {}, failed {}, held for quiet hours or a digest {}",
                 delivered.sent, delivered.digests, delivered.retrying, delivered.failed, delivered.held);
  }
  return result;
}

Clock::TimePoint NextWake(Clock::TimePoint now, const Date& today, const std::string& time_zone,
                          std::optional<Clock::TimePoint> delivery, std::chrono::seconds at_least) {
  constexpr std::chrono::seconds kAfterMidnight{1};
  Clock::TimePoint wake = StartOfLocalDay(AddDays(today, 1), time_zone) + kAfterMidnight;
  if (delivery) wake = std::min(wake, *delivery);
  return std::max(wake, now + at_least);
}

}  // namespace vekha::runtime
