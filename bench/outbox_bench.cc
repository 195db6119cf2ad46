// Queuing notifications as a firing does (target: ≥ 50,000 queued/s): per message the rule's
// firing, the outbox row with its idempotency key, and its audit event, in one transaction per
// 10,000 messages — beside the floor of inserting the same outbox rows alone in the same run.
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "engine/clock.h"
#include "storage/sqlite_task_store.h"

namespace vekha {
namespace {

namespace fs = std::filesystem;

constexpr int kMessages = 200'000;
constexpr int kPerTransaction = 10'000;

std::string FreshDatabase(const char* name) {
  fs::path path = fs::temp_directory_path() / fmt::format("vekha-bench-{}-{}.sqlite3", name, ::getpid());
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path.string();
}

OutboxMessage MessageNumber(int i) {
  OutboxMessage message;
  std::string task = fmt::format("T{:011}", i / 2);
  std::string person = fmt::format("director-{:05}", i % 16'000);
  message.idempotency_key = fmt::format("reminder-7/{}/reminder-7/0/{}", task, person);
  message.rule = "reminder-7";
  message.task_id = task;
  message.recipient = person;
  message.channel = "email";
  message.template_id = "reminder";
  message.payload = fmt::format(R"({{"rule":"reminder-7","task":"{}","recipient":"{}","slot":0}})", task, person);
  return message;
}

void BM_QueueNotifications(benchmark::State& state) {
  FakeClock clock(std::chrono::sys_days{MakeDate(2022, 3, 1)});
  for (auto _ : state) {
    Status status;
    std::unique_ptr<TaskStore> store = storage::OpenSqliteTaskStore(FreshDatabase("outbox"), clock, status);
    for (int start = 0; start < kMessages; start += kPerTransaction) {
      auto transaction = store->BeginWrite();
      for (int i = start; i < start + kPerTransaction; ++i) {
        OutboxMessage message = MessageNumber(i);
        transaction->RecordFiring(
            Firing{message.rule, message.task_id + message.recipient, message.rule, 0, MakeDate(2022, 3, 1)});
        if (transaction->QueueNotification(message)) {
          transaction->Audit(
              "vekha", "notification queued", message.task_id,
              fmt::format(R"({{"recipient":"{}","rule":"{}","slot":0}})", message.recipient, message.rule));
        }
      }
      if (!transaction->Commit().ok()) state.SkipWithError("commit failed");
    }
  }
  state.counters["queued_per_second"] = benchmark::Counter(
      static_cast<double>(kMessages) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QueueNotifications)->Unit(benchmark::kSecond)->Iterations(1);

// The floor: the same outbox rows, plainly inserted with the same pragmas and transactions.
void BM_PlainOutboxInsert(benchmark::State& state) {
  for (auto _ : state) {
    SQLite::Database db(FreshDatabase("plain-outbox"),
                        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db.exec("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    db.exec(
        "CREATE TABLE outbox (id INTEGER PRIMARY KEY, idempotency_key TEXT UNIQUE, rule TEXT, task_id TEXT,"
        " recipient TEXT, channel TEXT, template_id TEXT, status TEXT, payload TEXT)");
    SQLite::Statement insert(db,
                             "INSERT OR IGNORE INTO outbox (idempotency_key, rule, task_id, recipient, channel,"
                             " template_id, status, payload) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)");
    for (int start = 0; start < kMessages; start += kPerTransaction) {
      SQLite::Transaction transaction(db);
      for (int i = start; i < start + kPerTransaction; ++i) {
        OutboxMessage message = MessageNumber(i);
        insert.bind(1, message.idempotency_key);
        insert.bind(2, message.rule);
        insert.bind(3, message.task_id);
        insert.bind(4, message.recipient);
        insert.bind(5, message.channel);
        insert.bind(6, message.template_id);
        insert.bind(7, message.payload);
        insert.exec();
        insert.reset();
      }
      transaction.commit();
    }
  }
  state.counters["queued_per_second"] = benchmark::Counter(
      static_cast<double>(kMessages) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PlainOutboxInsert)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace vekha
