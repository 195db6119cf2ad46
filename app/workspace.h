// How the subcommands open a deployment and sync it: the runtime's Workspace, with what went wrong
// printed to stderr and the exit status to return, and the sync's summary line for people.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "engine/clock.h"
#include "runtime/cycle.h"
#include "runtime/workspace.h"

namespace vekha::app {

using runtime::Workspace;

// Workspace::Open; on failure prints the diagnostics and why to stderr and returns nullptr with
// `exit_code` set. `database` (or `--database` of this process) replaces the deployment's own.
std::unique_ptr<Workspace> OpenWorkspace(const std::string& path, const Clock& clock, int& exit_code,
                                         const std::string& database = "");

// runtime::Engine::Open (the workspace with its channels and delivery worker), failing as
// OpenWorkspace does.
std::unique_ptr<runtime::Engine> OpenEngine(const std::string& path, const Clock& clock, int& exit_code);

// Workspace::Sync; prints a summary line when something changed (always with `verbose`). False on
// a storage failure, which it prints.
bool SyncWorkspace(Workspace& workspace, bool verbose = false);

// `vekha --database FILE`: every OpenWorkspace of this process uses FILE instead of the
// deployment's own database (a state kept by `simulate --keep-database`, a copy for a rehearsal).
void UseDatabaseInstead(std::string path);

// The summary line of a sync for people, when something changed (always with `verbose`).
void PrintSyncSummary(const SyncSummary& summary, bool verbose = false);

// Adds `-d, --deployment DIR` (default ".", or $VEKHA_DEPLOYMENT) to a subcommand.
void AddDeploymentOption(CLI::App& command, std::string& path);

}  // namespace vekha::app
