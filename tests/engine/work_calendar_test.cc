#include "engine/work_calendar.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/status_matchers.h"

namespace vekha {
namespace {

const WorkCalendar& Russia() { return WorkCalendar::RussianBuiltin(); }

TEST(WorkCalendarTest, BuiltinCoversTheRussianProductionCalendar2013To2027) {
  EXPECT_EQ(Russia().FirstCoveredYear(), 2013);
  EXPECT_EQ(Russia().LastCoveredYear(), 2027);
}

TEST(WorkCalendarTest, KnowsTransferredDaysOffAndHolidays) {
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2021, 12, 31)));  // a Friday made a day off
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2023, 2, 24)));   // a Friday after 23 February
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2022, 1, 7)));    // Christmas
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2022, 6, 13)));   // transferred from 12 June
  EXPECT_TRUE(Russia().IsWorkingDay(MakeDate(2022, 6, 14)));
}

TEST(WorkCalendarTest, KnowsWorkingSaturdays) {
  EXPECT_TRUE(Russia().IsWorkingDay(MakeDate(2021, 2, 20)));  // t="2": shortened working Saturday
  EXPECT_TRUE(Russia().IsWorkingDay(MakeDate(2024, 4, 27)));  // t="3": working Saturday
  EXPECT_TRUE(Russia().IsWorkingDay(MakeDate(2024, 12, 28)));
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2021, 2, 27)));  // an ordinary Saturday
}

TEST(WorkCalendarTest, ShiftPolicyMovesDeadlinesOffDaysOff) {
  Date new_year_eve = MakeDate(2021, 12, 31);
  EXPECT_EQ(Russia().Shift(new_year_eve, ShiftPolicy::kNext), MakeDate(2022, 1, 10));
  EXPECT_EQ(Russia().Shift(new_year_eve, ShiftPolicy::kPrevious), MakeDate(2021, 12, 30));
  EXPECT_EQ(Russia().Shift(new_year_eve, ShiftPolicy::kNone), new_year_eve);
  EXPECT_EQ(Russia().Shift(MakeDate(2022, 3, 31), ShiftPolicy::kNext), MakeDate(2022, 3, 31));
}

TEST(WorkCalendarTest, CountsWorkingDays) {
  // 30 working days after 1 December 2022: January 2023 holidays are skipped.
  EXPECT_EQ(Russia().AddWorkingDays(MakeDate(2022, 12, 1), 30), MakeDate(2023, 1, 19));
  // And back over the holidays of 1-8 January 2023: 10 January, 9 January, 30 December.
  EXPECT_EQ(Russia().AddWorkingDays(MakeDate(2023, 1, 10), -2), MakeDate(2022, 12, 30));
  // From a day off, counting starts at the last working day before it (30 December).
  EXPECT_EQ(Russia().AddWorkingDays(MakeDate(2023, 1, 7), -1), MakeDate(2022, 12, 29));
  EXPECT_EQ(Russia().WorkingDaysBetween(MakeDate(2022, 12, 30), MakeDate(2023, 1, 10)), 2);
  EXPECT_EQ(Russia().WorkingDaysBetween(MakeDate(2023, 1, 10), MakeDate(2022, 12, 30)), -2);
}

// Counted day by day, the definition WorkingDaysBetween computes faster.
int CountWorkingDays(const WorkCalendar& calendar, Date from, Date to) {
  int sign = DaysBetween(from, to) >= 0 ? 1 : -1;
  if (sign < 0) std::swap(from, to);
  int count = 0;
  for (Date day = AddDays(from, 1); DaysBetween(day, to) >= 0; day = AddDays(day, 1))
    count += calendar.IsWorkingDay(day);
  return sign * count;
}

TEST(WorkCalendarTest, CountsWorkingDaysAsADayByDayCountWouldInAndOutsideItsYears) {
  // Pairs across covered years (2013-2027), leap years, and uncovered ones on both sides.
  std::mt19937 random(7);
  std::uniform_int_distribution<int> offset(0, 18 * 366);
  Date origin = MakeDate(2011, 1, 1);
  for (int trial = 0; trial < 2000; ++trial) {
    Date from = AddDays(origin, offset(random));
    Date to = AddDays(from, offset(random) % 900 - 450);
    ASSERT_EQ(Russia().WorkingDaysBetween(from, to), CountWorkingDays(Russia(), from, to))
        << FormatIsoDate(from) << " .. " << FormatIsoDate(to);
  }
}

TEST(WorkCalendarTest, FallsBackToWeekendsOutsideItsYears) {
  EXPECT_FALSE(Russia().Covers(2028));
  EXPECT_TRUE(Russia().IsWorkingDay(MakeDate(2028, 1, 3)));  // no data: a plain Monday
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2028, 1, 1)));
}

// The government's calendar for 2027 (decree of September 2026): the transfers only it knows.
TEST(WorkCalendarTest, KnowsTheOfficialTransfersOf2027) {
  EXPECT_TRUE(Russia().Covers(2027));
  EXPECT_TRUE(Russia().IsWorkingDay(MakeDate(2027, 2, 20)));    // a working Saturday
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2027, 2, 22)));   // its Monday off
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2027, 11, 5)));   // moved from 2 January
  EXPECT_FALSE(Russia().IsWorkingDay(MakeDate(2027, 12, 31)));  // moved from 3 January
  EXPECT_EQ(Russia().Shift(MakeDate(2027, 12, 31), ShiftPolicy::kNext), MakeDate(2028, 1, 3));
}

TEST(WorkCalendarTest, ADeploymentCanAddAYear) {
  WorkCalendar calendar = Russia();
  Status status = calendar.AddXmlCalendar(
      R"(<?xml version="1.0"?><calendar year="2028"><days><day d="01.03" t="1"/><day d="01.08" t="3"/></days></calendar>)",
      "calendar-2028.xml");
  ASSERT_THAT(status, IsOk()) << status.message();
  EXPECT_TRUE(calendar.Covers(2028));
  EXPECT_FALSE(calendar.IsWorkingDay(MakeDate(2028, 1, 3)));
  EXPECT_TRUE(calendar.IsWorkingDay(MakeDate(2028, 1, 8)));  // a working Saturday
}

TEST(WorkCalendarTest, RejectsBrokenCalendarsWithTheirPosition) {
  WorkCalendar calendar;
  SourcePosition where;
  Status status =
      calendar.AddXmlCalendar("<calendar year=\"2027\">\n  <day d=\"02.30\" t=\"1\"/>\n</calendar>", "bad.xml", &where);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(where.file, "bad.xml");
  EXPECT_EQ(where.line, 2);
  EXPECT_EQ(where.column, 3);
  EXPECT_NE(status.message().find("02.30"), std::string::npos);
  EXPECT_FALSE(calendar.Covers(2027));

  status = calendar.AddXmlCalendar("<calendar year=\"2027\"><day d=\"01.01\" t=\"7\"/></calendar>", "bad.xml");
  EXPECT_FALSE(status.ok());
  status = calendar.AddXmlCalendar("<holidays/>", "empty.xml");
  EXPECT_FALSE(status.ok());
}

}  // namespace
}  // namespace vekha
