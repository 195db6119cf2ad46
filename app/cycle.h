// One cycle of the engine, shared by `vekha deliver` and the daemon: sync the tasks with the YAML,
// fire the rules, deliver up to `batch` due messages. Console lines say what happened.
#pragma once

#include "app/workspace.h"
#include "notifiers/delivery_worker.h"

namespace vekha::app {

struct CycleResult {
  bool ok = true;
  int queued = 0;
  notifiers::DeliverySummary delivered;
  bool more_due = false;  // the batch was full: more messages may be due now
};

CycleResult RunCycle(Workspace& workspace, notifiers::DeliveryWorker& worker, int batch);

}  // namespace vekha::app
