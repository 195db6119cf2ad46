// Occurrence expansion of structured timings: the features phrases cannot express and the rules
// of docs/timing.md, «The occurrence model» and «Years, working days and time zones» (overlap with the period, academic
// years, no clipping).
#include "engine/occurrences.h"

#include <gtest/gtest.h>

namespace vekha {
namespace {

ExpansionContext Context(const char* from, const char* to, YearType year = YearType::kCalendar) {
  ExpansionContext context;
  context.from = *ParseIsoDate(from);
  context.to = *ParseIsoDate(to);
  context.year_type = year;
  return context;
}

std::vector<std::string> Keys(const Expansion& expansion) {
  std::vector<std::string> keys;
  for (const Occurrence& occurrence : expansion.occurrences) keys.push_back(occurrence.key);
  return keys;
}

TEST(OccurrencesTest, AYearlyKeyNamesItsCalendarOrAcademicYear) {
  EXPECT_EQ(YearSpanOfKey("2022"), (std::pair{MakeDate(2022, 1, 1), MakeDate(2022, 12, 31)}));
  EXPECT_EQ(YearSpanOfKey("2022/23"), (std::pair{MakeDate(2022, 9, 1), MakeDate(2023, 8, 31)}));
  EXPECT_EQ(YearSpanOfKey("1999/00"), (std::pair{MakeDate(1999, 9, 1), MakeDate(2000, 8, 31)}));
  for (const char* other : {"once", "2022-03", "2022-Q1", "2022/24", "2022-H1", "22", ""}) {
    EXPECT_FALSE(YearSpanOfKey(other)) << other;
  }
}

TEST(OccurrencesTest, AcademicYearsPlaceMonthsAfterSeptemberInTheNextCalendarYear) {
  TimingSpec spec;
  spec.repeat = Repeat::kYearly;
  spec.months = {1, 10};
  Expansion expansion = ExpandTiming(spec, Context("2022-09-01", "2023-08-31", YearType::kAcademic));
  ASSERT_EQ(Keys(expansion), (std::vector<std::string>{"2022-10", "2023-01"}));
}

TEST(OccurrencesTest, AcademicYearlyWindowsAndDatesUseTheAcademicKey) {
  TimingSpec window;
  window.repeat = Repeat::kYearly;
  window.window = MonthWindow{11, 4};
  Expansion expansion = ExpandTiming(window, Context("2022-09-01", "2024-08-31", YearType::kAcademic));
  ASSERT_EQ(Keys(expansion), (std::vector<std::string>{"2022/23", "2023/24"}));
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2022, 11, 1));
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 4, 30));

  TimingSpec by;
  by.repeat = Repeat::kYearly;
  by.by = MonthDay{8, 10};
  expansion = ExpandTiming(by, Context("2022-09-01", "2023-08-31", YearType::kAcademic));
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].key, "2022/23");
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2022, 9, 1));
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 8, 10));
}

TEST(OccurrencesTest, AcademicHalvesRunSeptemberToFebruaryAndMarchToAugust) {
  TimingSpec spec;
  spec.repeat = Repeat::kYearly;
  spec.half = 2;
  Expansion expansion = ExpandTiming(spec, Context("2022-09-01", "2023-08-31", YearType::kAcademic));
  ASSERT_EQ(Keys(expansion), (std::vector<std::string>{"2022/23-H2"}));
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2023, 3, 1));
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 8, 31));
}

TEST(OccurrencesTest, ReportsOnTheLastQuarterAreKeptThoughDueAfterThePeriod) {
  TimingSpec spec;
  spec.repeat = Repeat::kQuarterly;
  spec.due_day = 15;
  spec.report = true;
  Expansion expansion = ExpandTiming(spec, Context("2021-06-01", "2023-12-31"));
  ASSERT_EQ(expansion.occurrences.size(), 11u);  // 2021-Q2 … 2023-Q4
  EXPECT_EQ(expansion.occurrences.front().key, "2021-Q2");
  EXPECT_EQ(expansion.occurrences.back().key, "2023-Q4");
  EXPECT_EQ(expansion.occurrences.back().due, MakeDate(2024, 1, 15));
}

