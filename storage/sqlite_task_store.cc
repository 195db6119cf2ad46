#include "storage/sqlite_task_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "engine/audit_checkpoint.h"
#include "storage/schema.h"
#include "storage/statement_cache.h"

namespace vekha::storage {

namespace {

constexpr int kBusyTimeoutMs = 30'000;
constexpr int kCacheKibibytes = 131'072;  // 128 MiB of page cache: a million tasks stay in memory

constexpr const char* kTaskColumns =
    "id, roadmap, activity, organisation, period_key, kind, origin, status, opens, due, effective_due, finished_on";
const std::string kFindTaskSql = fmt::format("SELECT {} FROM tasks WHERE id = ?", kTaskColumns);
const std::string kInsertTaskSql = fmt::format("INSERT INTO tasks ({}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", kTaskColumns);
// The task table's secondary indexes (schema migration 8), set aside during a bulk load.
constexpr std::array<std::pair<const char*, const char*>, 3> kSecondaryTaskIndexes = {{
    {"tasks_to_check", "tasks (next_check)"},
    {"tasks_by_status", "tasks (status, opens)"},
    {"tasks_by_activity", "tasks (roadmap, activity, organisation)"},
}};

// The marker counting the transactions that wrote a task or its evidence (TaskStore::TaskChanges).
constexpr const char* kTaskChangesMarker = "task changes";
constexpr const char* kUpdateTaskSql =
    "UPDATE tasks SET roadmap = ?2, activity = ?3, organisation = ?4, period_key = ?5, kind = ?6, origin = ?7, "
    "status = ?8, opens = ?9, due = ?10, effective_due = ?11, finished_on = ?12, next_check = '' WHERE id = ?1";
constexpr const char* kInsertAuditSql =
    "INSERT INTO audit_log (seq, at, actor, event, task_id, details, hash) VALUES (?,?,?,?,?,?,?)";
constexpr const char* kChainHeadSql = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

void BindOptionalDate(SQLite::Statement& statement, int index, const std::optional<Date>& date) {
  if (date) {
    statement.bind(index, FormatIsoDate(*date));
  } else {
    statement.bind(index);  // NULL
  }
}

std::optional<Date> ColumnDate(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return ParseIsoDate(column.getString());
}

TaskRecord ReadTask(SQLite::Statement& row) {
  TaskRecord task;
  task.id = row.getColumn(0).getString();
  task.roadmap = row.getColumn(1).getString();
  task.activity = row.getColumn(2).getString();
  task.organisation = row.getColumn(3).getString();
  task.key = row.getColumn(4).getString();
  task.kind = ParseRepeat(row.getColumn(5).getString()).value_or(Repeat::kOnce);
  task.origin = row.getColumn(6).getString() == "manual" ? TaskOrigin::kManual : TaskOrigin::kPlan;
  task.status = ParseTaskStatus(row.getColumn(7).getString()).value_or(TaskStatus::kScheduled);
  task.opens = ParseIsoDate(row.getColumn(8).getString()).value_or(Date{});
  task.due = ColumnDate(row.getColumn(9));
  task.effective_due = ColumnDate(row.getColumn(10));
  task.finished_on = ColumnDate(row.getColumn(11));
  return task;
}

// Binds every column of `task` in kTaskColumns order, starting at 1.
void BindTask(SQLite::Statement& statement, const TaskRecord& task) {
  statement.bind(1, task.id);
  statement.bind(2, task.roadmap);
  statement.bind(3, task.activity);
  statement.bind(4, task.organisation);
  statement.bind(5, task.key);
  statement.bind(6, std::string(RepeatName(task.kind)));
  statement.bind(7, task.origin == TaskOrigin::kManual ? "manual" : "plan");
  statement.bind(8, std::string(TaskStatusName(task.status)));
  statement.bind(9, FormatIsoDate(task.opens));
  BindOptionalDate(statement, 10, task.due);
  BindOptionalDate(statement, 11, task.effective_due);
  BindOptionalDate(statement, 12, task.finished_on);
}

void InsertCheckpoint(StatementCache& statements, const AuditCheckpoint& checkpoint) {
  auto insert = statements.Use(
      "INSERT INTO audit_checkpoints (seq, first, hash, at, public_key, signature) VALUES (?, ?, ?, ?, ?, ?)");
  SQLite::bind(*insert, checkpoint.seq, checkpoint.first, checkpoint.hash, checkpoint.at, checkpoint.public_key,
               checkpoint.signature);
  insert->exec();
}

// The WHERE clause of a TaskQuery, with its parameters bound by BindQuery: the same text for the
// same kind of query, so the statement cache holds a handful of them.
std::string WhereClause(const TaskQuery& query) {
  std::string sql = " WHERE 1 = 1";
  if (!query.id_from.empty()) sql += " AND id >= :id_from";
  if (!query.id_to.empty()) sql += " AND id <= :id_to";
  if (!query.roadmap.empty()) sql += " AND roadmap = :roadmap";
  if (!query.activity.empty()) sql += " AND activity = :activity";
  if (!query.organisation.empty()) sql += " AND organisation = :organisation";
  if (query.status) sql += " AND status = :status";
  if (query.origin) sql += " AND origin = :origin";
  if (query.opens_from) sql += " AND opens >= :opens_from";
  if (query.opens_to) sql += " AND opens <= :opens_to";
  if (query.due_from) sql += " AND effective_due >= :due_from";
  if (query.due_to) sql += " AND effective_due <= :due_to";
  if (!query.ids.empty()) sql += " AND id IN (SELECT value FROM json_each(:ids))";
  if (query.check_by) sql += " AND next_check <= :check_by";  // '' (unset) sorts first
  if (query.check_unset) sql += *query.check_unset ? " AND next_check = ''" : " AND next_check <> ''";
  return sql;
}

void BindQuery(SQLite::Statement& statement, const TaskQuery& query) {
  if (!query.id_from.empty()) statement.bind(":id_from", query.id_from);
  if (!query.id_to.empty()) statement.bind(":id_to", query.id_to);
  if (!query.roadmap.empty()) statement.bind(":roadmap", query.roadmap);
  if (!query.activity.empty()) statement.bind(":activity", query.activity);
  if (!query.organisation.empty()) statement.bind(":organisation", query.organisation);
  if (query.status) statement.bind(":status", std::string(TaskStatusName(*query.status)));
  if (query.origin) statement.bind(":origin", *query.origin == TaskOrigin::kManual ? "manual" : "plan");
  if (query.opens_from) statement.bind(":opens_from", FormatIsoDate(*query.opens_from));
  if (query.opens_to) statement.bind(":opens_to", FormatIsoDate(*query.opens_to));
  if (query.due_from) statement.bind(":due_from", FormatIsoDate(*query.due_from));
  if (query.due_to) statement.bind(":due_to", FormatIsoDate(*query.due_to));
  if (!query.ids.empty()) statement.bind(":ids", nlohmann::json(query.ids).dump());
  if (query.check_by) statement.bind(":check_by", FormatIsoDate(*query.check_by));
}

// Reads the tasks a query selects, in deadline order.
std::vector<TaskRecord> QueryTasks(StatementCache& statements, const TaskQuery& query) {
  auto statement =
      statements.Use(fmt::format("SELECT {} FROM tasks{} ORDER BY effective_due IS NULL, effective_due, "
                                 "roadmap, activity, organisation, period_key",
                                 kTaskColumns, WhereClause(query)));
  BindQuery(*statement, query);
  std::vector<TaskRecord> tasks;
  while (statement->executeStep()) tasks.push_back(ReadTask(*statement));
  return tasks;
}

// A failed database call as a Status. A write the disk refused (full, or a file size limit) says
// so, and that the unfinished transaction was rolled back: nothing of it is kept.
Status Failure(const std::exception& error) {
  const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&error);
  if (sqlite != nullptr &&
      (sqlite->getErrorCode() == SQLITE_FULL || sqlite->getExtendedErrorCode() == SQLITE_IOERR_WRITE)) {
    return Status::Unavailable(
        fmt::format("база данных: {}: диск заполнен или достигнут предел размера файла; "
                    "незаконченное изменение отменено, и ничего из него не сохранено",
                    error.what()));
  }
  if (sqlite != nullptr && (sqlite->getErrorCode() == SQLITE_CORRUPT || sqlite->getErrorCode() == SQLITE_NOTADB)) {
    return Status::Corrupt(fmt::format("база данных: {}", error.what()));
  }
  return Status::Unavailable(fmt::format("база данных: {}", error.what()));
}

class SqliteTaskStore;

class SqliteTransaction final : public TaskStore::Transaction {
 public:
  explicit SqliteTransaction(SqliteTaskStore& store);
  ~SqliteTransaction() override = default;

