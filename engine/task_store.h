// TaskStore: the durable state of tasks, submissions and the audit log, as the rest of Vekha sees
// it. storage/ implements it on SQLite; nothing outside storage/ writes SQL, so another backend
// (PostgreSQL) can be added behind this interface.
//
// Writes happen in a Transaction: every call inside it either succeeds or marks the transaction
// failed (later calls do nothing); Commit() returns the first failure and leaves nothing behind.
// A store is used from one thread at a time; several processes may use one database at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/audit_chain.h"
#include "engine/audit_checkpoint.h"
#include "engine/status.h"
#include "engine/task.h"

namespace vekha {

struct EvidenceFile {
  std::string sha256;
  int64_t size = 0;
  std::string original_name;
  std::string media_type;
  std::string deliverable;  // the deliverable title it satisfies
};

struct ReportedValue {
  std::string name;  // the indicator's title
  double value = 0;
  std::string unit;
};

struct Submission {
  int64_t id = 0;
  std::string task_id;
  std::string person;
  std::string at;  // ISO 8601 UTC instant
  std::string comment;
  std::vector<EvidenceFile> files;
  std::vector<ReportedValue> values;
};

// The day an event of the deployment happened («получены результаты ВПР», «ОО включена в проект»),
// as a person recorded it: one date per event, organisation and period key, a later record
// replacing an earlier one (each is audited).
struct EventDate {
  std::string event;         // the event's id in the deployment
  std::string organisation;  // empty for an event of the whole municipality
  std::string key;           // the year it belongs to ("2022", "2022/23"), or "once"
  Date on;
  std::string person;
  std::string recorded_at;  // ISO 8601 UTC instant
  std::string note;
};

// A value of a catalogue indicator for one organisation (empty: the municipality) and period,
// reported by a person, by hand or with a task's submission. Values are kept, not replaced: the
// latest for (indicator, organisation, period) is the current one.
struct IndicatorValue {
  int64_t id = 0;
  std::string indicator;  // the indicator's id in the catalogue
  std::string organisation;
  std::string period;  // "2023", "2023/24", "2023-Q1", "2023-03"
  double value = 0;
  std::string person;
  std::string reported_at;  // ISO 8601 UTC instant
  std::string task_id;      // the task whose submission reported it, if any
  std::string comment;
};

// A rule's firing for one task: each (rule, task, stage, slot) happens at most once.
struct Firing {
  std::string rule;
  std::string task_id;
  std::string stage;
  int slot = 0;  // 0 for the first firing, then one more per repeat interval
  Date fired_on;
};

// A notification waiting in the outbox for the delivery worker.
struct OutboxMessage {
  int64_t id = 0;
  std::string created_at;
  std::string idempotency_key;  // rule/task/stage/slot/recipient: the same message is never queued twice
  std::string rule;
  std::string task_id;
  std::string recipient;  // a person id
  std::string channel;    // log, file, webhook or email
  std::string template_id;
  std::string status = "queued";  // queued, sent or failed
  int attempts = 0;
  std::string payload;          // JSON: what the template needs
  std::string next_attempt_at;  // empty: as soon as the recipient may be disturbed
  std::string last_error;
  std::string sent_at;
};

struct OutboxQuery {
  std::string status;  // empty: any
  int64_t id = 0;      // 0: any
  std::string due_by;  // queued messages whose next attempt is at or before this instant
  int limit = 0;       // 0: all
};

struct TaskQuery {
  std::vector<std::string> ids;  // empty: any
  std::string id_from;           // ids within [id_from, id_to] when set
  std::string id_to;
  std::string roadmap;
  std::string activity;
  std::string organisation;
  std::optional<TaskStatus> status;
  std::optional<TaskOrigin> origin;
  std::optional<Date> opens_from;  // opening within [opens_from, opens_to]
  std::optional<Date> opens_to;
  std::optional<Date> due_from;  // effective due within [due_from, due_to]
  std::optional<Date> due_to;
  // Tasks the rules must look at by this day: their next check is unset or on or before it.
  std::optional<Date> check_by;
  // Whether the next check is unset (the task changed since the rules last looked) or set.
  std::optional<bool> check_unset;
};

struct HistoryQuery {
  std::string task_id;
  std::vector<std::string> task_ids;  // when set, events of these tasks only (organisation, roadmap)
  std::string from_at;                // ISO instants, inclusive; empty: unbounded
  std::string to_at;
  int64_t after_seq = 0;  // events after this one only
};

// Where evidence files go: storage/evidence_store.h keeps them content-addressed.
class EvidenceSink {
 public:
  virtual ~EvidenceSink() = default;
  // Stores the file at `source`; fills sha256, size, original_name and media_type.
  virtual Status Put(const std::string& source, EvidenceFile& stored) const = 0;
  // Whether the store holds a file of `size` bytes whose content hashes to `sha256`: an error
  // saying what is wrong (missing, another size, other content) when it does not.
  virtual Status Holds(const std::string& sha256, int64_t size) const = 0;
};

class TaskStore {
 public:
  class Transaction {
   public:
    virtual ~Transaction() = default;
    virtual std::optional<TaskRecord> FindTask(const std::string& id) = 0;
    virtual std::vector<TaskRecord> Tasks(const TaskQuery& query) = 0;
    // How many tasks match, without reading them.
    virtual int64_t CountTasks(const TaskQuery& query) = 0;
    virtual void InsertTask(const TaskRecord& task) = 0;
    virtual void UpdateTask(const TaskRecord& task) = 0;
    virtual int64_t AddSubmission(const Submission& submission) = 0;
    virtual std::optional<Submission> LatestSubmission(const std::string& task_id) = 0;
    // The latest firing of (rule, task, stage), if any.
    virtual std::optional<Firing> LastFiring(const std::string& rule, const std::string& task_id,
                                             const std::string& stage) = 0;
    // Records a firing; false (and nothing written) when that slot has fired already.
    virtual bool RecordFiring(const Firing& firing) = 0;
    // Queues a notification; false when one with its idempotency key is queued already.
    virtual bool QueueNotification(const OutboxMessage& message) = 0;
    // A named marker of the engine's progress ("rules fired on"), and setting it.
    virtual std::optional<std::string> Marker(const std::string& name) = 0;
    virtual void SetMarker(const std::string& name, const std::string& value) = 0;
    // Writes a message's delivery state (status, attempts, next attempt, last error, sent at).
    virtual void UpdateDelivery(const OutboxMessage& message) = 0;
    // Records (or replaces) an event's date; the tasks counting from it are dated by the next sync.
    virtual void RecordEventDate(const EventDate& date) = 0;
    // Every recorded date of `event` (empty: of every event).
    virtual std::vector<EventDate> EventDates(const std::string& event) = 0;
    // Adds a reported indicator value; returns its id.
    virtual int64_t RecordIndicatorValue(const IndicatorValue& value) = 0;
    // Sets a flag on a task; false when it is set already.
    virtual bool SetFlag(const std::string& task_id, const std::string& flag, const std::string& rule) = 0;
    // The day the rules must look at a task again. UpdateTask and AddSubmission unset it (look at
    // the next firing); ClearNextChecks unsets every task's (the rules or the deployment changed).
    virtual void SetNextCheck(const std::string& task_id, const Date& day) = 0;
    virtual void ClearNextChecks() = 0;
    // Appends an event, chaining its hash to the previous event. `details_json` must be canonical
    // JSON (keys sorted, no spaces: what nlohmann::json::dump() writes); the hash covers it as is.
    // Every event of a transaction carries the instant the transaction began.
    virtual void Audit(const std::string& actor, const std::string& event, const std::string& task_id,
                       const std::string& details_json) = 0;
    virtual Status Commit() = 0;
    virtual const Status& status() const = 0;
  };

