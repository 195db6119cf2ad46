#include "runtime/simulation.h"

#include <gmock/gmock.h>

#include "tests/runtime/runtime_fixture.h"

namespace vekha::testing_support {
namespace {

using testing::ElementsAre;
using testing::Pair;

class SimulationTest : public RuntimeTest {};

std::vector<std::string> KindsAndRules(const runtime::SimulationResult& result) {
  std::vector<std::string> lines;
  for (const runtime::TimelineEntry& entry : result.timeline) {
    lines.push_back(entry.at.substr(0, 10) + " " + entry.kind + (entry.rule.empty() ? "" : " " + entry.rule));
  }
  return lines;
}

TEST_F(SimulationTest, TheEngineRunsDayByDayOnTheVirtualClock) {
  std::unique_ptr<runtime::Engine> engine = OpenEngine();
  ASSERT_NE(engine, nullptr);
  Result<runtime::SimulationResult> result =
      runtime::Simulate(*engine->workspace, clock_, nullptr, MakeDate(2022, 2, 14), MakeDate(2022, 3, 1));
  ASSERT_THAT(result.status(), IsOk());
  // Instants are UTC: Moscow's midnight is 21:00 the day before.
  EXPECT_THAT(KindsAndRules(*result), ElementsAre("2022-02-13 opened",                        // the February analysis
                                                  "2022-02-15 reminded reminder-7",           // 7 working days before
                                                  "2022-02-15 sent",                          //
                                                  "2022-02-24 reminded reminder-1",           // Friday 25th
                                                  "2022-02-24 sent",                          //
                                                  "2022-02-27 reminded due-today",            // Monday 28th
                                                  "2022-02-27 sent",                          //
                                                  "2022-02-28 reminded overdue-responsible",  // 1 March
                                                  "2022-02-28 sent",                          //
                                                  "2022-02-28 overdue"));
  EXPECT_EQ(result->wakes, 16);  // one a day: the dry-run channels send at once
  EXPECT_THAT(result->totals, testing::Contains(Pair("sent", 4)));
}

TEST_F(SimulationTest, AStoreFailureStopsTheSimulationWithItsStatus) {
  std::unique_ptr<runtime::Engine> engine = OpenEngine();
  ASSERT_NE(engine, nullptr);
  store_->FailCommits(Status::Unavailable("disk full"));
  Result<runtime::SimulationResult> result =
      runtime::Simulate(*engine->workspace, clock_, nullptr, MakeDate(2022, 2, 14), MakeDate(2022, 3, 1));
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(result.status().message(), "disk full");
}

}  // namespace
}  // namespace vekha::testing_support
