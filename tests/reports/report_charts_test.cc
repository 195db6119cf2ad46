// The report's charts: bars proportional to the tallies with the same facts in words, every month
// of the period in the columns, targets drawn only where they are numbers.
#include "reports/report_charts.h"

#include <gmock/gmock.h>

#include "reports/render.h"

namespace vekha::reports {
namespace {

using testing::HasSubstr;
using testing::Not;

Tally MakeTally(int on_time, int late, int overdue, int open = 0) {
  Tally tally;
  tally.on_time = on_time;
  tally.late = late;
  tally.overdue = overdue;
  tally.open = open;
  return tally;
}

TEST(ReportChartsTest, ABarSplitsTheSettledTasksAndSaysSoInWords) {
  std::string chart =
      OnTimeChart("По школам", {{"school-1", "Школа № 1", "/history?organisation=school-1", MakeTally(6, 1, 1, 5)},
                                {"school-2", "Школа <2>", "", MakeTally(0, 0, 0, 3)}});
  EXPECT_THAT(chart, HasSubstr(R"(<rect x="0.00" y="0" width="75.00" height="10")"));
  EXPECT_THAT(chart, HasSubstr(R"(<rect x="75.00" y="0" width="12.50")"));
  EXPECT_THAT(chart, HasSubstr("<strong>75 %</strong>"));
  EXPECT_THAT(chart, HasSubstr("в срок 6 из 8, просрочено 1"));
  EXPECT_THAT(chart, HasSubstr(R"(aria-label="Школа № 1: в срок 6, с опозданием 1, просрочено 1")"));
  EXPECT_THAT(chart, HasSubstr(R"(<a href="/history?organisation=school-1">Школа № 1</a>)"));
  EXPECT_THAT(chart, HasSubstr("Школа &lt;2&gt;"));
  EXPECT_THAT(chart, HasSubstr("сроки ещё не наступили"));
  EXPECT_THAT(chart, Not(HasSubstr("<2>")));
}

TEST(ReportChartsTest, TheMonthsCoverThePeriodAndCountByDeadline) {
  Report report;
  report.options.from = MakeDate(2021, 11, 15);
  report.options.to = MakeDate(2022, 2, 10);
  auto line = [](int year, int month, Outcome outcome) {
    TaskLine task;
    task.task.effective_due = MakeDate(year, month, 10);
    task.outcome = outcome;
    return task;
  };
  report.tasks = {line(2021, 11, Outcome::kOnTime), line(2022, 1, Outcome::kLate), line(2022, 1, Outcome::kOverdue),
                  line(2022, 2, Outcome::kOpen)};
  std::vector<MonthTally> months = TallyByMonth(report);
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[0].month, 11);
  EXPECT_EQ(months[0].tally.on_time, 1);
  EXPECT_EQ(months[1].tally.total(), 0);
  EXPECT_EQ(months[2].year, 2022);
  EXPECT_EQ(months[2].tally.late, 1);
  EXPECT_EQ(months[2].tally.overdue, 1);
  EXPECT_EQ(months[3].tally.open, 1);
  std::string chart = MonthlyChart("Задачи", months);
  EXPECT_THAT(chart, HasSubstr("<th scope=\"row\">янв 2022</th><td>0</td><td>1</td><td>1</td><td>0</td>"));
  EXPECT_THAT(chart, HasSubstr(R"(class="year">2022</text>)"));
  EXPECT_THAT(chart, HasSubstr(R"(role="img")"));
}

TEST(ReportChartsTest, TargetsAreDrawnWhenTheyAreNumbers) {
  TargetLine met{"reach", "Охват", "%", "", "", 2022, 40.0, false, false, 46.5, "met", "достигнут", true};
  TargetLine dynamics{"growth", "Рост", "", "", "", 2022, std::nullopt, true, false, 3.0, "met", "достигнут", true};
  std::string chart = TargetChart("Показатели", {met, dynamics}, 10);
  EXPECT_THAT(chart, HasSubstr("факт 46,5 % · цель 40 % — достигнут"));
  EXPECT_THAT(chart, Not(HasSubstr("Рост")));
  EXPECT_EQ(TargetChart("Показатели", {dynamics}, 10), "");
  EXPECT_THAT(TargetChart("Показатели", {met, met, met}, 1), HasSubstr("И ещё 2 значения"));
}

TEST(ReportChartsTest, NumbersAreWrittenWithADecimalComma) {
  EXPECT_EQ(NumberText(46.5), "46,5");
  EXPECT_EQ(NumberText(40), "40");
  EXPECT_EQ(NumberText(88.888), "88,89");
  EXPECT_EQ(NumberText(-0.001), "0");
}

}  // namespace
}  // namespace vekha::reports
