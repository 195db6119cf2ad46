#include "tests/doubles/faulty_task_store.h"

namespace vekha::testing_support {

// Forwards to the real transaction; a failing commit drops it unfinished, which rolls it back.
class FaultyTaskStore::FaultyTransaction final : public TaskStore::Transaction {
 public:
  FaultyTransaction(FaultyTaskStore& store, std::unique_ptr<Transaction> real)
      : store_(store), real_(std::move(real)) {}

  std::optional<TaskRecord> FindTask(const std::string& id) override { return real_->FindTask(id); }
  std::vector<TaskRecord> Tasks(const TaskQuery& query) override { return real_->Tasks(query); }
  int64_t CountTasks(const TaskQuery& query) override { return real_->CountTasks(query); }
  void InsertTask(const TaskRecord& task) override { real_->InsertTask(task); }
  void UpdateTask(const TaskRecord& task) override { real_->UpdateTask(task); }
  int64_t AddSubmission(const Submission& submission) override { return real_->AddSubmission(submission); }
  std::optional<Submission> LatestSubmission(const std::string& task_id) override {
    return real_->LatestSubmission(task_id);
  }
  std::optional<Firing> LastFiring(const std::string& rule, const std::string& task_id,
                                   const std::string& stage) override {
    return real_->LastFiring(rule, task_id, stage);
  }
  bool RecordFiring(const Firing& firing) override { return real_->RecordFiring(firing); }
  bool QueueNotification(const OutboxMessage& message) override { return real_->QueueNotification(message); }
  std::optional<std::string> Marker(const std::string& name) override { return real_->Marker(name); }
  void SetMarker(const std::string& name, const std::string& value) override { real_->SetMarker(name, value); }
  void UpdateDelivery(const OutboxMessage& message) override { real_->UpdateDelivery(message); }
  void RecordEventDate(const EventDate& date) override { real_->RecordEventDate(date); }
  std::vector<EventDate> EventDates(const std::string& event) override { return real_->EventDates(event); }
  int64_t RecordIndicatorValue(const IndicatorValue& value) override { return real_->RecordIndicatorValue(value); }
  bool SetFlag(const std::string& task_id, const std::string& flag, const std::string& rule) override {
    return real_->SetFlag(task_id, flag, rule);
  }
  void SetNextCheck(const std::string& task_id, const Date& day) override { real_->SetNextCheck(task_id, day); }
  void ClearNextChecks() override { real_->ClearNextChecks(); }
  void Audit(const std::string& actor, const std::string& event, const std::string& task_id,
             const std::string& details_json) override {
    real_->Audit(actor, event, task_id, details_json);
  }
  Status Commit() override {
    if (!store_.commit_failure_) return real_->Commit();
    ++store_.failed_commits_;
    failure_ = *store_.commit_failure_;
    real_.reset();
    return failure_;
  }
  const Status& status() const override { return real_ ? real_->status() : failure_; }

 private:
  FaultyTaskStore& store_;
  std::unique_ptr<Transaction> real_;
  Status failure_;
};

std::unique_ptr<TaskStore::Transaction> FaultyTaskStore::BeginWrite() {
  return std::make_unique<FaultyTransaction>(*this, real_->BeginWrite());
}

}  // namespace vekha::testing_support
