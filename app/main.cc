// vekha: the command-line entry point. Parses arguments, sets up logging, runs one subcommand.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <optional>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/russian_cli.h"
#include "app/workspace.h"

namespace {

// The clock the subcommands hold: pinned for one-shot commands, flowing for the daemon, chosen
// once the command line is parsed.
class DelegatingClock final : public vekha::Clock {
 public:
  explicit DelegatingClock(const vekha::Clock& target) : target_(&target) {}
  TimePoint Now() const override { return target_->Now(); }
  void Use(const vekha::Clock& target) { target_ = &target; }

 private:
  const vekha::Clock* target_;
};

}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit (RLIMIT_FSIZE) a write fails with EFBIG instead of killing the process:
  // SQLite then rolls the transaction back and says "database or disk is full", as on a full disk.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Веха: сроки и исполнение дорожных карт муниципальных органов управления образованием"};
  app.require_subcommand(1);
  std::string log_level;  // default: info for the daemon, warn for the rest
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error или off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  // --now pins the clock (for rehearsals, simulations and tests); otherwise the system clock.
  std::string now;
  app.add_option("--now", now, "Действовать так, будто сейчас этот момент: ГГГГ-ММ-ДДTЧЧ:ММ:ССZ или ГГГГ-ММ-ДД")
      ->envname("VEKHA_NOW")
      ->check(vekha::app::InstantValidator());
  std::string database;
  app.add_option("--database", database, "Использовать этот файл SQLite вместо базы развёртывания")
      ->envname("VEKHA_DATABASE");
  // One-shot commands see one pinned instant; the daemon's time flows (from --now, when given).
  vekha::SystemClock system_clock;
  vekha::FakeClock pinned_clock(system_clock.Now());
  std::optional<vekha::ShiftedClock> flowing_clock;
  DelegatingClock clock(pinned_clock);
  int exit_code = vekha::app::kExitOk;
  vekha::app::AddCheckCommand(app, exit_code);
  vekha::app::AddExplainTimingCommand(app, clock, exit_code);
  vekha::app::AddPlanCommand(app, clock, exit_code);
  vekha::app::AddLifecycleCommands(app, clock, exit_code);
  vekha::app::AddEventCommands(app, clock, exit_code);
  vekha::app::AddIndicatorsCommand(app, clock, exit_code);
  vekha::app::AddTasksCommand(app, clock, exit_code);
  vekha::app::AddHistoryCommand(app, clock, exit_code);
  vekha::app::AddAuditCommands(app, clock, exit_code);
  vekha::app::AddExplainTaskCommand(app, clock, exit_code);
  vekha::app::AddFireCommand(app, clock, exit_code);
  vekha::app::AddNotificationCommands(app, clock, exit_code);
  vekha::app::AddAccessCommands(app, clock, exit_code);
  vekha::app::AddReportCommand(app, clock, exit_code);
  vekha::app::AddImportTableCommand(app, exit_code);
  vekha::app::AddSimulateCommand(app, exit_code);
  vekha::app::UseRussian(app);

  app.parse_complete_callback([&] {
    if (!database.empty()) vekha::app::UseDatabaseInstead(database);
    pinned_clock.Set(now.empty() ? system_clock.Now() : *vekha::ParseInstant(now));
    if (app.got_subcommand("run")) {
      if (!now.empty()) flowing_clock.emplace(system_clock, pinned_clock.Now());
      clock.Use(flowing_clock ? static_cast<const vekha::Clock&>(*flowing_clock) : system_clock);
    }
    auto logger = spdlog::stderr_color_mt("vekha");
    if (log_level.empty()) log_level = app.got_subcommand("run") ? "info" : "warn";
    logger->set_level(spdlog::level::from_str(log_level));
    spdlog::set_default_logger(logger);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return vekha::app::kExitUsage;
  }
  return exit_code;
}
