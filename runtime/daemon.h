// Daemon: the engine of `vekha run` as an actor on a Boost.Asio io_context (docs/product.md, «The
// daemon and notifications»). Each cycle syncs the tasks with the YAML, fires the rules (with the
// catch-up policy after downtime) and delivers what the outbox holds in bounded batches, posting
// the next batch so other handlers run between them; then one timer is armed at NextWake — the next
// local midnight of the deployment (every fact a rule reads is a function of the local day, so no
// verdict and no window moves between midnights) or the next delivery that is due; a cycle that
// failed (the store busy or full) is tried again a minute later. Each wake
// re-reads the injected clock. A watch compares the wall clock with the monotonic clock every few
// seconds and looks again when the wall clock jumps (NTP, suspend). With `http.listen` (or the
// `listen` option) the same io_context serves the web pages and the JSON API (server/): requests
// act on the same workspace between cycles, so nothing is shared across threads.
//
// The owner wires the process's signals to LookAgain, Reload and Stop and runs the io_context;
// tests drive the same calls with a FakeClock and `io.poll()`. Single-threaded: every call on the
// io_context's thread.
#pragma once

#include "server/net.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "engine/access_store.h"
#include "engine/clock.h"
#include "notifiers/background_mailer.h"
#include "runtime/cycle.h"

namespace vekha::server {
class HttpServer;
class WebApp;
}  // namespace vekha::server

namespace vekha::runtime {

struct DaemonOptions {
  std::string deployment;
  int batch = 100;     // messages delivered per handler, so other handlers run between batches
  std::string listen;  // the web server's "host:port" instead of the deployment's `http.listen`
};

class Daemon {
 public:
  // `engine` was opened from `options.deployment` with `clock`; `io` outlives the daemon.
  Daemon(boost::asio::io_context& io, DaemonOptions options, const Clock& clock, std::unique_ptr<Engine> engine);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Listens when asked to and posts the first cycle.
  Status Start();
  // Looks at the tasks again now (a change made meanwhile, a clock that jumped): the timer is
  // cancelled and a cycle posted.
  void LookAgain();
  // Re-reads the deployment; keeps the old configuration when the new one is invalid (false).
  bool Reload();
  // No new connections, cycles or wakes; a response being written finishes. io.run() then returns.
  void Stop();

  // What the last armed timer waits for; the epoch before the first cycle ends.
  Clock::TimePoint next_wake() const { return next_wake_; }
  int cycles() const { return cycles_; }
  // The web server's port (0 when it does not listen).
  uint16_t port() const;
  Engine& engine() { return *engine_; }

 private:
  void Cycle();
  // Arms the timer at NextWake, or at `retry` when that is sooner.
  void Arm(std::optional<Clock::TimePoint> retry);
  void WatchForJumps();
  // Listens when asked to, with the web app on the engine.
  Status StartWeb();
  // What serves the pages over one engine, destroyed in reverse: the web app before the mailer
  // of sign-in links (when the deployment sends e-mail) and the access store it uses.
  struct Web {
    std::unique_ptr<AccessStore> access;
    std::unique_ptr<notifiers::BackgroundMailer> mail;
    std::unique_ptr<server::WebApp> app;
  };
  Result<Web> OpenWeb(Engine& engine) const;

  boost::asio::io_context& io_;
  const DaemonOptions options_;
  const Clock& clock_;
  std::unique_ptr<Engine> engine_;
  Web web_;
  std::unique_ptr<server::HttpServer> http_;
  std::string public_url_;
  bool stopping_ = false;
  int cycles_ = 0;
  Clock::TimePoint next_wake_{};
  boost::asio::steady_timer wake_;
  boost::asio::steady_timer watch_;
  std::chrono::nanoseconds offset_;
};

}  // namespace vekha::runtime
