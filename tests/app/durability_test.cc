// Durability: several `vekha` processes writing one database at once, and a `kill -9` in the
// middle of materialising 100,000 tasks.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/cli_support.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;
using testing::Not;

// A deployment whose one monthly activity fans out to `schools` schools over 100 months
// (January 2016 – April 2024): 100 tasks per school.
std::string WriteLargeDeployment(const ScratchDirectory& scratch, int schools) {
  std::filesystem::path root = scratch.path() / "large";
  std::filesystem::create_directories(root);
  std::ofstream(root / "vekha.yaml") << "include: [org.yaml, roadmap.yaml]\n";
  std::ofstream org(root / "org.yaml");
  org << "roles: {director: Директор, specialist: Специалист}\norganisations:\n  - {id: uo, name: УО, kind: "
         "authority}\n";
  for (int i = 0; i < schools; ++i)
    org << fmt::format("  - {{id: s{}, name: Школа {}, kind: school, parent: uo}}\n", i, i);
  org << "people:\n  - {id: coordinator, name: Координатор, roles: [specialist@uo]}\n";
  for (int i = 0; i < schools; ++i)
    org << fmt::format("  - {{id: d{}, name: Директор {}, roles: [director@s{}]}}\n", i, i, i);
  org.close();
  std::ofstream(root / "roadmap.yaml")
      << "roadmap:\n  id: large\n  title: Мониторинг\n"
         "  period: {from: 2016-01-01, to: 2024-04-30}\n  owner: uo\n  coordinator: coordinator\n"
         "  activities:\n    - {id: monthly, title: Ежемесячный мониторинг, timing: Ежемесячно,"
         " responsible: [director], for: {kind: school}}\n";
  return root.string();
}

std::string Sql(const std::string& database, const std::string& query) {
  Outcome outcome = Shell("sqlite3 " + Quote(database) + " " + Quote(query));
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  return outcome.out.substr(0, outcome.out.find_last_not_of('\n') + 1);
}

TEST(DurabilityTest, ConcurrentWritersLoseNothingAndNeverSeeALock) {
  ScratchDirectory scratch;
  std::string deployment = WriteLargeDeployment(scratch, 20);
  ASSERT_EQ(Vekha({"--now", "2024-05-01", "sync", "-d", deployment}).status, 0);
  // Twenty directors submit their April 2024 task at the same moment, each in its own process,
  // while two more processes re-sync.
  std::string script;
  for (int i = 0; i < 20; ++i) {
    std::string task =
        Sql(deployment + "/vekha.sqlite3",
            fmt::format("SELECT id FROM tasks WHERE organisation = 's{}' AND period_key = '2024-04'", i));
    script += fmt::format("\"$VEKHA\" --now 2024-05-01T10:00:00Z submit {} --as d{} -d {} > /dev/null 2>>{} & ", task,
                          i, Quote(deployment), Quote(scratch.path() / "errors.txt"));
  }
  script += fmt::format("\"$VEKHA\" --now 2024-05-01 sync -d {} 2>>{} & ", Quote(deployment),
                        Quote(scratch.path() / "errors.txt"));
  script += fmt::format("\"$VEKHA\" --now 2024-05-01 tasks -d {} > /dev/null 2>>{} & wait", Quote(deployment),
                        Quote(scratch.path() / "errors.txt"));
  ASSERT_EQ(Shell(script).status, 0);
  std::string error_text = Shell("cat " + Quote((scratch.path() / "errors.txt").string())).out;
  EXPECT_THAT(error_text, Not(HasSubstr("locked")));
  EXPECT_THAT(error_text, Not(HasSubstr("error")));
  EXPECT_THAT(error_text, Not(HasSubstr("ошибка")));
  std::string database = deployment + "/vekha.sqlite3";
  EXPECT_EQ(Sql(database, "SELECT count(*) FROM tasks WHERE period_key = '2024-04' AND status = 'done'"), "20");
  EXPECT_EQ(Sql(database, "SELECT count(*) FROM audit_log WHERE event = 'submitted'"), "20");
  EXPECT_EQ(Vekha({"audit", "verify", "-d", deployment}).status, 0);
}

