// TaskServiceTest: a TaskService on a real SQLite file in a temporary deployment with a fake
// clock, starting on 10 January 2022. Its roadmap (2021-06-01 … 2023-12-31) has a monitoring of
// both schools with deliverables, an analysis depending on it, measures due 10 working days after
// the analysis, an external ВПР activity and on-demand consultations.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "storage/evidence_store.h"
#include "storage/sqlite_task_store.h"
#include "tests/status_matchers.h"
#include "tests/workflows/test_deployment.h"
#include "workflows/audit_verifier.h"
#include "workflows/task_service.h"

namespace vekha::testing_support {

inline const char* kActivities =
    "    - id: monitoring\n"
    "      title: Мониторинг\n"
    "      timing: Ежегодно январь, май\n"
    "      responsible: [director]\n"
    "      for: {kind: school}\n"
    "      confirm: specialist@mku\n"
    "      deliverables:\n"
    "        - document: Аналитическая справка\n"
    "        - {indicator: Охват, unit: \"%\", target: 40}\n"
    "    - id: analysis\n"
    "      title: Анализ\n"
    "      timing: ежегодно февраль, июнь\n"
    "      responsible: [specialist@mku]\n"
    "      depends_on: [monitoring]\n"
    "    - id: measures\n"
    "      title: Меры\n"
    "      timing: {after: analysis, working_days: 10}\n"
    "      responsible: [specialist@mku]\n"
    "    - id: vpr\n"
    "      title: ВПР\n"
    "      timing: По графику проведения ВПР\n"
    "      responsible: [specialist@mku]\n"
    "    - id: consult\n"
    "      title: Консультации\n"
    "      timing: По запросу\n"
    "      responsible: [director]\n"
    "      for: {kind: school}\n";

class TaskServiceTest : public testing::Test {
 protected:
  TaskServiceTest() {
    deployment_files_.WriteRoadmap(kActivities);
    Reload();
  }

  // (Re)loads the YAML and reopens the store, as a new `vekha` process would.
  void Reload() {
    service_.reset();
    Diagnostics diagnostics;
    LoadResult loaded = LoadDeployment(deployment_files_.path(), diagnostics);
    ASSERT_TRUE(loaded.deployment) << deployment_files_.Check(diagnostics);
    deployment_ = std::move(*loaded.deployment);
    Status status;
    store_ = storage::OpenSqliteTaskStore(deployment_files_.File("vekha.sqlite3"), clock_, status);
    ASSERT_TRUE(store_) << status.message();
    service_ = std::make_unique<TaskService>(deployment_, *store_, evidence_, clock_, /*batch_size=*/7);
  }

  SyncSummary Sync() {
    SyncSummary summary;
    Status status = service_->Sync(summary);
    EXPECT_THAT(status, IsOk()) << status.message();
    return summary;
  }

  void At(int year, int month, int day) {
    clock_.Set(std::chrono::sys_days{MakeDate(year, month, day)} + std::chrono::hours(9));
  }

  std::string Id(const std::string& activity, const std::string& organisation, const std::string& key) {
    return TaskIdFor("test", activity, organisation, key);
  }

  TaskRecord Get(const std::string& id) {
    TaskRecord task;
    EXPECT_THAT(service_->Resolve(id, task), IsOk());
    return task;
  }

  std::string File(const std::string& name, const std::string& contents) {
    std::string path = deployment_files_.File(name);
    std::ofstream(path) << contents;
    return path;
  }

  int64_t AuditEvents() {
    AuditVerification verification;
    EXPECT_THAT(VerifyAuditChain(*store_, verification), IsOk());
    EXPECT_TRUE(verification.intact()) << verification.reason;
    return verification.events;
  }

  TempDeployment deployment_files_;
  FakeClock clock_{std::chrono::sys_days{MakeDate(2022, 1, 10)}};
  storage::EvidenceStore evidence_{deployment_files_.File("evidence"), 1 << 20};
  Deployment deployment_;
  std::unique_ptr<TaskStore> store_;
  std::unique_ptr<TaskService> service_;
};

}  // namespace vekha::testing_support
