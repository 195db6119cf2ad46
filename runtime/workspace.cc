#include "runtime/workspace.h"

#include <fmt/format.h>

#include <filesystem>

#include "storage/sqlite_task_store.h"
#include "workflows/deployment_loader.h"

namespace vekha::runtime {

Result<std::unique_ptr<Workspace>> Workspace::Open(const std::string& path, const Clock& clock,
                                                   Diagnostics& diagnostics, const WorkspaceOptions& options) {
  LoadResult loaded = LoadDeployment(path, diagnostics);
  if (!loaded.deployment) return Status::Error(fmt::format("{}: the deployment is invalid; nothing was changed", path));
  std::unique_ptr<Workspace> workspace(new Workspace(std::move(*loaded.deployment), clock));
  workspace->rule_set_ = std::move(loaded.rules);
  if (!options.database.empty()) workspace->deployment_.settings.database = options.database;
  const Settings& settings = workspace->deployment_.settings;
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(settings.database).parent_path(), ignored);
  Status status;
  if (!settings.audit_signing_key.empty()) {
    std::error_code missing;
    if (!std::filesystem::exists(settings.audit_signing_key, missing)) {
      return Status::Error(
          fmt::format("ключа подписи журнала {} нет (audit.signing_key в vekha.yaml); создайте его командой vekha "
                      "keys init -d {}",
                      settings.audit_signing_key, path));
    }
    workspace->signing_key_ = SigningKey::Load(settings.audit_signing_key, status);
    if (!workspace->signing_key_) return status;
  }
  workspace->store_ = storage::OpenSqliteTaskStore(settings.database, clock, status, workspace->signing_key_.get());
  if (!workspace->store_) return status;
  if (options.wrap_store) workspace->store_ = options.wrap_store(std::move(workspace->store_));
  workspace->evidence_ =
      std::make_unique<storage::EvidenceStore>(settings.database + ".evidence", settings.max_evidence_bytes);
  workspace->service_ =
      std::make_unique<TaskService>(workspace->deployment_, *workspace->store_, *workspace->evidence_, clock);
  return workspace;
}

Result<SyncSummary> Workspace::Sync() {
  SyncSummary summary;
  if (Status status = service_->Sync(summary); !status.ok()) return status;
  return summary;
}

}  // namespace vekha::runtime