TEST(DurabilityTest, KillNineWhileMaterialisingLeavesAConsistentDatabase) {
  constexpr int kSchools = 1000;  // 100,000 tasks
  for (int attempt = 1; attempt <= 3; ++attempt) {
    ScratchDirectory scratch;
    std::string deployment = WriteLargeDeployment(scratch, kSchools);
    std::string database = deployment + "/vekha.sqlite3";
    // Start materialising; as soon as the first batch is committed, kill the process outright.
    Outcome killed = Shell(fmt::format(
        "\"$VEKHA\" --now 2024-05-01 sync -d {0} & pid=$!; "
        "until [ -s {1} ] && [ \"$(sqlite3 {1} 'SELECT count(*) FROM tasks' 2>/dev/null || echo 0)\" -gt 0 ]; do "
        "  kill -0 $pid 2>/dev/null || break; sleep 0.01; done; "
        "kill -9 $pid; wait $pid; true",
        Quote(deployment), Quote(database)));
    ASSERT_EQ(killed.status, 0) << killed.err;
    int materialised = std::stoi(Sql(database, "SELECT count(*) FROM tasks"));
    if (materialised == kSchools * 100) continue;  // finished before the kill landed: try again
    EXPECT_GT(materialised, 0);
    EXPECT_EQ(Sql(database, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Vekha({"audit", "verify", "-d", deployment}).status, 0);
    EXPECT_EQ(Sql(database, "SELECT count(*) FROM audit_log WHERE event = 'materialised'"),
              std::to_string(materialised));

    Outcome resumed = Vekha({"--now", "2024-05-01", "sync", "-d", deployment});
    ASSERT_EQ(resumed.status, 0) << resumed.err;
    EXPECT_THAT(resumed.err, HasSubstr(fmt::format("новых задач {}", kSchools * 100 - materialised)));
    EXPECT_EQ(Sql(database, "SELECT count(*) FROM tasks"), std::to_string(kSchools * 100));
    EXPECT_EQ(Sql(database, "SELECT count(DISTINCT roadmap || activity || organisation || period_key) FROM tasks"),
              std::to_string(kSchools * 100));
    EXPECT_EQ(Sql(database, "SELECT count(*) FROM audit_log WHERE event = 'materialised'"),
              std::to_string(kSchools * 100));
    EXPECT_EQ(Vekha({"audit", "verify", "-d", deployment}).status, 0);
    return;
  }
  FAIL() << "materialisation finished before the kill three times in a row";
}

// A disk that fills up mid-way (a file size limit, RLIMIT_FSIZE, stands in for it): the sync stops
// with a clear message, the database keeps every transaction that finished and nothing of the
// one that did not, and a sync with room again completes it.
TEST(DurabilityTest, AFullDiskStopsTheSyncCleanlyAndTheNextSyncCompletesIt) {
  constexpr int kSchools = 300;  // 30,000 tasks: some megabytes of database and log
  ScratchDirectory scratch;
  std::string deployment = WriteLargeDeployment(scratch, kSchools);
  std::string database = deployment + "/vekha.sqlite3";
  Outcome full = Shell(fmt::format("ulimit -f 4096; \"$VEKHA\" --now 2024-05-01 sync -d {}", Quote(deployment)));
  EXPECT_NE(full.status, 0);
  EXPECT_THAT(full.err, HasSubstr("диск заполнен или достигнут предел размера файла"));
  EXPECT_EQ(Sql(database, "PRAGMA integrity_check"), "ok");
  int materialised = std::stoi(Sql(database, "SELECT count(*) FROM tasks"));
  EXPECT_LT(materialised, kSchools * 100);
  EXPECT_EQ(Sql(database, "SELECT count(*) FROM audit_log WHERE event = 'materialised'"), std::to_string(materialised));
  EXPECT_EQ(Vekha({"audit", "verify", "-d", deployment}).status, 0);

  Outcome resumed = Vekha({"--now", "2024-05-01", "sync", "-d", deployment});
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_EQ(Sql(database, "SELECT count(*) FROM tasks"), std::to_string(kSchools * 100));
  EXPECT_EQ(Vekha({"audit", "verify", "-d", deployment}).status, 0);
}

// Another process holding the database's write lock (a backup, an operator's sqlite3) makes a
// delivery cycle wait for it, not fail.
TEST(DurabilityTest, ABusyDatabaseIsWaitedFor) {
  ScratchDirectory scratch;
  std::string deployment = WriteLargeDeployment(scratch, 5);
  std::string database = deployment + "/vekha.sqlite3";
  ASSERT_EQ(Vekha({"--now", "2024-05-01", "sync", "-d", deployment}).status, 0);
  Outcome waited = Shell(
      fmt::format("(printf 'BEGIN EXCLUSIVE;\\n.shell sleep 3\\nCOMMIT;\\n' | sqlite3 {0}) & sleep 0.5; "
                  "start=$(date +%s); \"$VEKHA\" --now 2024-05-02 deliver -d {1}; code=$?; end=$(date +%s); wait; "
                  "echo \"waited $((end - start)) exit $code\"",
                  Quote(database), Quote(deployment)));
  ASSERT_EQ(waited.status, 0) << waited.err;
  // It waited for the lock (three seconds, less the half second before it started) and succeeded.
  EXPECT_THAT(waited.out, testing::ContainsRegex("waited ([2-9]|[1-9][0-9]+) exit 0")) << waited.err;
  EXPECT_EQ(Sql(database, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace vekha::testing_support
