// FaultyTaskStore: a TaskStore that forwards to a real one and fails on demand (leveldb's
// EnvWrapper habit) — reads answer a status, or every commit does after rolling the transaction
// back — so a test can show what each layer does when the store is unavailable and that nothing is
// half-written. Heal() makes it forward everything again.
#pragma once

#include <memory>
#include <optional>

#include "engine/task_store.h"

namespace vekha::testing_support {

class FaultyTaskStore final : public TaskStore {
 public:
  explicit FaultyTaskStore(std::unique_ptr<TaskStore> real) : real_(std::move(real)) {}

  // Every read (outside a transaction) answers `status`.
  void FailReads(Status status) { read_failure_ = std::move(status); }
  // Every commit answers `status`; what the transaction wrote is rolled back.
  void FailCommits(Status status) { commit_failure_ = std::move(status); }
  void Heal() {
    read_failure_.reset();
    commit_failure_.reset();
  }
  int failed_commits() const { return failed_commits_; }

  std::unique_ptr<Transaction> BeginWrite() override;
  Status BeginBulkLoad() override {
    return Read([&] { return real_->BeginBulkLoad(); });
  }
  Status EndBulkLoad() override {
    return Read([&] { return real_->EndBulkLoad(); });
  }
  Status ListTasks(const TaskQuery& query, std::vector<TaskRecord>& out) override {
    return Read([&] { return real_->ListTasks(query, out); });
  }
  Status FindTasksByPrefix(const std::string& prefix, std::vector<TaskRecord>& out) override {
    return Read([&] { return real_->FindTasksByPrefix(prefix, out); });
  }
  Status SubmissionsOf(const std::string& task_id, std::vector<Submission>& out) override {
    return Read([&] { return real_->SubmissionsOf(task_id, out); });
  }
  Status LatestSubmissions(const std::vector<std::string>& task_ids, std::vector<Submission>& out) override {
    return Read([&] { return real_->LatestSubmissions(task_ids, out); });
  }
  Status History(const HistoryQuery& query, std::vector<AuditEntry>& out) override {
    return Read([&] { return real_->History(query, out); });
  }
  Status ScanAudit(const std::function<Status(const AuditEntry&)>& visit) override {
    return Read([&] { return real_->ScanAudit(visit); });
  }
  Status ScanSubmissions(const std::function<Status(const Submission&)>& visit) override {
    return Read([&] { return real_->ScanSubmissions(visit); });
  }
  Status Checkpoints(std::vector<AuditCheckpoint>& out) override {
    return Read([&] { return real_->Checkpoints(out); });
  }
  Status SignUnsignedLog(std::optional<AuditCheckpoint>& signed_now) override {
    return Read([&] { return real_->SignUnsignedLog(signed_now); });
  }
  const std::string& checkpoint_file() const override { return real_->checkpoint_file(); }
  Status TaskChanges(int64_t& out) override {
    return Read([&] { return real_->TaskChanges(out); });
  }
  Status Outbox(const OutboxQuery& query, std::vector<OutboxMessage>& out) override {
    return Read([&] { return real_->Outbox(query, out); });
  }
  Status NextDelivery(std::optional<std::string>& out) override {
    return Read([&] { return real_->NextDelivery(out); });
  }
  Status EventDates(const std::string& event, std::vector<EventDate>& out) override {
    return Read([&] { return real_->EventDates(event, out); });
  }
  Status IndicatorValues(const std::string& indicator, std::vector<IndicatorValue>& out) override {
    return Read([&] { return real_->IndicatorValues(indicator, out); });
  }
  Status FlagsOf(const std::string& task_id, std::vector<std::string>& out) override {
    return Read([&] { return real_->FlagsOf(task_id, out); });
  }
  Status LastFirings(const std::string& task_id, std::vector<Firing>& out) override {
    return Read([&] { return real_->LastFirings(task_id, out); });
  }

 private:
  class FaultyTransaction;

  template <typename Call>
  Status Read(Call call) {
    return read_failure_ ? *read_failure_ : call();
  }

  std::unique_ptr<TaskStore> real_;
  std::optional<Status> read_failure_;
  std::optional<Status> commit_failure_;
  int failed_commits_ = 0;
};

}  // namespace vekha::testing_support
