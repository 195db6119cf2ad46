// Materialising 1,000,000 tasks (10,000 schools × 100 months) into a fresh SQLite file, with an
// audit event per task, beside a plain batched INSERT of the same rows in the same run
// (target: ≤ 10 s, and ≥ 30 % of the plain-insert rate).
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "engine/planner.h"
#include "storage/evidence_store.h"
#include "storage/sqlite_task_store.h"
#include "workflows/deployment_loader.h"
#include "workflows/task_service.h"

namespace vekha {
namespace {

namespace fs = std::filesystem;

constexpr int kSchools = 10'000;  // × 100 monthly occurrences

class MillionTaskDeployment {
 public:
  MillionTaskDeployment() {
    root_ = fs::temp_directory_path() / fmt::format("vekha-bench-million-{}", ::getpid());
    fs::create_directories(root_);
    std::ofstream(root_ / "vekha.yaml") << "include: [org.yaml, roadmap.yaml]\n";
    std::ofstream org(root_ / "org.yaml");
    org << "roles: {director: Директор, specialist: Специалист}\norganisations:\n  - {id: uo, name: УО, kind: "
           "authority}\n";
    for (int i = 0; i < kSchools; ++i)
      org << fmt::format("  - {{id: s{}, name: Школа {}, kind: school, parent: uo}}\n", i, i);
    org << "people:\n  - {id: coordinator, name: Координатор, roles: [specialist@uo]}\n";
    org.close();
    std::ofstream(root_ / "roadmap.yaml")
        << "roadmap:\n  id: large\n  title: Мониторинг\n  period: {from: 2016-01-01, to: 2024-04-30}\n  owner: uo\n"
           "  coordinator: coordinator\n  activities:\n    - {id: monthly, title: Ежемесячный мониторинг, timing: "
           "Ежемесячно,"
           " responsible: [director], for: {kind: school}}\n";
    Diagnostics diagnostics;
    deployment_ = std::move(*LoadDeployment(root_.string(), diagnostics).deployment);
  }
  ~MillionTaskDeployment() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  const Deployment& deployment() const { return deployment_; }
  std::string FreshDatabase() const {
    std::string path = (root_ / "bench.sqlite3").string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    return path;
  }

 private:
  fs::path root_;
  Deployment deployment_;
};

const MillionTaskDeployment& Million() {
  static const MillionTaskDeployment kDeployment;
  return kDeployment;
}

void BM_MaterialiseMillionTasks(benchmark::State& state) {
  const MillionTaskDeployment& fixture = Million();
  FakeClock clock(std::chrono::sys_days{MakeDate(2015, 12, 1)});  // before the period: nothing opens yet
  SyncSummary summary;
  for (auto _ : state) {
    std::string database = fixture.FreshDatabase();
    Status status;
    std::unique_ptr<TaskStore> store = storage::OpenSqliteTaskStore(database, clock, status);
    storage::EvidenceStore evidence(database + ".evidence", 1 << 20);
    TaskService service(fixture.deployment(), *store, evidence, clock);
    summary = SyncSummary{};
    if (!service.Sync(summary).ok()) state.SkipWithError("sync failed");
  }
  state.counters["tasks"] = summary.created;
  state.counters["tasks_per_second"] = benchmark::Counter(
      static_cast<double>(summary.created) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MaterialiseMillionTasks)->Unit(benchmark::kSecond)->Iterations(1);

// Baseline: the same rows through one prepared INSERT into a table of the same shape, 20,000 per
// transaction, with the store's page size, pragmas and open flags — and no audit log, no
// reconciliation.
void BM_PlainBatchedInsertMillionRows(benchmark::State& state) {
  const MillionTaskDeployment& fixture = Million();
  std::vector<PlannedTask> planned = PlanTasks(fixture.deployment(), {});
  auto id_of = [](const PlannedTask& task) {
    return TaskIdFor(task.roadmap->id, task.activity->id, task.organisation->id, task.occurrence.key);
  };
  // In id order, as the materialiser inserts them.
  std::sort(planned.begin(), planned.end(),
            [&](const PlannedTask& a, const PlannedTask& b) { return id_of(a) < id_of(b); });
  for (auto _ : state) {
    SQLite::Database db(fixture.FreshDatabase(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db.exec(
        "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = "
        "-131072;");
    // The same table and indexes as storage/schema.cc.
    db.exec(
        "CREATE TABLE tasks (id TEXT PRIMARY KEY, roadmap TEXT, activity TEXT, organisation TEXT, period_key TEXT,"
        " kind TEXT, origin TEXT, status TEXT, opens TEXT, due TEXT, effective_due TEXT, finished_on TEXT,"
        " next_check TEXT NOT NULL DEFAULT '') WITHOUT ROWID;"
        " CREATE INDEX tasks_to_check ON tasks (next_check);"
        " CREATE INDEX tasks_by_status ON tasks (status, opens);"
        " CREATE INDEX tasks_by_activity ON tasks (roadmap, activity, organisation);");
    SQLite::Statement insert(
        db, "INSERT INTO tasks VALUES (?, ?, ?, ?, ?, 'monthly', 'plan', 'scheduled', ?, ?, ?, NULL, '')");
    for (size_t start = 0; start < planned.size(); start += 20'000) {
      SQLite::Transaction transaction(db);
      for (size_t i = start; i < std::min(planned.size(), start + 20'000); ++i) {
        const PlannedTask& task = planned[i];
        insert.bind(1, id_of(task));
        insert.bind(2, task.roadmap->id);
        insert.bind(3, task.activity->id);
        insert.bind(4, task.organisation->id);
        insert.bind(5, task.occurrence.key);
        insert.bind(6, FormatIsoDate(task.occurrence.opens));
        insert.bind(7, FormatIsoDate(*task.occurrence.due));
        insert.bind(8, FormatIsoDate(*task.occurrence.effective_due));
        insert.exec();
        insert.reset();
      }
      transaction.commit();
    }
  }
  state.counters["tasks"] = static_cast<double>(planned.size());
  state.counters["tasks_per_second"] = benchmark::Counter(
      static_cast<double>(planned.size()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PlainBatchedInsertMillionRows)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace vekha
