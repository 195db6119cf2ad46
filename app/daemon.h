// `vekha run`: the runtime's Daemon in this process, with its signals — SIGINT and SIGTERM stop
// the loop between handlers (a delivery in flight finishes and its outcome is written), SIGHUP
// reloads the YAML (keeping the old configuration when the new one is invalid), SIGUSR1 looks at
// the tasks again now (after a change made with the CLI, or to measure a wake).
#pragma once

#include "engine/clock.h"
#include "runtime/daemon.h"

namespace vekha::app {

// Runs until SIGINT or SIGTERM; returns the process exit status.
int RunDaemon(const runtime::DaemonOptions& options, const Clock& clock);

}  // namespace vekha::app
