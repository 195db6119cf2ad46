#include "app/workspace.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "storage/sqlite_task_store.h"
#include "workflows/deployment_loader.h"

namespace vekha::app {

namespace {
std::string& DatabaseOverride() {
  static std::string path;
  return path;
}
}  // namespace

void UseDatabaseInstead(std::string path) { DatabaseOverride() = std::move(path); }

void AddDeploymentOption(CLI::App& command, std::string& path) {
  command.add_option("-d,--deployment", path, "The deployment directory or its vekha.yaml (default: .)")
      ->envname("VEKHA_DEPLOYMENT");
}

std::unique_ptr<Workspace> Workspace::Open(const std::string& path, const Clock& clock, int& exit_code,
                                           const std::string& database) {
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(path, diagnostics);
  if (!loaded.deployment) {
    for (const Diagnostic& diagnostic : diagnostics.entries()) std::cerr << FormatDiagnostic(diagnostic) << '\n';
    std::cerr << fmt::format("{}: the deployment is invalid; nothing was changed\n", path);
    exit_code = kExitInvalid;
    return nullptr;
  }
  std::unique_ptr<Workspace> workspace(new Workspace(std::move(*loaded.deployment), clock));
  workspace->rule_set_ = std::move(loaded.rules);
  if (!database.empty()) {
    workspace->deployment_.settings.database = database;
  } else if (!DatabaseOverride().empty()) {
    workspace->deployment_.settings.database = DatabaseOverride();
  }
  const Settings& settings = workspace->deployment_.settings;
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(settings.database).parent_path(), ignored);
  Status status;
  if (!settings.audit_signing_key.empty()) {
    std::error_code missing;
    if (!std::filesystem::exists(settings.audit_signing_key, missing)) {
      std::cerr << fmt::format(
          "ошибка: ключа подписи журнала {} нет (audit.signing_key в vekha.yaml); создайте его "
          "командой vekha keys init -d {}\n",
          settings.audit_signing_key, path);
      exit_code = kExitInvalid;
      return nullptr;
    }
    workspace->signing_key_ = SigningKey::Load(settings.audit_signing_key, status);
    if (!workspace->signing_key_) {
      std::cerr << "ошибка: " << status.message() << '\n';
      exit_code = kExitInvalid;
      return nullptr;
    }
  }
  workspace->store_ = storage::OpenSqliteTaskStore(settings.database, clock, status, workspace->signing_key_.get());
  if (!workspace->store_) {
    std::cerr << "error: " << status.message() << '\n';
    exit_code = kExitInvalid;
    return nullptr;
  }
  workspace->evidence_ =
      std::make_unique<storage::EvidenceStore>(settings.database + ".evidence", settings.max_evidence_bytes);
  workspace->service_ =
      std::make_unique<TaskService>(workspace->deployment_, *workspace->store_, *workspace->evidence_, clock);
  return workspace;
}

bool Workspace::Sync(bool verbose) {
  SyncSummary summary;
  Status status = service_->Sync(summary);
  if (!status.ok()) {
    std::cerr << "error: " << status.message() << '\n';
    return false;
  }
  if (!silent_syncs_ && (verbose || summary.changed() || summary.kept > 0)) {
    std::cerr << fmt::format(
        "Сверка с YAML: новых задач {}, открыто {}, перенесено {}, датировано {}, отменено {}, восстановлено {}{}\n",
        summary.created, summary.opened, summary.rescheduled, summary.dated, summary.cancelled, summary.reinstated,
        summary.kept > 0 ? fmt::format("; сохранено с работой, хотя их нет в YAML: {}", summary.kept) : "");
  }
  return true;
}

}  // namespace vekha::app