  std::optional<TaskRecord> FindTask(const std::string& id) override;
  std::vector<TaskRecord> Tasks(const TaskQuery& query) override;
  int64_t CountTasks(const TaskQuery& query) override;
  void InsertTask(const TaskRecord& task) override;
  void UpdateTask(const TaskRecord& task) override;
  int64_t AddSubmission(const Submission& submission) override;
  std::optional<Submission> LatestSubmission(const std::string& task_id) override;
  std::optional<Firing> LastFiring(const std::string& rule, const std::string& task_id,
                                   const std::string& stage) override;
  bool RecordFiring(const Firing& firing) override;
  bool QueueNotification(const OutboxMessage& message) override;
  std::optional<std::string> Marker(const std::string& name) override;
  void SetMarker(const std::string& name, const std::string& value) override;
  void UpdateDelivery(const OutboxMessage& message) override;
  bool SetFlag(const std::string& task_id, const std::string& flag, const std::string& rule) override;
  void RecordEventDate(const EventDate& date) override;
  std::vector<EventDate> EventDates(const std::string& event) override;
  int64_t RecordIndicatorValue(const IndicatorValue& value) override;
  void SetNextCheck(const std::string& task_id, const Date& day) override;
  void ClearNextChecks() override;
  void Audit(const std::string& actor, const std::string& event, const std::string& task_id,
             const std::string& details_json) override;
  Status Commit() override;
  const Status& status() const override { return status_; }

