#include "app/daemon.h"

#include <spdlog/spdlog.h>

#include <csignal>

#include "app/commands.h"
#include "app/workspace.h"

namespace vekha::app {

namespace {

namespace asio = boost::asio;

// Waits for one signal of `signals` at a time, handing each to `handle`; stops waiting when the
// set is cancelled.
template <typename Handler>
void Listen(asio::signal_set& signals, Handler handle) {
  signals.async_wait([&signals, handle](const boost::system::error_code& error, int signal) {
    if (error) return;
    if (handle(signal)) Listen(signals, handle);
  });
}

}  // namespace

int RunDaemon(const runtime::DaemonOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<runtime::Engine> engine = OpenEngine(options.deployment, clock, exit_code);
  if (!engine) return exit_code;
  const Settings& settings = engine->workspace->deployment().settings;
  spdlog::info("vekha run: {} ({}), database {}", options.deployment, settings.name, settings.database);

  asio::io_context io;
  runtime::Daemon daemon(io, options, clock, std::move(engine));
  asio::signal_set stops(io, SIGINT, SIGTERM, SIGHUP);
  asio::signal_set look_again(io, SIGUSR1);
  Listen(stops, [&](int signal) {
    if (signal == SIGHUP) {
      daemon.Reload();
      return true;
    }
    spdlog::info("stopping on signal {}: the outbox keeps what is not sent yet", signal);
    daemon.Stop();
    look_again.cancel();
    return false;
  });
  Listen(look_again, [&](int) {
    daemon.LookAgain();
    return true;
  });
  if (Status status = daemon.Start(); !status.ok()) {
    spdlog::error("{}", status.message());
    return status.meaning().exit_code;
  }
  io.run();
  return kExitOk;
}

}  // namespace vekha::app
