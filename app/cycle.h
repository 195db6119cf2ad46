// What `vekha run`, `vekha deliver` and `vekha outbox` share: a deployment opened with its
// channels and delivery worker (DeliveryEngine), and one cycle of the engine — sync the tasks with
// the YAML, fire the rules, deliver up to `batch` due messages. Console lines say what happened.
#pragma once

#include <memory>
#include <string>

#include "app/workspace.h"
#include "notifiers/delivery_worker.h"

namespace vekha::app {

// A workspace with its channels and delivery worker: what SIGHUP replaces as a whole. On the heap
// only: the worker refers to the channels, which must not move.
struct DeliveryEngine {
  std::unique_ptr<Workspace> workspace;
  notifiers::ChannelSet channels;
  std::unique_ptr<notifiers::DeliveryWorker> worker;

  // Opens the deployment at `path`; on failure prints why to stderr and returns nullptr with
  // `exit_code` set.
  static std::unique_ptr<DeliveryEngine> Open(const std::string& path, const Clock& clock, int& exit_code);
};

struct CycleResult {
  bool ok = true;
  int queued = 0;
  notifiers::DeliverySummary delivered;
  bool more_due = false;  // the batch was full: more messages may be due now
};

CycleResult RunCycle(Workspace& workspace, notifiers::DeliveryWorker& worker, int batch);

// When the engine looks at the tasks again on its own: just after the next local midnight in
// `time_zone`, when the new day has begun (what falls due, opens or escalates changes only then).
// The daemon and the simulation wake earlier for deliveries and scripted actions.
Clock::TimePoint NextDailyWake(const Date& today, const std::string& time_zone);

}  // namespace vekha::app
