#include "engine/date.h"

#include <gtest/gtest.h>

#include "engine/clock.h"

namespace vekha {
namespace {

TEST(DateTest, ParsesAndPrintsIsoDates) {
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2022-03-31")), "2022-03-31");
  EXPECT_FALSE(ParseIsoDate("2022-02-30"));
  EXPECT_FALSE(ParseIsoDate("2022-3-31"));
  EXPECT_FALSE(ParseIsoDate("31.03.2022"));
  EXPECT_FALSE(ParseIsoDate("2022-03-31x"));
}

TEST(DateTest, ParsesYearMonths) {
  EXPECT_EQ(ParseYearMonth("2022-01"), (YearMonth{2022, 1}));
  EXPECT_FALSE(ParseYearMonth("2022-13"));
  EXPECT_FALSE(ParseYearMonth("2022-1"));
}

TEST(DateTest, MonthArithmeticUsesRealMonthLengths) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(LastDayOfMonth({2022, 4}), MakeDate(2022, 4, 30));
  EXPECT_EQ(ClampedDayOfMonth({2023, 2}, 31), MakeDate(2023, 2, 28));
  EXPECT_EQ(AddMonths({2022, 11}, 3), (YearMonth{2023, 2}));
  EXPECT_EQ(AddMonths({2022, 1}, -1), (YearMonth{2021, 12}));
}

TEST(DateTest, IsoWeeksBelongToTheYearOfTheirThursday) {
  IsoWeek week = IsoWeekOf(MakeDate(2022, 1, 1));  // a Saturday in week 52 of 2021
  EXPECT_EQ(week.year, 2021);
  EXPECT_EQ(week.week, 52);
  EXPECT_EQ(IsoWeekOf(MakeDate(2020, 12, 31)).week, 53);
  EXPECT_EQ(IsoWeekMonday(MakeDate(2022, 1, 1)), MakeDate(2021, 12, 27));
  EXPECT_EQ(IsoWeekday(MakeDate(2022, 1, 3)), 1u);
}

TEST(DateTest, TodayIsJudgedInTheTimeZone) {
  // 22:30 UTC on 1 January 2022 is already 2 January in Kemerovo (UTC+7), still 1 January in UTC.
  FakeClock clock(std::chrono::sys_days{MakeDate(2022, 1, 1)} + std::chrono::hours(22) + std::chrono::minutes(30));
  EXPECT_EQ(LocalToday(clock, "Asia/Novokuznetsk"), MakeDate(2022, 1, 2));
  EXPECT_EQ(LocalToday(clock, "UTC"), MakeDate(2022, 1, 1));
  EXPECT_EQ(LocalToday(clock, "Nowhere/Atlantis"), MakeDate(2022, 1, 1));  // unknown zone: UTC
  clock.Advance(std::chrono::hours(2));
  EXPECT_EQ(LocalToday(clock, "UTC"), MakeDate(2022, 1, 2));
}

TEST(DateTest, InstantsOfAnyFourDigitYearArePrintedWithoutOverflow) {
  // Years a user can type (`--now`, `?from=`) but far outside what nanoseconds since 1970 can hold.
  for (const char* text :
       {"0221-09-03T00:00:00Z", "1600-02-29T23:59:59Z", "2022-03-30T07:15:00Z", "9999-12-31T23:59:59Z"}) {
    std::optional<Clock::TimePoint> instant = ParseInstant(text);
    ASSERT_TRUE(instant) << text;
    EXPECT_EQ(FormatInstant(*instant), text);
  }
  Clock::TimePoint early = *ParseInstant("0221-09-03T10:15:00Z");
  EXPECT_EQ(FormatLocalTime(early, "UTC"), "0221-09-03 10:15");
  EXPECT_EQ(FormatLocalTime(early, "Nowhere/Atlantis"), "0221-09-03 10:15");
}

}  // namespace
}  // namespace vekha
