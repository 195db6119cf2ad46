// The SQLite task store: migrations of old files, task round trips, the audit hash chain.
#include "storage/sqlite_task_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "storage/evidence_store.h"
#include "storage/schema.h"
#include "tests/status_matchers.h"
#include "workflows/audit_verifier.h"

namespace vekha::storage {
namespace {

namespace fs = std::filesystem;

class StoreTest : public testing::Test {
 protected:
  StoreTest() {
    std::random_device random;
    directory_ = fs::temp_directory_path() / ("vekha-store-" + std::to_string(random()));
    fs::create_directories(directory_);
    path_ = (directory_ / "vekha.sqlite3").string();
  }
  ~StoreTest() override { fs::remove_all(directory_); }

  std::unique_ptr<TaskStore> Open() {
    Status status;
    std::unique_ptr<TaskStore> store = OpenSqliteTaskStore(path_, clock_, status);
    EXPECT_THAT(status, IsOk()) << status.message();
    return store;
  }

  static TaskRecord Task(const std::string& key) {
    TaskRecord task;
    task.roadmap = "rm";
    task.activity = "monitoring";
    task.organisation = "school-1";
    task.key = key;
    task.id = TaskIdFor(task.roadmap, task.activity, task.organisation, task.key);
    task.kind = Repeat::kYearly;
    task.opens = MakeDate(2022, 1, 1);
    task.due = MakeDate(2022, 1, 31);
    task.effective_due = MakeDate(2022, 1, 31);
    return task;
  }

  FakeClock clock_{std::chrono::sys_days{MakeDate(2022, 3, 1)}};
  fs::path directory_;
  std::string path_;
};

TEST_F(StoreTest, TasksRoundTripAndIdentityIsUnique) {
  auto store = Open();
  auto transaction = store->BeginWrite();
  TaskRecord task = Task("2022-01");
  transaction->InsertTask(task);
  ASSERT_THAT(transaction->Commit(), IsOk());

  auto duplicate = store->BeginWrite();
  duplicate->InsertTask(task);
  EXPECT_FALSE(duplicate->Commit().ok());  // the same identity twice is refused, nothing written

  std::vector<TaskRecord> tasks;
  ASSERT_THAT(store->ListTasks({}, tasks), IsOk());
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0], task);
  std::vector<TaskRecord> found;
  ASSERT_THAT(store->FindTasksByPrefix(task.id.substr(0, 5), found), IsOk());
  ASSERT_EQ(found.size(), 1u);
}

TEST_F(StoreTest, NextChecksSelectTasksAndAnyChangeUnsetsThem) {
  auto store = Open();
  TaskRecord early = Task("2022-01");
  TaskRecord late = Task("2022-05");
  auto transaction = store->BeginWrite();
  transaction->InsertTask(early);
  transaction->InsertTask(late);
  transaction->SetNextCheck(early.id, MakeDate(2022, 3, 1));
  transaction->SetNextCheck(late.id, MakeDate(2022, 5, 4));
  ASSERT_THAT(transaction->Commit(), IsOk());
  auto to_check = [&](const Date& day) {
    TaskQuery query;
    query.check_by = day;
    std::vector<TaskRecord> tasks;
    EXPECT_THAT(store->ListTasks(query, tasks), IsOk());
    std::vector<std::string> ids;
    for (const TaskRecord& task : tasks) ids.push_back(task.id);
    return ids;
  };
  EXPECT_THAT(to_check(MakeDate(2022, 3, 1)), testing::ElementsAre(early.id));
  EXPECT_THAT(to_check(MakeDate(2022, 2, 28)), testing::IsEmpty());
  // Evidence for the late task brings it back at once; so does an update.
  int64_t changes = 0;
  ASSERT_THAT(store->TaskChanges(changes), IsOk());
  auto submit = store->BeginWrite();
  Submission submission{0, late.id, "petrov", "", "", {}, {{"Охват", 45, "%"}}};
  submit->AddSubmission(submission);
  ASSERT_THAT(submit->Commit(), IsOk());
  EXPECT_THAT(to_check(MakeDate(2022, 2, 28)), testing::ElementsAre(late.id));
  for (bool unset : {true, false}) {
    TaskQuery query;
    query.check_unset = unset;
    std::vector<TaskRecord> tasks;
    ASSERT_THAT(store->ListTasks(query, tasks), IsOk());
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0].id, unset ? late.id : early.id);
  }
  std::vector<Submission> latest;
  ASSERT_THAT(store->LatestSubmissions({late.id, early.id}, latest), IsOk());
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].values.size(), 1u);
  // Every transaction that writes a task or its evidence is counted; a notification is not.
  int64_t after = 0;
  ASSERT_THAT(store->TaskChanges(after), IsOk());
  EXPECT_EQ(after, changes + 1);
  auto notify = store->BeginWrite();
  OutboxMessage message;
  message.idempotency_key = "k";
  message.task_id = late.id;
  notify->QueueNotification(message);
  notify->Audit("vekha", "notification queued", late.id, "{}");
  ASSERT_THAT(notify->Commit(), IsOk());
  ASSERT_THAT(store->TaskChanges(changes), IsOk());
  EXPECT_EQ(changes, after);
  auto reset = store->BeginWrite();
  reset->ClearNextChecks();
  ASSERT_THAT(reset->Commit(), IsOk());
  EXPECT_EQ(to_check(MakeDate(2022, 1, 1)).size(), 2u);
}

