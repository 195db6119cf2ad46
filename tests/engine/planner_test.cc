// The planner: fan-out to organisations, responsible people by role, deadlines in the
// organisation's time zone, filters.
#include "engine/planner.h"

#include <gtest/gtest.h>

#include "tests/workflows/test_deployment.h"

namespace vekha {
namespace {

using testing_support::TempDeployment;

Deployment Load(const TempDeployment& deployment) {
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(deployment.path(), diagnostics);
  EXPECT_TRUE(loaded.deployment) << deployment.Check(diagnostics);
  return loaded.deployment ? std::move(*loaded.deployment) : Deployment{};
}

TEST(PlannerTest, FansOutOneTaskPerSchoolWithItsDirector) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: heads, title: Положение, timing: в срок до 10.09.2021 года, responsible: [director], for: {kind: "
      "school}}\n");
  Deployment loaded = Load(deployment);
  std::vector<PlannedTask> tasks = PlanTasks(loaded, {});
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].organisation->id, "school-1");
  ASSERT_EQ(tasks[0].responsible.size(), 1u);
  EXPECT_EQ(tasks[0].responsible[0]->id, "petrov");
  EXPECT_EQ(tasks[1].responsible[0]->id, "sidorova");
  EXPECT_EQ(tasks[0].occurrence.due, MakeDate(2021, 9, 10));
}

TEST(PlannerTest, DeadlineIsTheEndOfTheDayInTheOrganisationsZone) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: heads, title: Положение, timing: в срок до 10.09.2021 года, responsible: [director], for: {kind: "
      "school}}\n");
  Deployment loaded = Load(deployment);
  std::vector<PlannedTask> tasks = PlanTasks(loaded, {});
  ASSERT_EQ(tasks.size(), 2u);
  using std::chrono::sys_days;
  // school-1 follows the deployment (Europe/Moscow, UTC+3); school-2 is in Asia/Novokuznetsk (UTC+7).
  EXPECT_EQ(*tasks[0].deadline, sys_days{MakeDate(2021, 9, 10)} + std::chrono::hours(21));
  EXPECT_EQ(*tasks[1].deadline, sys_days{MakeDate(2021, 9, 10)} + std::chrono::hours(17));
}

TEST(PlannerTest, ReportsRolesNobodyHolds) {
  TempDeployment deployment;
  deployment.Write("people.yaml", "people:\n  - {id: ivanova, name: Иванова И.И., roles: [specialist@mku]}\n");
  deployment.WriteRoadmap(
      "    - {id: a, title: A, timing: Июнь 2021, responsible: [director, specialist@mku], for: {tags: [500plus]}}\n");
  Deployment loaded = Load(deployment);
  std::vector<PlannedTask> tasks = PlanTasks(loaded, {});
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].organisation->id, "school-1");
  EXPECT_EQ(tasks[0].unassigned, (std::vector<std::string>{"director"}));
  ASSERT_EQ(tasks[0].responsible.size(), 1u);
  EXPECT_EQ(tasks[0].responsible[0]->id, "ivanova");
}

TEST(PlannerTest, FiltersByRangePersonAndOrganisation) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: monthly, title: Визит, timing: Ежемесячно, responsible: [director], for: {kind: school}}\n"
      "    - {id: always, title: Сайт, timing: Постоянно, responsible: [specialist@mku]}\n");
  Deployment loaded = Load(deployment);
  PlanFilter filter;
  filter.from = MakeDate(2022, 3, 1);
  filter.to = MakeDate(2022, 3, 31);
  EXPECT_EQ(PlanTasks(loaded, filter).size(), 3u);  // two schools' March visit, the continuous duty
  filter.person = "petrov";
  std::vector<PlannedTask> tasks = PlanTasks(loaded, filter);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].occurrence.key, "2022-03");
  filter.person.clear();
  filter.organisation = "mku";
  tasks = PlanTasks(loaded, filter);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].occurrence.key, "continuous");
}

TEST(PlannerTest, RelativeDeadlinesFollowThePredecessor) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: analysis, title: Анализ, timing: Декабрь 2022, responsible: [specialist@mku]}\n"
      "    - {id: measures, title: Меры, timing: {after: analysis, working_days: 30}, responsible: "
      "[specialist@mku]}\n");
  Deployment loaded = Load(deployment);
  PlanFilter filter;
  filter.roadmap = "test";
  std::vector<PlannedTask> tasks = PlanTasks(loaded, filter);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1].activity->id, "measures");
  // December 2022 ends on Saturday the 31st: due Monday 9 January 2023, then 30 working days.
  EXPECT_EQ(tasks[0].occurrence.effective_due, MakeDate(2023, 1, 9));
  EXPECT_EQ(tasks[1].occurrence.due, MakeDate(2023, 2, 20));
}

}  // namespace
}  // namespace vekha