  virtual ~TaskStore() = default;
  // Starts a write transaction, waiting for other writers (never "database is locked").
  virtual std::unique_ptr<Transaction> BeginWrite() = 0;
  // A bulk load into an empty task table (a first materialisation): the secondary indexes are set
  // aside until EndBulkLoad builds them again, one sort each instead of upkeep row by row. Look-ups
  // by id keep working in between; a crash in between is healed when the store is next opened.
  virtual Status BeginBulkLoad() = 0;
  virtual Status EndBulkLoad() = 0;

  virtual Status ListTasks(const TaskQuery& query, std::vector<TaskRecord>& out) = 0;
  virtual Status FindTasksByPrefix(const std::string& prefix, std::vector<TaskRecord>& out) = 0;
  // A task's submissions, oldest first, with their files and values.
  virtual Status SubmissionsOf(const std::string& task_id, std::vector<Submission>& out) = 0;
  // The latest submission of each of these tasks that has one, with its files and values, in id
  // order: what the rules read each cycle, in three queries rather than one per task.
  virtual Status LatestSubmissions(const std::vector<std::string>& task_ids, std::vector<Submission>& out) = 0;
  virtual Status History(const HistoryQuery& query, std::vector<AuditEntry>& out) = 0;
  // Every audit event, then every submission with its files and values, in order, each handed to
  // `visit` (which may stop the scan by failing): what an audit checks and replays, without
  // holding it all (engine/audit_chain.h, workflows/audit_verifier.h).
  virtual Status ScanAudit(const std::function<Status(const AuditEntry&)>& visit) = 0;
  virtual Status ScanSubmissions(const std::function<Status(const Submission&)>& visit) = 0;
  // The signed checkpoints kept in the database, by sequence number.
  virtual Status Checkpoints(std::vector<AuditCheckpoint>& out) = 0;
  // A signing key new to a log that has events and no checkpoint yet signs its head, once (trust
  // on first use: what the log holds then is taken as it is). Sets `signed_now` when it did.
  virtual Status SignUnsignedLog(std::optional<AuditCheckpoint>& signed_now) = 0;
  // The append-only file each checkpoint is also written to.
  virtual const std::string& checkpoint_file() const = 0;
  // How many committed transactions have written a task or its evidence, by any process: an
  // unchanged value means no task changed in between.
  virtual Status TaskChanges(int64_t& out) = 0;
  // Outbox messages in id order.
  virtual Status Outbox(const OutboxQuery& query, std::vector<OutboxMessage>& out) = 0;
  // The earliest instant a queued message is due ("" when one is due at once); nullopt when none
  // is queued.
  virtual Status NextDelivery(std::optional<std::string>& out) = 0;
  // Recorded event dates of `event` (empty: all), by event, organisation and key.
  virtual Status EventDates(const std::string& event, std::vector<EventDate>& out) = 0;
  // Reported values of `indicator` (empty: all), oldest first.
  virtual Status IndicatorValues(const std::string& indicator, std::vector<IndicatorValue>& out) = 0;
  // The flags set on a task, in name order.
  virtual Status FlagsOf(const std::string& task_id, std::vector<std::string>& out) = 0;
  // The latest firing of each (rule, stage) for a task.
  virtual Status LastFirings(const std::string& task_id, std::vector<Firing>& out) = 0;
};

}  // namespace vekha
