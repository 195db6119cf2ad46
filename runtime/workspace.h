// Workspace: one deployment ready to work on — loaded and checked, its signing key loaded when one
// is configured, its task store and evidence store opened, a TaskService on them. What every
// state-changing or reading entry point (the CLI's subcommands, the daemon, the simulation) starts
// from. Prints nothing: the caller words failures and sync summaries.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/signing_key.h"
#include "engine/status.h"
#include "engine/task_store.h"
#include "rules/rule.h"
#include "storage/evidence_store.h"
#include "workflows/diagnostics.h"
#include "workflows/task_service.h"

namespace vekha::runtime {

struct WorkspaceOptions {
  std::string database;  // instead of the deployment's own file, when not empty
  // Wraps the opened task store (tests: a store that fails on demand); null: the store as it is.
  std::function<std::unique_ptr<TaskStore>(std::unique_ptr<TaskStore>)> wrap_store;
};

class Workspace {
 public:
  // Loads the deployment at `path` (a directory or its vekha.yaml) and opens its state. An invalid
  // deployment is kInvalid with `diagnostics` saying why; a store that cannot be opened is its own
  // status.
  static Result<std::unique_ptr<Workspace>> Open(const std::string& path, const Clock& clock, Diagnostics& diagnostics,
                                                 const WorkspaceOptions& options = {});

  // Reconciles the store with the YAML: what the sync changed.
  Result<SyncSummary> Sync();

  const Deployment& deployment() const { return deployment_; }
  // The rules in force (defaults not switched off, and the deployment's own).
  const std::vector<vekha::rules::Rule>& rule_set() const { return rule_set_; }
  TaskStore& store() { return *store_; }
  TaskService& service() { return *service_; }
  const storage::EvidenceStore& evidence() const { return *evidence_; }
  // The key signing the audit log's checkpoints; null when none is configured.
  const SigningKey* signing_key() const { return signing_key_.get(); }
  const Clock& clock() const { return clock_; }
  Date Today() const { return LocalToday(clock_, deployment_.settings.time_zone); }

 private:
  Workspace(Deployment deployment, const Clock& clock) : deployment_(std::move(deployment)), clock_(clock) {}

  Deployment deployment_;
  std::vector<vekha::rules::Rule> rule_set_;
  const Clock& clock_;
  std::unique_ptr<SigningKey> signing_key_;  // before store_: the store signs with it until closed
  std::unique_ptr<TaskStore> store_;
  std::unique_ptr<storage::EvidenceStore> evidence_;
  std::unique_ptr<TaskService> service_;
};

}  // namespace vekha::runtime