 private:
  // Runs an INSERT OR IGNORE with `args`; true when it inserted a row.
  template <typename... Args>
  bool InsertIfNew(const char* sql, const Args&... args);

  // Runs `work` unless the transaction already failed; an exception fails it.
  template <typename Fn>
  void Guard(Fn&& work) {
    if (!status_.ok()) return;
    try {
      work();
    } catch (const std::exception& error) {
      status_ = Failure(error);
    }
  }

  SqliteTaskStore& store_;
  std::string at_;  // the instant of every event of this transaction
  std::optional<SQLite::Transaction> transaction_;
  Status status_;
  bool tasks_changed_ = false;                                 // a task or its evidence was written: count it at commit
  std::optional<std::pair<int64_t, std::string>> chain_head_;  // last seq and hash, read once
  int64_t first_appended_ = 0;                                 // the first event this transaction appended (0: none)
};

class SqliteTaskStore final : public TaskStore {
 public:
  SqliteTaskStore(const std::string& path, const Clock& clock, const SigningKey* signer)
      // NOMUTEX: a store is used from one thread at a time, so SQLite's own locks would only cost.
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs),
        clock_(clock),
        signer_(signer),
        checkpoint_file_(path + ".checkpoints"),
        statements_(db_) {
    db_.exec("PRAGMA page_size = 16384");  // a new file only: fewer, larger writes in bulk syncs
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON");
    db_.exec(fmt::format("PRAGMA cache_size = -{}", kCacheKibibytes));
    MigrateTo(db_, LatestSchemaVersion());
    CreateSecondaryIndexes();  // after a bulk load a crash interrupted
  }

  std::unique_ptr<Transaction> BeginWrite() override { return std::make_unique<SqliteTransaction>(*this); }

