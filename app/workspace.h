// Workspace: what the state-changing and reading subcommands share — the deployment loaded and
// checked, its signing key loaded when one is configured, its SQLite database and evidence store
// opened, a TaskService on them, synced with the YAML before use (a console line says what the
// sync changed).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "engine/clock.h"
#include "engine/signing_key.h"
#include "engine/task_store.h"
#include "rules/rule.h"
#include "storage/evidence_store.h"
#include "workflows/task_service.h"

namespace vekha::app {

class Workspace {
 public:
  // Loads the deployment at `path` (a directory or its vekha.yaml) and opens its state — in
  // `database` instead of the deployment's own file when given. On failure prints why to stderr
  // and returns nullptr with `exit_code` set.
  static std::unique_ptr<Workspace> Open(const std::string& path, const Clock& clock, int& exit_code,
                                         const std::string& database = "");

  // Reconciles the database with the YAML; prints a summary line when something changed (always
  // with `verbose`). False on a storage failure, which it prints.
  bool Sync(bool verbose = false);
  // Simulations sync hundreds of times: no summary lines then.
  void SilenceSyncSummaries() { silent_syncs_ = true; }

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
  bool silent_syncs_ = false;
};

// `vekha --database FILE`: every Workspace::Open of this process uses FILE instead of the
// deployment's own database (a state kept by `simulate --keep-database`, a copy for a rehearsal).
void UseDatabaseInstead(std::string path);

// Adds `-d, --deployment DIR` (default ".", or $VEKHA_DEPLOYMENT) to a subcommand.
void AddDeploymentOption(CLI::App& command, std::string& path);

}  // namespace vekha::app
