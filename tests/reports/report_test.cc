// The implementation report over a real store: tasks handed in on time and late (delays in
// working days of the production calendar), overdue, waived and open; indicator values against
// their targets in the indicator's direction; options naming unknown things refused.
#include "reports/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/render.h"
#include "tests/status_matchers.h"
#include "tests/workflows/task_service_fixture.h"

namespace vekha::testing_support {
namespace {

using reports::Outcome;
using testing::HasSubstr;

class ReportTest : public TaskServiceTest {
 protected:
  void Submit(const std::string& task, const std::string& person, const std::string& coverage) {
    SubmitRequest request{task, person, {{"1", File(person + ".pdf", "справка")}}, {{"Охват", coverage}}, ""};
    ASSERT_THAT(service_->Submit(request), IsOk());
  }
  void Confirm(const std::string& task) { ASSERT_THAT(service_->Confirm(task, "ivanova"), IsOk()); }
  reports::Report Build(const reports::ReportOptions& options) {
    reports::Report report;
    Status status = reports::BuildReport(deployment_, *store_, options, report);
    EXPECT_THAT(status, IsOk()) << status.message();
    return report;
  }
};

TEST_F(ReportTest, EachTaskOfThePeriodCountsInOneColumn) {
  Sync();
  std::string school_1 = Id("monitoring", "school-1", "2022-01");
  std::string school_2 = Id("monitoring", "school-2", "2022-01");
  ASSERT_EQ(Get(school_1).effective_due, MakeDate(2022, 1, 31));
  At(2022, 1, 20);
  Submit(school_1, "petrov", "45");
  At(2022, 1, 21);
  Confirm(school_1);
  // Three working days late: 1, 2 and 3 February.
  At(2022, 2, 3);
  Submit(school_2, "sidorova", "31,5");
  At(2022, 2, 4);
  Confirm(school_2);
  // The ВПР is dated for 15 February, then waived.
  std::string vpr = Id("vpr", "mku", "once");
  ASSERT_THAT(service_->SetDate(vpr, "ivanova", MakeDate(2022, 2, 15), std::nullopt), IsOk());
  ASSERT_THAT(service_->Waive(vpr, "ivanova", "перенесено"), IsOk());
  At(2022, 3, 4);
  Sync();

  reports::Report report =
      Build({MakeDate(2022, 1, 1), MakeDate(2022, 2, 28), MakeDate(2022, 3, 4), "", "", "", "", {}});
  EXPECT_EQ(report.total.on_time, 1);
  EXPECT_EQ(report.total.late, 1);
  EXPECT_EQ(report.total.waived, 1);
  // The February analysis (due 28 February) waits past its deadline: 1, 2, 3 and 4 March.
  EXPECT_EQ(report.total.overdue, 1);
  EXPECT_EQ(report.total.worst_delay_days, 3);
  EXPECT_DOUBLE_EQ(report.total.AverageDelay(), 3.0);
  ASSERT_TRUE(report.total.OnTimeRate());
  EXPECT_DOUBLE_EQ(*report.total.OnTimeRate(), 1.0 / 3.0);
  for (const reports::TaskLine& line : report.tasks) {
    if (line.task.id == school_2) {
      EXPECT_EQ(line.outcome, Outcome::kLate);
      EXPECT_EQ(line.handed_in, MakeDate(2022, 2, 3));
    }
    if (line.task.activity == "analysis") {
      EXPECT_EQ(line.outcome, Outcome::kOverdue);
      EXPECT_EQ(line.delay_days, 4);
    }
  }
  // One line per activity and organisation, in the roadmap's order.
  ASSERT_GE(report.activities.size(), 3u);
  EXPECT_EQ(report.activities[0].activity, "monitoring");
  EXPECT_EQ(report.activities[0].organisation, "school-1");
  EXPECT_EQ(report.activities[1].organisation, "school-2");
  EXPECT_EQ(report.activities[1].tally.late, 1);

  // Both values reported; the target (40 %, higher is better) is met by one.
  ASSERT_EQ(report.indicators.size(), 2u);
  EXPECT_EQ(report.indicators[0].value, 45);
  EXPECT_EQ(report.indicators[0].Met(), true);
  EXPECT_EQ(report.indicators[1].value, 31.5);
  EXPECT_EQ(report.indicators[1].Met(), false);
  EXPECT_EQ(report.indicators[1].reported_on, MakeDate(2022, 2, 3));

  // One organisation only.
  reports::Report school =
      Build({MakeDate(2022, 1, 1), MakeDate(2022, 2, 28), MakeDate(2022, 3, 4), "", "school-2", "", "", {}});
  EXPECT_EQ(school.total.total(), 1);
  EXPECT_EQ(school.total.late, 1);
}

TEST(ReportFiguresTest, LowerIsBetterTargetsAreMetFromBelow) {
  reports::IndicatorLine share;
  share.indicator = "Доля детей, не обеспеченных местами";
  share.value = 4;
  share.target = 5;
  share.lower_is_better = true;
  EXPECT_EQ(share.Met(), true);
  share.value = 6;
  EXPECT_EQ(share.Met(), false);
  share.target.reset();
  EXPECT_FALSE(share.Met());
}

TEST(ReportFiguresTest, TheOnTimeRateCountsOnlySettledTasks) {
  reports::Tally tally;
  tally.on_time = 3;
  tally.late = 1;
  tally.waived = 5;
  tally.open = 7;
  EXPECT_DOUBLE_EQ(*tally.OnTimeRate(), 0.75);
  EXPECT_EQ(tally.total(), 16);
  EXPECT_FALSE(reports::Tally{}.OnTimeRate());
}

TEST_F(ReportTest, UnknownRoadmapsOrganisationsAndSignatoriesAreRefused) {
  Sync();
  reports::Report report;
  reports::ReportOptions options{
      MakeDate(2022, 1, 1), MakeDate(2022, 12, 31), MakeDate(2022, 3, 1), "nope", "", "", "", {}};
  EXPECT_THAT(reports::BuildReport(deployment_, *store_, options, report).message(),
              HasSubstr("нет дорожной карты «nope»"));
  options.roadmap = "";
  options.organisation = "school-9";
  EXPECT_THAT(reports::BuildReport(deployment_, *store_, options, report).message(),
              HasSubstr("нет организации «school-9»"));
  options.organisation = "";
  options.signatory = "nobody";
  EXPECT_THAT(reports::BuildReport(deployment_, *store_, options, report).message(),
              HasSubstr("нет человека «nobody»"));
  options.signatory = "ivanova";
  ASSERT_THAT(reports::BuildReport(deployment_, *store_, options, report), IsOk());
  EXPECT_EQ(report.signatory->name, "Иванова И.И.");
}

// The «Исполнитель» line: the roadmap's coordinator by default, with their phone; another person
// by --executor; nobody unknown.
TEST_F(ReportTest, TheExecutorIsNamedWithTheirPhone) {
  deployment_files_.Write(
      "people.yaml",
      "people:\n"
      "  - {id: ivanova, name: Иванова И.И., phone: \"+7 (81556) 3-12-45\", roles: [specialist@mku]}\n"
      "  - {id: petrov, name: Петров П.П., email: petrov@example.org, roles: [director@school-1]}\n"
      "  - {id: sidorova, name: Сидорова С.С., roles: [director@school-2]}\n");
  Reload();
  Sync();
  reports::Report report;
  reports::ReportOptions options;
  options.from = MakeDate(2022, 1, 1);
  options.to = MakeDate(2022, 12, 31);
  options.as_of = MakeDate(2022, 3, 1);
  ASSERT_THAT(reports::BuildReport(deployment_, *store_, options, report), IsOk());
  EXPECT_EQ(reports::ExecutorText(report), "Исполнитель: Иванова И.И., тел. +7 (81556) 3-12-45");
  EXPECT_THAT(reports::RenderHtml(report), HasSubstr("Исполнитель: Иванова И.И., тел. +7 (81556) 3-12-45"));
  options.executor = "petrov";
  ASSERT_THAT(reports::BuildReport(deployment_, *store_, options, report), IsOk());
  EXPECT_EQ(reports::ExecutorText(report), "Исполнитель: Петров П.П., petrov@example.org");
  options.executor = "nobody";
  EXPECT_THAT(reports::BuildReport(deployment_, *store_, options, report).message(),
              HasSubstr("нет человека «nobody»"));
}

TEST_F(ReportTest, TheLayoutsCarryTheSameFigures) {
  Sync();
  reports::Report report =
      Build({MakeDate(2022, 1, 1), MakeDate(2022, 2, 28), MakeDate(2022, 3, 4), "", "", "", "", {}});
  std::string csv = reports::RenderCsv(report);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF")) << "Excel needs the BOM to read UTF-8";
  EXPECT_THAT(csv, HasSubstr("Итого,,"));
  std::string html = reports::RenderHtml(report);
  EXPECT_THAT(html, HasSubstr("@page { size: A4"));
  EXPECT_THAT(html, HasSubstr("за период с 01.01.2022 по 28.02.2022"));
  EXPECT_THAT(reports::RenderJson(report), HasSubstr("\"overdue\": " + std::to_string(report.total.overdue)));
}

}  // namespace
}  // namespace vekha::testing_support
