// One cycle of the engine that runs a municipality — sync the tasks with the YAML, fire the rules,
// deliver up to `batch` due messages — and when the next one is due. Shared by `vekha run` (the
// daemon), `vekha deliver`, `vekha outbox` and the simulation. Operators' log lines (spdlog) say
// what each phase did.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "notifiers/delivery_worker.h"
#include "runtime/workspace.h"

namespace vekha::runtime {

// A workspace with its channels and delivery worker: what a reload replaces as a whole. On the
// heap only: the worker refers to the channels, which must not move.
struct Engine {
  std::unique_ptr<Workspace> workspace;
  notifiers::ChannelSet channels;
  std::unique_ptr<notifiers::DeliveryWorker> worker;

  // Opens the deployment at `path` with the channels it configures.
  static Result<std::unique_ptr<Engine>> Open(const std::string& path, const Clock& clock, Diagnostics& diagnostics);
  // The same over an opened workspace and channels chosen by the caller (dry runs, test doubles).
  static std::unique_ptr<Engine> Assemble(std::unique_ptr<Workspace> workspace, notifiers::ChannelSet channels,
                                          const Clock& clock);
};

struct CycleResult {
  SyncSummary synced;
  int queued = 0;
  notifiers::DeliverySummary delivered;
  bool more_due = false;  // the batch was full: more messages may be due now
};

// Fails on a storage failure only; the cycle stops at the phase that failed.
Result<CycleResult> RunCycle(Workspace& workspace, notifiers::DeliveryWorker& worker, int batch);

// When the engine looks at the tasks again after `now` (local day `today` in `time_zone`): just
// after the next local midnight, when the new day has begun (what falls due, opens or escalates
// changes only then), or at `delivery` (the outbox's next due message: a retry, a message held
// for quiet hours) when that is sooner — but never sooner than `now + at_least`.
Clock::TimePoint NextWake(Clock::TimePoint now, const Date& today, const std::string& time_zone,
                          std::optional<Clock::TimePoint> delivery, std::chrono::seconds at_least = {});

}  // namespace vekha::runtime
