#include "runtime/daemon.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <optional>

#include "notifiers/delivery_worker.h"
#include "server/http_server.h"
#include "server/web_app.h"
#include "storage/sqlite_access_store.h"

namespace vekha::runtime {

namespace {

namespace asio = boost::asio;
using std::chrono::seconds;

constexpr seconds kJumpWatchPeriod{5};
constexpr seconds kJumpTolerance{2};
// A cycle that failed (the store busy or full) is tried again this soon rather than at the next
// midnight, so a day's reminders are not lost to a passing failure.
constexpr seconds kRetryAfterFailedCycle{60};

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

void LogSync(const SyncSummary& summary) {
  if (!summary.changed() && summary.kept == 0) return;
  spdlog::info(
      "sync: created {}, opened {}, rescheduled {}, dated {}, cancelled {}, reinstated {}, kept with work though "
      "gone from the YAML {}",
      summary.created, summary.opened, summary.rescheduled, summary.dated, summary.cancelled, summary.reinstated,
      summary.kept);
}

}  // namespace

Daemon::Daemon(asio::io_context& io, DaemonOptions options, const Clock& clock, std::unique_ptr<Engine> engine)
    : io_(io),
      options_(std::move(options)),
      clock_(clock),
      engine_(std::move(engine)),
      wake_(io),
      watch_(io),
      offset_(WallOffset()) {}

Daemon::~Daemon() = default;

Status Daemon::Start() {
  if (Status status = StartWeb(); !status.ok()) return status;
  WatchForJumps();
  asio::post(io_, [this] { Cycle(); });
  return Status::Ok();
}

void Daemon::Cycle() {
  if (stopping_) return;
  CpuStopwatch stopwatch;
  ++cycles_;
  Result<CycleResult> result = RunCycle(*engine_->workspace, *engine_->worker, options_.batch);
  spdlog::debug("cycle: {:.1f} ms, {:.3f} ms of CPU", stopwatch.WallMilliseconds(), stopwatch.CpuMilliseconds());
  if (!result.ok()) {
    spdlog::error("cycle: {}; trying again in {} s", result.status().message(), kRetryAfterFailedCycle.count());
    Arm(clock_.Now() + kRetryAfterFailedCycle);
    return;
  }
  LogSync(result->synced);
  if (result->more_due) {
    asio::post(io_, [this] { Cycle(); });  // the next batch, after any handler waiting
    return;
  }
  Arm(std::nullopt);
}

void Daemon::Arm(std::optional<Clock::TimePoint> retry) {
  const std::string& zone = engine_->workspace->deployment().settings.time_zone;
  Clock::TimePoint now = clock_.Now();
  std::optional<Clock::TimePoint> delivery;
  if (Status status = engine_->worker->NextDue(delivery); !status.ok()) spdlog::error("outbox: {}", status.message());
  next_wake_ = NextWake(now, LocalToday(clock_, zone), zone, delivery);
  if (retry) next_wake_ = std::min(next_wake_, *retry);
  seconds wait = std::chrono::duration_cast<seconds>(next_wake_ - now);
  spdlog::debug("next wake at {} (in {} s)", FormatInstant(next_wake_), wait.count());
  wake_.expires_after(wait);
  wake_.async_wait([this](const boost::system::error_code& error) {
    if (!error) Cycle();  // cancelled: a jump, a reload or a look again re-armed it
  });
}

void Daemon::LookAgain() {
  if (stopping_) return;
  wake_.cancel();
  asio::post(io_, [this] { Cycle(); });
}

void Daemon::WatchForJumps() {
  watch_.expires_after(kJumpWatchPeriod);
  watch_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    std::chrono::nanoseconds offset = WallOffset();
    if (std::chrono::abs(offset - offset_) > kJumpTolerance) {
      spdlog::warn("the wall clock jumped by {} s; looking again at what is due",
                   std::chrono::duration_cast<seconds>(offset - offset_).count());
      offset_ = offset;
      LookAgain();
    }
    WatchForJumps();
  });
}

bool Daemon::Reload() {
  spdlog::info("reloading {}", options_.deployment);
  Diagnostics diagnostics;
  Result<std::unique_ptr<Engine>> fresh = Engine::Open(options_.deployment, clock_, diagnostics);
  if (!fresh.ok()) {
    for (const Diagnostic& diagnostic : diagnostics.entries()) spdlog::error("{}", FormatDiagnostic(diagnostic));
    spdlog::error("{}: the new configuration is invalid ({}); keeping the old one", options_.deployment,
                  fresh.status().message());
    return false;
  }
  Web web;
  if (http_) {
    Result<Web> opened = OpenWeb(**fresh);
    if (!opened.ok()) {
      spdlog::error("{}: the web pages cannot use the new configuration ({}); keeping the old one", options_.deployment,
                    opened.status().message());
      return false;
    }
    web = std::move(opened).value();
  }
  web_ = std::move(web);  // before the engine it refers to goes
  engine_ = std::move(fresh).value();
  LookAgain();
  return true;
}

void Daemon::Stop() {
  stopping_ = true;
  if (http_) http_->Stop();
  wake_.cancel();
  watch_.cancel();
}

uint16_t Daemon::port() const { return http_ ? http_->port() : 0; }

Status Daemon::StartWeb() {
  const Settings& settings = engine_->workspace->deployment().settings;
  std::string listen = options_.listen.empty() ? settings.http.listen : options_.listen;
  if (listen.empty()) return Status::Ok();
  std::optional<ListenAddress> address = ParseListenAddress(listen);
  if (!address) return Status::Error(fmt::format("«{}» is not an address to listen on (host:port)", listen));
  server::HttpLimits limits;
  limits.body_bytes = static_cast<uint64_t>(settings.max_evidence_bytes) * 4 + (1U << 20);
  limits.max_connections_per_address = static_cast<size_t>(settings.http.max_connections_per_address);
  limits.trusted_proxies = settings.http.trusted_proxies;
  http_ = std::make_unique<server::HttpServer>(
      io_, [this](const server::HttpRequest& request) { return web_.app->Handle(request); }, limits);
  if (Status status = http_->Listen(*address); !status.ok()) return Status::Error("http: " + status.message());
  std::string host = address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
  public_url_ =
      settings.http.public_url.empty() ? fmt::format("http://{}:{}", host, http_->port()) : settings.http.public_url;
  Result<Web> web = OpenWeb(*engine_);
  if (!web.ok()) return Status::Error("http: " + web.status().message());
  web_ = std::move(web).value();
  spdlog::info("http: listening on http://{}:{} (pages and API; people reach it at {})", host, http_->port(),
               public_url_);
  return Status::Ok();
}

Result<Daemon::Web> Daemon::OpenWeb(Engine& engine) const {
  Workspace& workspace = *engine.workspace;
  const Deployment& deployment = workspace.deployment();
  Web web;
  Status status;
  web.access = storage::OpenSqliteAccessStore(deployment.settings.database, clock_, status);
  if (!web.access) return status;
  std::string problem;
  std::unique_ptr<notifiers::Channel> email = notifiers::MakeEmailChannel(deployment, clock_, problem);
  if (!problem.empty()) {
    spdlog::warn("http: no sign-in by e-mail: {}", problem);
  } else if (email) {
    web.mail = std::make_unique<notifiers::BackgroundMailer>(std::move(email));
  }
  web.app = std::make_unique<server::WebApp>(server::SiteContext{deployment, workspace.store(), workspace.service(),
                                                                 workspace.evidence(), *web.access, clock_, public_url_,
                                                                 web.mail.get()});
  return web;
}

}  // namespace vekha::runtime