  Status BeginBulkLoad() override {
    try {
      // Prepared statements are planned again by SQLite when the schema changes.
      for (const auto& [name, columns] : kSecondaryTaskIndexes) db_.exec(fmt::format("DROP INDEX IF EXISTS {}", name));
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status EndBulkLoad() override {
    try {
      CreateSecondaryIndexes();
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status ListTasks(const TaskQuery& query, std::vector<TaskRecord>& out) override {
    try {
      out = QueryTasks(statements_, query);
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status FindTasksByPrefix(const std::string& prefix, std::vector<TaskRecord>& out) override {
    try {
      // A range on the primary key, so the look-up is a seek, not a scan: ids are upper-case
      // Crockford base-32, all below '~'.
      auto statement = statements_.Use(fmt::format("SELECT {} FROM tasks WHERE id >= ?1 AND id < ?2", kTaskColumns));
      statement->bind(1, prefix);
      statement->bind(2, prefix + "~");
      while (statement->executeStep()) {
        TaskRecord task = ReadTask(*statement);
        if (task.id.starts_with(prefix)) out.push_back(std::move(task));
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status SubmissionsOf(const std::string& task_id, std::vector<Submission>& out) override {
    try {
      auto statement = statements_.Use(
          "SELECT id, task_id, person, submitted_at, comment FROM submissions WHERE task_id = ? ORDER BY id");
      statement->bind(1, task_id);
      while (statement->executeStep()) out.push_back(ReadSubmission(*statement));
      for (Submission& submission : out) ReadEvidence(submission);
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status TaskChanges(int64_t& out) override {
    try {
      auto statement = statements_.Use("SELECT CAST(value AS INTEGER) FROM markers WHERE name = ?");
      statement->bind(1, kTaskChangesMarker);
      out = statement->executeStep() ? statement->getColumn(0).getInt64() : 0;
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status LatestSubmissions(const std::vector<std::string>& task_ids, std::vector<Submission>& out) override {
    try {
      auto submissions = statements_.Use(
          "SELECT id, task_id, person, submitted_at, comment FROM submissions WHERE id IN (SELECT max(id) FROM "
          "submissions WHERE task_id IN (SELECT value FROM json_each(?)) GROUP BY task_id) ORDER BY id");
      submissions->bind(1, nlohmann::json(task_ids).dump());
      std::unordered_map<int64_t, size_t> position;
      nlohmann::json latest_ids = nlohmann::json::array();
      while (submissions->executeStep()) {
        position.emplace(submissions->getColumn(0).getInt64(), out.size());
        latest_ids.push_back(submissions->getColumn(0).getInt64());
        out.push_back(ReadSubmission(*submissions));
      }
      if (position.empty()) return Status::Ok();
      constexpr const char* kLatestIds = "SELECT value FROM json_each(:ids)";
      std::string ids = latest_ids.dump();
      auto files = statements_.Use(fmt::format(
          "SELECT submission_id, {} FROM evidence_files WHERE submission_id IN ({}) ORDER BY submission_id, rowid",
          kEvidenceFileColumns, kLatestIds));
      files->bind(":ids", ids);
      while (files->executeStep()) {
        out[position.at(files->getColumn(0).getInt64())].files.push_back(ReadEvidenceFile(*files, 1));
      }
      auto values = statements_.Use(fmt::format(
          "SELECT submission_id, {} FROM reported_values WHERE submission_id IN ({}) ORDER BY submission_id, rowid",
          kReportedValueColumns, kLatestIds));
      values->bind(":ids", ids);
      while (values->executeStep()) {
        out[position.at(values->getColumn(0).getInt64())].values.push_back(ReadReportedValue(*values, 1));
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status History(const HistoryQuery& query, std::vector<AuditEntry>& out) override {
    try {
      std::string sql = "SELECT seq, at, actor, event, task_id, details, hash FROM audit_log WHERE 1 = 1";
      if (!query.task_id.empty()) sql += " AND task_id = :task";
      if (!query.from_at.empty()) sql += " AND at >= :from";
      if (!query.to_at.empty()) sql += " AND at <= :to";
      if (query.after_seq > 0) sql += " AND seq > :after";
      sql += " ORDER BY seq";
      auto statement = statements_.Use(sql);
      if (!query.task_id.empty()) statement->bind(":task", query.task_id);
      if (!query.from_at.empty()) statement->bind(":from", query.from_at);
      if (!query.to_at.empty()) statement->bind(":to", query.to_at);
      if (query.after_seq > 0) statement->bind(":after", query.after_seq);
      std::set<std::string> ids(query.task_ids.begin(), query.task_ids.end());
      while (statement->executeStep()) {
        AuditEntry entry = ReadAudit(*statement);
        if (ids.empty() || ids.contains(entry.task_id)) out.push_back(std::move(entry));
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status ScanAudit(const std::function<Status(const AuditEntry&)>& visit) override {
    try {
      auto statement =
          statements_.Use("SELECT seq, at, actor, event, task_id, details, hash FROM audit_log ORDER BY seq");
      while (statement->executeStep()) {
        if (Status visited = visit(ReadAudit(*statement)); !visited.ok()) return visited;
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status ScanSubmissions(const std::function<Status(const Submission&)>& visit) override {
    try {
      // A page at a time: the evidence of each is read between the steps of the page's query.
      constexpr int kPage = 1000;
      int64_t after = 0;
      while (true) {
        std::vector<Submission> page;
        auto statement = statements_.Use(
            "SELECT id, task_id, person, submitted_at, comment FROM submissions WHERE id > ? ORDER BY id LIMIT ?");
        SQLite::bind(*statement, after, kPage);
        while (statement->executeStep()) page.push_back(ReadSubmission(*statement));
        if (page.empty()) return Status::Ok();
        for (Submission& submission : page) {
          ReadEvidence(submission);
          if (Status visited = visit(submission); !visited.ok()) return visited;
        }
        after = page.back().id;
      }
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status Checkpoints(std::vector<AuditCheckpoint>& out) override {
    try {
      auto statement =
          statements_.Use("SELECT first, seq, hash, at, public_key, signature FROM audit_checkpoints ORDER BY seq");
      while (statement->executeStep()) {
        out.push_back(AuditCheckpoint{statement->getColumn(0).getInt64(), statement->getColumn(1).getInt64(),
                                      statement->getColumn(2).getString(), statement->getColumn(3).getString(),
                                      statement->getColumn(4).getString(), statement->getColumn(5).getString()});
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status SignUnsignedLog(std::optional<AuditCheckpoint>& signed_now) override {
    if (signer_ == nullptr) return Status::Error("ключ подписи журнала не настроен");
    try {
      SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
      if (db_.execAndGet("SELECT count(*) FROM audit_checkpoints").getInt64() > 0) return Status::Ok();
      auto head = statements_.Use(kChainHeadSql);
      if (!head->executeStep()) return Status::Ok();
      AuditCheckpoint checkpoint = SignCheckpoint(1, head->getColumn(0).getInt64(), head->getColumn(1).getString(),
                                                  FormatInstant(clock_.Now()), *signer_);
      head->reset();
      InsertCheckpoint(statements_, checkpoint);
      transaction.commit();
      if (Status appended = AppendCheckpoint(checkpoint_file_, checkpoint); !appended.ok()) return appended;
      signed_now = std::move(checkpoint);
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  const std::string& checkpoint_file() const override { return checkpoint_file_; }

  Status Outbox(const OutboxQuery& query, std::vector<OutboxMessage>& out) override {
    try {
      std::string sql =
          "SELECT id, created_at, idempotency_key, rule, task_id, recipient, channel, template, status, attempts, "
          "payload, coalesce(next_attempt_at, ''), last_error, coalesce(sent_at, '') FROM outbox WHERE 1 = 1";
      if (!query.status.empty()) sql += " AND status = :status";
      if (query.id != 0) sql += " AND id = :id";
      if (!query.due_by.empty()) sql += " AND status = 'queued' AND coalesce(next_attempt_at, '') <= :due_by";
      sql += " ORDER BY id";
      if (query.limit > 0) sql += " LIMIT :limit";
      auto statement = statements_.Use(sql);
      if (!query.status.empty()) statement->bind(":status", query.status);
      if (query.id != 0) statement->bind(":id", query.id);
      if (!query.due_by.empty()) statement->bind(":due_by", query.due_by);
      if (query.limit > 0) statement->bind(":limit", query.limit);
      while (statement->executeStep()) {
        OutboxMessage message;
        message.id = statement->getColumn(0).getInt64();
        message.created_at = statement->getColumn(1).getString();
        message.idempotency_key = statement->getColumn(2).getString();
        message.rule = statement->getColumn(3).getString();
        message.task_id = statement->getColumn(4).getString();
        message.recipient = statement->getColumn(5).getString();
        message.channel = statement->getColumn(6).getString();
        message.template_id = statement->getColumn(7).getString();
        message.status = statement->getColumn(8).getString();
        message.attempts = statement->getColumn(9).getInt();
        message.payload = statement->getColumn(10).getString();
        message.next_attempt_at = statement->getColumn(11).getString();
        message.last_error = statement->getColumn(12).getString();
        message.sent_at = statement->getColumn(13).getString();
        out.push_back(std::move(message));
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status NextDelivery(std::optional<std::string>& out) override {
    try {
      auto statement = statements_.Use(
          "SELECT coalesce(next_attempt_at, '') FROM outbox WHERE status = 'queued' "
          "ORDER BY coalesce(next_attempt_at, '') LIMIT 1");
      out.reset();
      if (statement->executeStep()) out = statement->getColumn(0).getString();
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status EventDates(const std::string& event, std::vector<EventDate>& out) override {
    try {
      out = ReadEventDates(statements_, event);
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status IndicatorValues(const std::string& indicator, std::vector<IndicatorValue>& out) override {
    try {
      auto statement = statements_.Use(
          "SELECT id, indicator, organisation, period, value, person, reported_at, task_id, comment "
          "FROM indicator_values WHERE ?1 = '' OR indicator = ?1 ORDER BY id");
      statement->bind(1, indicator);
      while (statement->executeStep()) {
        IndicatorValue value;
        value.id = statement->getColumn(0).getInt64();
        value.indicator = statement->getColumn(1).getString();
        value.organisation = statement->getColumn(2).getString();
        value.period = statement->getColumn(3).getString();
        value.value = statement->getColumn(4).getDouble();
        value.person = statement->getColumn(5).getString();
        value.reported_at = statement->getColumn(6).getString();
        value.task_id = statement->getColumn(7).getString();
        value.comment = statement->getColumn(8).getString();
        out.push_back(std::move(value));
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  static std::vector<EventDate> ReadEventDates(StatementCache& statements, const std::string& event) {
    std::vector<EventDate> dates;
    auto statement = statements.Use(
        "SELECT event, organisation, period_key, happened_on, person, recorded_at, note FROM event_dates "
        "WHERE ?1 = '' OR event = ?1 ORDER BY event, organisation, period_key");
    statement->bind(1, event);
    while (statement->executeStep()) {
      EventDate date;
      date.event = statement->getColumn(0).getString();
      date.organisation = statement->getColumn(1).getString();
      date.key = statement->getColumn(2).getString();
      date.on = ParseIsoDate(statement->getColumn(3).getString()).value_or(Date{});
      date.person = statement->getColumn(4).getString();
      date.recorded_at = statement->getColumn(5).getString();
      date.note = statement->getColumn(6).getString();
      dates.push_back(std::move(date));
    }
    return dates;
  }

  Status FlagsOf(const std::string& task_id, std::vector<std::string>& out) override {
    try {
      auto statement = statements_.Use("SELECT flag FROM flags WHERE task_id = ? ORDER BY flag");
      statement->bind(1, task_id);
      while (statement->executeStep()) out.push_back(statement->getColumn(0).getString());
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  Status LastFirings(const std::string& task_id, std::vector<Firing>& out) override {
    try {
      auto statement = statements_.Use(
          "SELECT rule, stage, max(slot), fired_on FROM firings WHERE task_id = ? "
          "GROUP BY rule, stage");
      statement->bind(1, task_id);
      while (statement->executeStep()) {
        out.push_back(Firing{statement->getColumn(0).getString(), task_id, statement->getColumn(1).getString(),
                             statement->getColumn(2).getInt(),
                             ParseIsoDate(statement->getColumn(3).getString()).value_or(Date{})});
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Failure(error);
    }
  }

  SQLite::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  const SigningKey* signer() const { return signer_; }
  StatementCache& statements() { return statements_; }

  static Submission ReadSubmission(SQLite::Statement& row) {
    Submission submission;
    submission.id = row.getColumn(0).getInt64();
    submission.task_id = row.getColumn(1).getString();
    submission.person = row.getColumn(2).getString();
    submission.at = row.getColumn(3).getString();
    submission.comment = row.getColumn(4).getString();
    return submission;
  }

  // Fills a submission's files and values.
  void ReadEvidence(Submission& submission) {
    auto files = statements_.Use(
        fmt::format("SELECT {} FROM evidence_files WHERE submission_id = ? ORDER BY rowid", kEvidenceFileColumns));
    files->bind(1, submission.id);
    while (files->executeStep()) submission.files.push_back(ReadEvidenceFile(*files, 0));
    auto values = statements_.Use(
        fmt::format("SELECT {} FROM reported_values WHERE submission_id = ? ORDER BY rowid", kReportedValueColumns));
    values->bind(1, submission.id);
    while (values->executeStep()) submission.values.push_back(ReadReportedValue(*values, 0));
  }

  static constexpr const char* kEvidenceFileColumns = "sha256, size, original_name, media_type, deliverable";
  static constexpr const char* kReportedValueColumns = "name, value, unit";

  // A row's kEvidenceFileColumns (kReportedValueColumns), starting at column `first`.
  static EvidenceFile ReadEvidenceFile(SQLite::Statement& row, int first) {
    return {row.getColumn(first).getString(), row.getColumn(first + 1).getInt64(), row.getColumn(first + 2).getString(),
            row.getColumn(first + 3).getString(), row.getColumn(first + 4).getString()};
  }
  static ReportedValue ReadReportedValue(SQLite::Statement& row, int first) {
    return {row.getColumn(first).getString(), row.getColumn(first + 1).getDouble(),
            row.getColumn(first + 2).getString()};
  }

 private:
  void CreateSecondaryIndexes() {
    for (const auto& [name, columns] : kSecondaryTaskIndexes) {
      db_.exec(fmt::format("CREATE INDEX IF NOT EXISTS {} ON {}", name, columns));
    }
  }

  static AuditEntry ReadAudit(SQLite::Statement& row) {
    return AuditEntry{row.getColumn(0).getInt64(),  row.getColumn(1).getString(), row.getColumn(2).getString(),
                      row.getColumn(3).getString(), row.getColumn(4).getString(), row.getColumn(5).getString(),
                      row.getColumn(6).getString()};
  }

  SQLite::Database db_;
  const Clock& clock_;
  const SigningKey* signer_;     // null: commits are not checkpointed
  std::string checkpoint_file_;  // the append-only copy of the checkpoints, beside the database
  StatementCache statements_;
};

SqliteTransaction::SqliteTransaction(SqliteTaskStore& store) : store_(store), at_(FormatInstant(store.clock().Now())) {
  Guard([&] { transaction_.emplace(store_.db(), SQLite::TransactionBehavior::IMMEDIATE); });
}

std::optional<TaskRecord> SqliteTransaction::FindTask(const std::string& id) {
  std::optional<TaskRecord> task;
  Guard([&] {
    auto statement = store_.statements().Use(kFindTaskSql);
    statement->bind(1, id);
    if (statement->executeStep()) task = ReadTask(*statement);
  });
  return task;
}

std::vector<TaskRecord> SqliteTransaction::Tasks(const TaskQuery& query) {
  std::vector<TaskRecord> tasks;
  Guard([&] { tasks = QueryTasks(store_.statements(), query); });
  return tasks;
}

int64_t SqliteTransaction::CountTasks(const TaskQuery& query) {
  int64_t count = 0;
  Guard([&] {
    auto statement = store_.statements().Use("SELECT count(*) FROM tasks" + WhereClause(query));
    BindQuery(*statement, query);
    if (statement->executeStep()) count = statement->getColumn(0).getInt64();
  });
  return count;
}

void SqliteTransaction::InsertTask(const TaskRecord& task) {
  tasks_changed_ = true;
  Guard([&] {
    auto statement = store_.statements().Use(kInsertTaskSql);
    BindTask(*statement, task);
    statement->exec();
  });
}

void SqliteTransaction::UpdateTask(const TaskRecord& task) {
  tasks_changed_ = true;
  Guard([&] {
    auto statement = store_.statements().Use(kUpdateTaskSql);
    BindTask(*statement, task);
    if (statement->exec() != 1) throw std::runtime_error(fmt::format("no task {}", task.id));
  });
}

void SqliteTransaction::SetNextCheck(const std::string& task_id, const Date& day) {
  Guard([&] {
    auto statement = store_.statements().Use("UPDATE tasks SET next_check = ? WHERE id = ?");
    SQLite::bind(*statement, FormatIsoDate(day), task_id);
    statement->exec();
  });
}

void SqliteTransaction::ClearNextChecks() {
  Guard([&] { store_.db().exec("UPDATE tasks SET next_check = '' WHERE next_check <> ''"); });
}

int64_t SqliteTransaction::AddSubmission(const Submission& submission) {
  tasks_changed_ = true;
  int64_t id = 0;
  Guard([&] {
    auto insert =
        store_.statements().Use("INSERT INTO submissions (task_id, person, submitted_at, comment) VALUES (?, ?, ?, ?)");
    SQLite::bind(*insert, submission.task_id, submission.person, submission.at.empty() ? at_ : submission.at,
                 submission.comment);
    insert->exec();
    id = store_.db().getLastInsertRowid();
    // New evidence changes what the rules see of the task.
    auto recheck = store_.statements().Use("UPDATE tasks SET next_check = '' WHERE id = ?");
    recheck->bind(1, submission.task_id);
    recheck->exec();
    for (const EvidenceFile& file : submission.files) {
      auto evidence = store_.statements().Use(
          "INSERT INTO evidence_files (submission_id, sha256, size, original_name, media_type, "
          "deliverable) VALUES (?, ?, ?, ?, ?, ?)");
      SQLite::bind(*evidence, id, file.sha256, file.size, file.original_name, file.media_type, file.deliverable);
      evidence->exec();
    }
    for (const ReportedValue& value : submission.values) {
      auto reported =
          store_.statements().Use("INSERT INTO reported_values (submission_id, name, value, unit) VALUES (?, ?, ?, ?)");
      SQLite::bind(*reported, id, value.name, value.value, value.unit);
      reported->exec();
    }
  });
  return id;
}

std::optional<Submission> SqliteTransaction::LatestSubmission(const std::string& task_id) {
  std::optional<Submission> latest;
  Guard([&] {
    auto statement = store_.statements().Use(
        "SELECT id, task_id, person, submitted_at, comment FROM submissions WHERE task_id = ? ORDER BY id DESC LIMIT "
        "1");
    statement->bind(1, task_id);
    if (!statement->executeStep()) return;
    latest = SqliteTaskStore::ReadSubmission(*statement);
    statement->reset();
    store_.ReadEvidence(*latest);
  });
  return latest;
}

std::optional<Firing> SqliteTransaction::LastFiring(const std::string& rule, const std::string& task_id,
                                                    const std::string& stage) {
  std::optional<Firing> last;
  Guard([&] {
    auto statement = store_.statements().Use(
        "SELECT slot, fired_on FROM firings WHERE rule = ? AND task_id = ? AND stage = ? "
        "ORDER BY slot DESC LIMIT 1");
    SQLite::bind(*statement, rule, task_id, stage);
    if (statement->executeStep()) {
      last = Firing{rule, task_id, stage, statement->getColumn(0).getInt(),
                    ParseIsoDate(statement->getColumn(1).getString()).value_or(Date{})};
    }
  });
  return last;
}

template <typename... Args>
bool SqliteTransaction::InsertIfNew(const char* sql, const Args&... args) {
  bool inserted = false;
  Guard([&] {
    auto statement = store_.statements().Use(sql);
    SQLite::bind(*statement, args...);
    inserted = statement->exec() == 1;
  });
  return inserted;
}

bool SqliteTransaction::RecordFiring(const Firing& firing) {
  return InsertIfNew(
      "INSERT OR IGNORE INTO firings (rule, task_id, stage, slot, fired_at, fired_on) VALUES (?, ?, ?, ?, ?, ?)",
      firing.rule, firing.task_id, firing.stage, firing.slot, at_, FormatIsoDate(firing.fired_on));
}

bool SqliteTransaction::QueueNotification(const OutboxMessage& message) {
  return InsertIfNew(
      "INSERT OR IGNORE INTO outbox (created_at, idempotency_key, rule, task_id, recipient, channel, template, "
      "payload) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      at_, message.idempotency_key, message.rule, message.task_id, message.recipient, message.channel,
      message.template_id, message.payload);
}

std::optional<std::string> SqliteTransaction::Marker(const std::string& name) {
  std::optional<std::string> value;
  Guard([&] {
    auto select = store_.statements().Use("SELECT value FROM markers WHERE name = ?");
    select->bind(1, name);
    if (select->executeStep()) value = select->getColumn(0).getString();
  });
  return value;
}

void SqliteTransaction::SetMarker(const std::string& name, const std::string& value) {
  Guard([&] {
    auto upsert = store_.statements().Use(
        "INSERT INTO markers (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    SQLite::bind(*upsert, name, value);
    upsert->exec();
  });
}

void SqliteTransaction::UpdateDelivery(const OutboxMessage& message) {
  Guard([&] {
    auto update = store_.statements().Use(
        "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = nullif(?, ''), "
        "last_error = ?, sent_at = nullif(?, '') WHERE id = ?");
    SQLite::bind(*update, message.status, message.attempts, message.next_attempt_at, message.last_error,
                 message.sent_at, message.id);
    if (update->exec() != 1) throw std::runtime_error(fmt::format("no outbox message {}", message.id));
  });
}

bool SqliteTransaction::SetFlag(const std::string& task_id, const std::string& flag, const std::string& rule) {
  return InsertIfNew("INSERT OR IGNORE INTO flags (task_id, flag, rule, set_at) VALUES (?, ?, ?, ?)", task_id, flag,
                     rule, at_);
}

void SqliteTransaction::RecordEventDate(const EventDate& date) {
  tasks_changed_ = true;  // the tasks counting from the event change with it
  Guard([&] {
    auto upsert = store_.statements().Use(
        "INSERT INTO event_dates (event, organisation, period_key, happened_on, person, recorded_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event, organisation, period_key) DO UPDATE SET "
        "happened_on = excluded.happened_on, person = excluded.person, recorded_at = excluded.recorded_at, "
        "note = excluded.note");
    SQLite::bind(*upsert, date.event, date.organisation, date.key, FormatIsoDate(date.on), date.person, at_, date.note);
    upsert->exec();
  });
}

std::vector<EventDate> SqliteTransaction::EventDates(const std::string& event) {
  std::vector<EventDate> dates;
  Guard([&] { dates = SqliteTaskStore::ReadEventDates(store_.statements(), event); });
  return dates;
}

int64_t SqliteTransaction::RecordIndicatorValue(const IndicatorValue& value) {
  int64_t id = 0;
  Guard([&] {
    auto insert = store_.statements().Use(
        "INSERT INTO indicator_values (indicator, organisation, period, value, person, reported_at, task_id, comment) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::bind(*insert, value.indicator, value.organisation, value.period, value.value, value.person, at_,
                 value.task_id, value.comment);
    insert->exec();
    id = store_.db().getLastInsertRowid();
  });
  return id;
}

void SqliteTransaction::Audit(const std::string& actor, const std::string& event, const std::string& task_id,
                              const std::string& details_json) {
  Guard([&] {
    if (!chain_head_) {
      auto head = store_.statements().Use(kChainHeadSql);
      chain_head_ = head->executeStep() ? std::make_pair(head->getColumn(0).getInt64(), head->getColumn(1).getString())
                                        : std::make_pair(int64_t{0}, kGenesisHash);
    }
    int64_t seq = chain_head_->first + 1;
    if (first_appended_ == 0) first_appended_ = seq;
    const std::string& details = details_json;
    std::string hash = ChainHash(chain_head_->second, CanonicalEvent(seq, at_, actor, event, task_id, details));
    auto insert = store_.statements().Use(kInsertAuditSql);
    // Without copies: every string outlives exec(), and a sync audits millions of events.
    insert->bind(1, seq);
    insert->bindNoCopy(2, at_);
    insert->bindNoCopy(3, actor);
    insert->bindNoCopy(4, event);
    insert->bindNoCopy(5, task_id);
    insert->bindNoCopy(6, details);
    insert->bindNoCopy(7, hash);
    insert->exec();
    chain_head_ = std::make_pair(seq, hash);
  });
}

Status SqliteTransaction::Commit() {
  if (tasks_changed_) {
    Guard([&] {
      store_.db().exec(
          fmt::format("INSERT INTO markers (name, value) VALUES ('{0}', '1') ON CONFLICT (name) "
                      "DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                      kTaskChangesMarker));
    });
  }
  std::optional<AuditCheckpoint> checkpoint;
  if (store_.signer() != nullptr && first_appended_ != 0) {
    Guard([&] {
      checkpoint = SignCheckpoint(first_appended_, chain_head_->first, chain_head_->second, at_, *store_.signer());
      InsertCheckpoint(store_.statements(), *checkpoint);
    });
  }
  Guard([&] { transaction_->commit(); });
  if (status_.ok() && checkpoint) {
    // The commit stands either way; the table holds the checkpoint, and the file is a copy an
    // attacker must also find. A copy that cannot be written is said, not hidden.
    if (Status appended = AppendCheckpoint(store_.checkpoint_file(), *checkpoint); !appended.ok()) {
      fmt::print(stderr, "warning: {}\n", appended.message());
    }
  }
  return status_;
}

}  // namespace

std::unique_ptr<TaskStore> OpenSqliteTaskStore(const std::string& path, const Clock& clock, Status& status,
                                               const SigningKey* signer) {
  try {
    status = Status::Ok();
    return std::make_unique<SqliteTaskStore>(path, clock, signer);
  } catch (const std::exception& error) {
    status = Status::Unavailable(fmt::format("не удалось открыть базу данных {}: {}", path, error.what()));
    return nullptr;
  }
}

}  // namespace vekha::storage
