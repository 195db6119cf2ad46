#include "app/workspace.h"

#include <fmt/format.h>

#include <iostream>

#include "app/commands.h"
#include "app/output.h"

namespace vekha::app {

namespace {
std::string& DatabaseOverride() {
  static std::string path;
  return path;
}

// Prints why a deployment could not be opened — the load's diagnostics, then the reason — and
// returns the exit status its kind calls for.
int PrintOpenFailure(const Status& status, const Diagnostics& diagnostics) {
  PrintDiagnostics(diagnostics);
  PrintError(status);
  return status.meaning().exit_code;
}

}  // namespace

void UseDatabaseInstead(std::string path) { DatabaseOverride() = std::move(path); }

void AddDeploymentOption(CLI::App& command, std::string& path) {
  command.add_option("-d,--deployment", path, "Каталог развёртывания или его vekha.yaml (по умолчанию .)")
      ->envname("VEKHA_DEPLOYMENT");
}

std::unique_ptr<Workspace> OpenWorkspace(const std::string& path, const Clock& clock, int& exit_code,
                                         const std::string& database) {
  Diagnostics diagnostics;
  runtime::WorkspaceOptions options;
  options.database = database.empty() ? DatabaseOverride() : database;
  Result<std::unique_ptr<Workspace>> opened = Workspace::Open(path, clock, diagnostics, options);
  if (!opened.ok()) {
    exit_code = PrintOpenFailure(opened.status(), diagnostics);
    return nullptr;
  }
  return std::move(opened).value();
}

std::unique_ptr<runtime::Engine> OpenEngine(const std::string& path, const Clock& clock, int& exit_code) {
  Diagnostics diagnostics;
  Result<std::unique_ptr<runtime::Engine>> engine = runtime::Engine::Open(path, clock, diagnostics);
  if (!engine.ok()) {
    exit_code = PrintOpenFailure(engine.status(), diagnostics);
    return nullptr;
  }
  return std::move(engine).value();
}

void PrintSyncSummary(const SyncSummary& summary, bool verbose) {
  if (!verbose && !summary.changed() && summary.kept == 0) return;
  std::cerr << fmt::format(
      "Сверка с YAML: новых задач {}, открыто {}, перенесено {}, датировано {}, отменено {}, восстановлено {}{}\n",
      summary.created, summary.opened, summary.rescheduled, summary.dated, summary.cancelled, summary.reinstated,
      summary.kept > 0 ? fmt::format("; сохранено с работой, хотя их нет в YAML: {}", summary.kept) : "");
  if (summary.untracked + summary.tracked > 0) {
    std::cerr << fmt::format("До начала учёта (tracking_from): отложено {}, снова на контроле {}\n", summary.untracked,
                             summary.tracked);
  }
}

bool SyncWorkspace(Workspace& workspace, bool verbose) {
  Result<SyncSummary> synced = workspace.Sync();
  if (!synced.ok()) {
    PrintError(synced.status());
    return false;
  }
  PrintSyncSummary(*synced, verbose);
  return true;
}

}  // namespace vekha::app