TEST_F(StoreTest, ABulkLoadSetsTheSecondaryIndexesAsideAndACrashIsHealed) {
  auto indexes = [&] {
    SQLite::Database db(path_);
    SQLite::Statement query(db,
                            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' "
                            "AND name LIKE 'tasks_%'");
    query.executeStep();
    return query.getColumn(0).getInt();
  };
  {
    auto store = Open();
    EXPECT_EQ(indexes(), 3);
    ASSERT_THAT(store->BeginBulkLoad(), IsOk());
    EXPECT_EQ(indexes(), 0);
    auto transaction = store->BeginWrite();
    transaction->InsertTask(Task("2022-01"));
    ASSERT_THAT(transaction->Commit(), IsOk());
    std::vector<TaskRecord> found;
    ASSERT_THAT(store->FindTasksByPrefix(Task("2022-01").id.substr(0, 6), found), IsOk());
    EXPECT_EQ(found.size(), 1u);
    ASSERT_THAT(store->EndBulkLoad(), IsOk());
    EXPECT_EQ(indexes(), 3);
    ASSERT_THAT(store->BeginBulkLoad(), IsOk());  // and then the process dies
  }
  auto reopened = Open();
  EXPECT_EQ(indexes(), 3);
}

TEST_F(StoreTest, AnUncommittedTransactionLeavesNothing) {
  auto store = Open();
  {
    auto transaction = store->BeginWrite();
    transaction->InsertTask(Task("2022-01"));
    transaction->Audit("vekha", "materialised", Task("2022-01").id, "{}");
  }  // no Commit
  std::vector<TaskRecord> tasks;
  ASSERT_THAT(store->ListTasks({}, tasks), IsOk());
  EXPECT_TRUE(tasks.empty());
  AuditVerification verification;
  ASSERT_THAT(VerifyAuditChain(*store, verification), IsOk());
  EXPECT_EQ(verification.events, 0);
}

TEST_F(StoreTest, AuditChainDetectsEditsAndDeletions) {
  {
    auto store = Open();
    auto transaction = store->BeginWrite();
    for (int i = 0; i < 5; ++i) {
      transaction->Audit("ivanova", "submitted", "T1", R"({"a":[1,2],"b":2})");
    }
    ASSERT_THAT(transaction->Commit(), IsOk());
    AuditVerification verification;
    ASSERT_THAT(VerifyAuditChain(*store, verification), IsOk());
    EXPECT_EQ(verification.events, 5);
    EXPECT_FALSE(verification.first_broken);
  }
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("UPDATE audit_log SET details = '{\"a\":[1,3],\"b\":2}' WHERE seq = 3");
  }
  AuditVerification edited;
  ASSERT_THAT(VerifyAuditChain(*Open(), edited), IsOk());
  EXPECT_EQ(edited.first_broken, 3);
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("UPDATE audit_log SET details = '{\"a\":[1,2],\"b\":2}' WHERE seq = 3");
  }
  AuditVerification restored;
  ASSERT_THAT(VerifyAuditChain(*Open(), restored), IsOk());
  EXPECT_FALSE(restored.first_broken);
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM audit_log WHERE seq = 2");
  }
  AuditVerification deleted;
  ASSERT_THAT(VerifyAuditChain(*Open(), deleted), IsOk());
  EXPECT_EQ(deleted.first_broken, 3);
  EXPECT_NE(deleted.reason.find("пропущены"), std::string::npos);
}

