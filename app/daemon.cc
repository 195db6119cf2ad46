#include "server/net.h"

#include "app/daemon.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <optional>

#include "app/commands.h"
#include "app/cycle.h"
#include "server/http_server.h"
#include "server/web_app.h"
#include "storage/sqlite_access_store.h"

namespace vekha::app {

namespace {

namespace asio = boost::asio;
using std::chrono::seconds;

constexpr seconds kJumpWatchPeriod{5};
constexpr seconds kJumpTolerance{2};

// Wall and CPU time of one cycle, for the debug log (and the benchmarks that read it).
class CpuStopwatch {
 public:
  CpuStopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(CpuNow()) {}
  double WallMilliseconds() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_).count();
  }
  double CpuMilliseconds() const { return (CpuNow() - cpu_) * 1e3; }

 private:
  static double CpuNow() {
    timespec now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

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
        look_again_(io_, SIGUSR1),
        offset_(WallOffset()) {}

  int Run() {
    if (!StartWeb()) return kExitInvalid;
    WaitForSignal();
    WaitForLookAgain();
    WatchForJumps();
    asio::post(io_, [this] { Cycle(); });
    io_.run();
    return kExitOk;
  }

 private:
  void Cycle() {
    if (stopping_) return;
    CpuStopwatch stopwatch;
    CycleResult result = RunCycle(*engine_->workspace, *engine_->worker, options_.batch);
    spdlog::debug("cycle: {:.1f} ms, {:.3f} ms of CPU", stopwatch.WallMilliseconds(), stopwatch.CpuMilliseconds());
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
        NextDailyWake(LocalToday(clock_, deployment.settings.time_zone), deployment.settings.time_zone);
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
      Stop();
    });
  }

  // SIGUSR1: look at the tasks again now (after a change made with the CLI, or to measure a wake).
  void WaitForLookAgain() {
    look_again_.async_wait([this](const boost::system::error_code& error, int) {
      if (error) return;
      wake_.cancel();
      asio::post(io_, [this] { Cycle(); });
      WaitForLookAgain();
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
    std::unique_ptr<AccessStore> access;
    std::unique_ptr<server::WebApp> web;
    if (http_ && !OpenWeb(*fresh, access, web)) {
      spdlog::error("{}: the web pages cannot use the new configuration; keeping the old one", options_.deployment);
      return;
    }
    wake_.cancel();
    web_ = std::move(web);  // before the engine it refers to goes
    access_ = std::move(access);
    engine_ = std::move(fresh);
    asio::post(io_, [this] { Cycle(); });
  }

  // Stops between handlers: no new connections or wakes; a response being written finishes.
  void Stop() {
    stopping_ = true;
    if (http_) http_->Stop();
    wake_.cancel();
    watch_.cancel();
    signals_.cancel();
    look_again_.cancel();
  }

  // Listens when the deployment or --listen asks for the web server.
  bool StartWeb() {
    const Settings& settings = engine_->workspace->deployment().settings;
    std::string listen = options_.listen.empty() ? settings.http.listen : options_.listen;
    if (listen.empty()) return true;
    std::optional<ListenAddress> address = ParseListenAddress(listen);
    if (!address) {
      spdlog::error("«{}» is not an address to listen on (host:port)", listen);
      return false;
    }
    server::HttpLimits limits;
    limits.body_bytes = static_cast<uint64_t>(settings.max_evidence_bytes) * 4 + (1U << 20);
    limits.max_connections_per_address = static_cast<size_t>(settings.http.max_connections_per_address);
    limits.trusted_proxies = settings.http.trusted_proxies;
    http_ = std::make_unique<server::HttpServer>(
        io_, [this](const server::HttpRequest& request) { return web_->Handle(request); }, limits);
    if (Status status = http_->Listen(*address); !status.ok()) {
      spdlog::error("http: {}", status.message());
      return false;
    }
    std::string host = address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
    public_url_ =
        settings.http.public_url.empty() ? fmt::format("http://{}:{}", host, http_->port()) : settings.http.public_url;
    if (!OpenWeb(*engine_, access_, web_)) return false;
    spdlog::info("http: listening on http://{}:{} (pages and API; people reach it at {})", host, http_->port(),
                 public_url_);
    return true;
  }

  bool OpenWeb(DeliveryEngine& engine, std::unique_ptr<AccessStore>& access, std::unique_ptr<server::WebApp>& web) {
    Workspace& workspace = *engine.workspace;
    Status status;
    access = storage::OpenSqliteAccessStore(workspace.deployment().settings.database, clock_, status);
    if (!access) {
      spdlog::error("http: {}", status.message());
      return false;
    }
    web = std::make_unique<server::WebApp>(server::SiteContext{workspace.deployment(), workspace.store(),
                                                               workspace.service(), workspace.evidence(), *access,
                                                               clock_, public_url_});
    return true;
  }

  const DaemonOptions& options_;
  const Clock& clock_;
  std::unique_ptr<DeliveryEngine> engine_;
  asio::io_context io_;
  std::unique_ptr<AccessStore> access_;
  std::unique_ptr<server::WebApp> web_;
  std::unique_ptr<server::HttpServer> http_;
  std::string public_url_;
  bool stopping_ = false;
  asio::steady_timer wake_;
  asio::steady_timer watch_;
  asio::signal_set signals_;
  asio::signal_set look_again_;
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
