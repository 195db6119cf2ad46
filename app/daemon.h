// Daemon: `vekha run` — one Boost.Asio event loop over a deployment (docs/product.md, «The daemon and notifications»).
// Each cycle syncs the tasks with the YAML, fires the rules (with the catch-up policy after downtime) and delivers what
// the outbox holds in bounded batches; then one timer is armed at the earliest instant anything can change: the next
// local midnight of the deployment (every fact a rule reads is a function of the local day, so no verdict and no window
// moves between midnights) or the next delivery that is due (a retry, a message held for quiet hours). Each wake
// re-reads the injected clock. A watch compares the wall clock with the monotonic clock every few seconds and re-runs
// the cycle when the wall clock jumps (NTP, suspend). SIGINT and SIGTERM stop the loop between
// handlers — a delivery in flight finishes and its outcome is written; SIGHUP reloads the YAML,
// keeping the old configuration when the new one is invalid. With `http.listen` (or --listen) the
// same loop serves the web pages and the JSON API (server/): requests act on the same workspace
// between cycles, so no state is shared across threads; a stop closes the listener, lets responses
// being written finish, then leaves. Single-threaded.
#pragma once

#include <memory>
#include <string>

#include "engine/clock.h"

namespace vekha::app {

struct DaemonOptions {
  std::string deployment;
  int batch = 100;     // messages delivered per handler, so signals are served between batches
  std::string listen;  // the web server's "host:port" instead of the deployment's `http.listen`
};

// Runs until SIGINT or SIGTERM; returns the process exit status.
int RunDaemon(const DaemonOptions& options, const Clock& clock);

}  // namespace vekha::app
