// vekha: the command-line entry point. Parses arguments, sets up logging, runs one subcommand.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Vekha: deadlines and workflows for the roadmaps of municipal education departments"};
  app.require_subcommand(1);
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  vekha::SystemClock clock;
  int exit_code = vekha::app::kExitOk;
  vekha::app::AddCheckCommand(app, exit_code);
  vekha::app::AddExplainTimingCommand(app, clock, exit_code);
  vekha::app::AddPlanCommand(app, clock, exit_code);

  app.parse_complete_callback([&] {
    auto logger = spdlog::stderr_color_mt("vekha");
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