TEST(OccurrencesTest, MonthlyDueDayIsClampedToShortMonths) {
  TimingSpec spec;
  spec.repeat = Repeat::kMonthly;
  spec.due_day = 31;
  Expansion expansion = ExpandTiming(spec, Context("2023-02-01", "2023-02-28"));
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 2, 28));
}

TEST(OccurrencesTest, MonthlyReportsOpenAndFallDueInTheNextMonth) {
  TimingSpec spec;
  spec.repeat = Repeat::kMonthly;
  spec.due_day = 5;
  spec.report = true;
  Expansion expansion = ExpandTiming(spec, Context("2022-12-01", "2022-12-31"));
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].key, "2022-12");
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2023, 1, 1));
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 1, 5));
  EXPECT_EQ(expansion.occurrences[0].effective_due, MakeDate(2023, 1, 9));
}

TEST(OccurrencesTest, LeadDaysOpenTheTaskBeforeItsDeadline) {
  TimingSpec spec;
  spec.repeat = Repeat::kYearly;
  spec.by = MonthDay{8, 10};
  spec.lead_days = 14;
  Expansion expansion = ExpandTiming(spec, Context("2022-01-01", "2022-12-31"));
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2022, 7, 27));
}

TEST(OccurrencesTest, PerActivityShiftPolicyOverridesTheRoadmaps) {
  TimingSpec spec;
  spec.repeat = Repeat::kOnce;
  spec.due = MakeDate(2021, 12, 31);
  spec.shift = ShiftPolicy::kPrevious;
  Expansion expansion = ExpandTiming(spec, Context("2021-01-01", "2021-12-31"));
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].effective_due, MakeDate(2021, 12, 30));
}

TEST(OccurrencesTest, RelativeDeadlinesFollowThePredecessorInWorkingDays) {
  std::vector<Occurrence> predecessor = {
      {"2022-12", MakeDate(2022, 12, 1), MakeDate(2022, 12, 1), MakeDate(2022, 12, 1)}};
  TimingSpec spec;
  spec.after = RelativeDeadline{"analysis", 30, true};
  Expansion expansion = ExpandTiming(spec, Context("2022-01-01", "2022-12-31"), &predecessor);
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].key, "2022-12");
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 1, 19));
}

TEST(OccurrencesTest, SinceDropsPeriodsBeforeTheFirstOne) {
  TimingSpec spec;
  spec.repeat = Repeat::kYearly;
  spec.months = {5};
  spec.since = YearMonth{2022, 5};
  Expansion expansion = ExpandTiming(spec, Context("2021-01-01", "2023-12-31"));
  EXPECT_EQ(Keys(expansion), (std::vector<std::string>{"2022-05", "2023-05"}));
}

TEST(OccurrencesTest, WarnsWhenAOnceTimingMissesThePeriod) {
  TimingSpec spec;
  spec.repeat = Repeat::kOnce;
  spec.year = 2021;
  Expansion expansion = ExpandTiming(spec, Context("2022-01-01", "2024-12-31"));
  EXPECT_TRUE(expansion.occurrences.empty());
  ASSERT_EQ(expansion.warnings.size(), 1u);
  EXPECT_NE(expansion.warnings[0].find("ни один срок не попадает в период"), std::string::npos);
}

TEST(OccurrencesTest, ReportsYearsBeyondTheProductionCalendar) {
  TimingSpec spec;
  spec.repeat = Repeat::kYearly;
  spec.months = {3};
  Expansion expansion = ExpandTiming(spec, Context("2027-01-01", "2029-12-31"));
  EXPECT_EQ(expansion.uncovered_years, (std::vector<int>{2028, 2029}));
  // Outside the calendar only weekends are days off: 2028-10-29 is a Sunday.
  TimingSpec october;
  october.repeat = Repeat::kOnce;
  october.due = MakeDate(2028, 10, 29);
  expansion = ExpandTiming(october, Context("2028-01-01", "2028-12-31"));
  EXPECT_EQ(expansion.occurrences[0].effective_due, MakeDate(2028, 10, 30));
}

TEST(OccurrencesTest, OnDemandHasNoOccurrences) {
  TimingSpec spec;
  spec.repeat = Repeat::kOnDemand;
  EXPECT_TRUE(ExpandTiming(spec, Context("2022-01-01", "2022-12-31")).occurrences.empty());
}

}  // namespace
}  // namespace vekha
