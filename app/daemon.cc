#include "app/daemon.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <optional>

#include "app/commands.h"
#include "app/cycle.h"
#include "app/net.h"

namespace vekha::app {

namespace {

namespace asio = boost::asio;
using std::chrono::seconds;

constexpr seconds kJumpWatchPeriod{5};
constexpr seconds kJumpTolerance{2};
constexpr seconds kAfterMidnight{1};  // wake just after midnight, when the new day has begun

// The wall clock's offset from the monotonic clock; it changes only when the wall clock jumps.
std::chrono::nanoseconds WallOffset() {
  return std::chrono::system_clock::now().time_since_epoch() - std::chrono::steady_clock::now().time_since_epoch();
}

class Daemon {
 public:
  Daemon(const DaemonOptions& options, const Clock& clock, std::unique_ptr<DeliveryEngine> engine)
      : options_(options),
        clock_(clock),
        engine_(std::move(engine)),
        wake_(io_),
        watch_(io_),
        signals_(io_, SIGINT, SIGTERM, SIGHUP),
        offset_(WallOffset()) {}

  int Run() {
    WaitForSignal();
    WatchForJumps();
    asio::post(io_, [this] { Cycle(); });
    io_.run();
    return kExitOk;
  }

 private:
  void Cycle() {
    CycleResult result = RunCycle(*engine_->workspace, *engine_->worker, options_.batch);
    if (result.more_due) {
      asio::post(io_, [this] { Cycle(); });  // the next batch, after any signal waiting
      return;
    }
    Arm();
  }

  // Arms the timer at the next local midnight or the next delivery, whichever comes first.
  void Arm() {
    const Deployment& deployment = engine_->workspace->deployment();
    Clock::TimePoint now = clock_.Now();
    Clock::TimePoint wake =
        StartOfLocalDay(AddDays(LocalToday(clock_, deployment.settings.time_zone), 1), deployment.settings.time_zone) +
        kAfterMidnight;
    std::optional<Clock::TimePoint> delivery;
    if (Status status = engine_->worker->NextDue(delivery); !status.ok()) spdlog::error("outbox: {}", status.message());
    if (delivery) wake = std::min(wake, std::max(*delivery, now));
    seconds wait = std::max(seconds{0}, std::chrono::duration_cast<seconds>(wake - now));
    spdlog::debug("next wake at {} (in {} s)", FormatInstant(wake), wait.count());
    wake_.expires_after(wait);
    wake_.async_wait([this](const boost::system::error_code& error) {
      if (!error) Cycle();  // cancelled: a jump or a reload re-armed it
    });
  }

  void WatchForJumps() {
    watch_.expires_after(kJumpWatchPeriod);
    watch_.async_wait([this](const boost::system::error_code& error) {
      if (error) return;
      std::chrono::nanoseconds offset = WallOffset();
      if (std::chrono::abs(offset - offset_) > kJumpTolerance) {
        spdlog::warn("the wall clock jumped by {} s; looking again at what is due",
                     std::chrono::duration_cast<seconds>(offset - offset_).count());
        offset_ = offset;
        wake_.cancel();
        asio::post(io_, [this] { Cycle(); });
      }
      WatchForJumps();
    });
  }

  void WaitForSignal() {
    signals_.async_wait([this](const boost::system::error_code& error, int signal) {
      if (error) return;
      if (signal == SIGHUP) {
        Reload();
        WaitForSignal();
        return;
      }
      spdlog::info("stopping on signal {}: the outbox keeps what is not sent yet", signal);
      io_.stop();
    });
  }

  void Reload() {
    spdlog::info("reloading {}", options_.deployment);
    int ignored = kExitOk;
    std::unique_ptr<DeliveryEngine> fresh = DeliveryEngine::Open(options_.deployment, clock_, ignored);
    if (!fresh) {
      spdlog::error("{}: the new configuration is invalid; keeping the old one", options_.deployment);
      return;
    }
    wake_.cancel();
    engine_ = std::move(fresh);
    asio::post(io_, [this] { Cycle(); });
  }

  const DaemonOptions& options_;
  const Clock& clock_;
  std::unique_ptr<DeliveryEngine> engine_;
  asio::io_context io_;
  asio::steady_timer wake_;
  asio::steady_timer watch_;
  asio::signal_set signals_;
  std::chrono::nanoseconds offset_;
};

}  // namespace

int RunDaemon(const DaemonOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<DeliveryEngine> engine = DeliveryEngine::Open(options.deployment, clock, exit_code);
  if (!engine) return exit_code;
  spdlog::info("vekha run: {} ({}), database {}", options.deployment, engine->workspace->deployment().settings.name,
               engine->workspace->deployment().settings.database);
  Daemon daemon(options, clock, std::move(engine));
  return daemon.Run();
}

}  // namespace vekha::app