TEST_F(StoreTest, VerifyFindsTasksWhoseIdentityWasEdited) {
  {
    auto store = Open();
    auto transaction = store->BeginWrite();
    transaction->InsertTask(Task("2022-01"));
    transaction->InsertTask(Task("2022-02"));
    ASSERT_THAT(transaction->Commit(), IsOk());
    AuditVerification verification;
    ASSERT_THAT(VerifyAuditChain(*store, verification), IsOk());
    EXPECT_EQ(verification.tasks, 2);
    EXPECT_TRUE(verification.intact());
  }
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("UPDATE tasks SET organisation = 'school-2' WHERE period_key = '2022-02'");
  }
  AuditVerification edited;
  ASSERT_THAT(VerifyAuditChain(*Open(), edited), IsOk());
  EXPECT_FALSE(edited.first_broken);
  EXPECT_EQ(edited.altered_tasks, std::vector<std::string>{Task("2022-02").id});
  EXPECT_FALSE(edited.intact());
}

TEST_F(StoreTest, OldDatabaseFilesAreUpgradedInPlace) {
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    MigrateTo(db, 1);  // a database written by the first release
    ASSERT_EQ(SchemaVersionOf(db), 1);
    db.exec(
        "INSERT INTO tasks VALUES ('ABC', 'rm', 'a', 'school-1', '2022-01', 'yearly', 'plan', 'open', '2022-01-01', "
        "'2022-01-31', '2022-01-31', NULL)");
  }
  auto store = Open();
  {
    SQLite::Database db(path_, SQLite::OPEN_READONLY);
    EXPECT_EQ(SchemaVersionOf(db), LatestSchemaVersion());
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'audit_by_task'").getInt(), 1);
  }
  std::vector<TaskRecord> tasks;
  ASSERT_THAT(store->ListTasks({}, tasks), IsOk());
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].id, "ABC");
  EXPECT_EQ(tasks[0].status, TaskStatus::kOpen);
}

TEST_F(StoreTest, UsesWalAndForeignKeys) {
  auto store = Open();
  SQLite::Database db(path_, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST_F(StoreTest, EvidenceIsStoredOnceUnderItsHash) {
  EvidenceStore evidence((directory_ / "evidence").string(), 1024);
  fs::path file = directory_ / "Справка.pdf";
  std::ofstream(file) << "аналитическая справка";
  EvidenceFile first;
  ASSERT_THAT(evidence.Put(file.string(), first), IsOk());
  EXPECT_EQ(first.size, 41);
  EXPECT_EQ(first.media_type, "application/pdf");
  EXPECT_EQ(first.original_name, "Справка.pdf");
  fs::path copy = directory_ / "copy.pdf";
  fs::copy_file(file, copy);
  EvidenceFile second;
  ASSERT_THAT(evidence.Put(copy.string(), second), IsOk());
  EXPECT_EQ(second.sha256, first.sha256);
  EXPECT_TRUE(fs::exists(evidence.PathOf(first.sha256)));
  size_t stored = 0;
  for (const auto& entry : fs::recursive_directory_iterator(directory_ / "evidence")) stored += entry.is_regular_file();
  EXPECT_EQ(stored, 1u);

  std::ofstream(directory_ / "big.bin") << std::string(2048, 'x');
  EvidenceFile big;
  Status refused = evidence.Put((directory_ / "big.bin").string(), big);
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("не больше 1024 байт"), std::string::npos);
}

}  // namespace
}  // namespace vekha::storage
