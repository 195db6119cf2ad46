// The `vekha` subcommands. Each Add* registers one subcommand on the CLI11 app; when it runs, its
// callback stores the process exit status in `exit_code`. Output goes to stdout, errors to stderr.
// `clock` (owned by main, outliving the app) is the only source of "now".
#pragma once

#include <CLI/CLI.hpp>

#include "engine/clock.h"

namespace vekha::app {

// Exit statuses shared by the subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // the input is invalid (check found errors)
inline constexpr int kExitUsage = 2;    // bad arguments or an unreadable phrase
inline constexpr int kExitFlagged = 3;  // import-table: done, but rows were flagged with TODO

void AddCheckCommand(CLI::App& app, int& exit_code);
void AddExplainTimingCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddPlanCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddLifecycleCommands(CLI::App& app, const Clock& clock, int& exit_code);
void AddEventCommands(CLI::App& app, const Clock& clock, int& exit_code);
void AddIndicatorsCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddTasksCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddHistoryCommand(CLI::App& app, const Clock& clock, int& exit_code);
// `vekha audit verify|checkpoint` and `vekha keys init`.
void AddAuditCommands(CLI::App& app, const Clock& clock, int& exit_code);
void AddExplainTaskCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddFireCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddNotificationCommands(CLI::App& app, const Clock& clock, int& exit_code);
void AddAccessCommands(CLI::App& app, const Clock& clock, int& exit_code);
void AddReportCommand(CLI::App& app, const Clock& clock, int& exit_code);
void AddImportTableCommand(CLI::App& app, int& exit_code);
// simulate keeps its own virtual clock.
void AddSimulateCommand(CLI::App& app, int& exit_code);

}  // namespace vekha::app
