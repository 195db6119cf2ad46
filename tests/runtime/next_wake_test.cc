#include <gtest/gtest.h>

#include "runtime/cycle.h"

namespace vekha::runtime {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Clock::TimePoint Instant(const char* text) { return *ParseInstant(text); }

TEST(NextWakeTest, JustAfterTheNextLocalMidnightWhenNothingIsDue) {
  // 15 February 2022, 22:30 in Novokuznetsk (UTC+7): the next local midnight is 17:00 UTC.
  Clock::TimePoint now = Instant("2022-02-15T15:30:00Z");
  EXPECT_EQ(NextWake(now, MakeDate(2022, 2, 15), "Asia/Novokuznetsk", std::nullopt), Instant("2022-02-15T17:00:01Z"));
  EXPECT_EQ(NextWake(now, MakeDate(2022, 2, 15), "Europe/Moscow", std::nullopt), Instant("2022-02-15T21:00:01Z"));
}

TEST(NextWakeTest, ADeliveryDueBeforeMidnightWakesEarlier) {
  Clock::TimePoint now = Instant("2022-02-15T07:00:00Z");
  Clock::TimePoint retry = now + minutes{10};
  EXPECT_EQ(NextWake(now, MakeDate(2022, 2, 15), "Europe/Moscow", retry), retry);
  EXPECT_EQ(NextWake(now, MakeDate(2022, 2, 15), "Europe/Moscow", now + hours{20}), Instant("2022-02-15T21:00:01Z"));
}

TEST(NextWakeTest, ADeliveryAlreadyDueWakesAtOnceOrAfterTheGapAsked) {
  Clock::TimePoint now = Instant("2022-02-15T07:00:00Z");
  EXPECT_EQ(NextWake(now, MakeDate(2022, 2, 15), "Europe/Moscow", now - hours{1}), now);
  EXPECT_EQ(NextWake(now, MakeDate(2022, 2, 15), "Europe/Moscow", now - hours{1}, seconds{1}), now + seconds{1});
}

TEST(NextWakeTest, TheDayAfterADaylightSavingChangeStartsAtItsOwnMidnight) {
  // Berlin moved its clocks on 27 March 2022: that day has 23 hours.
  Clock::TimePoint now = Instant("2022-03-26T12:00:00Z");
  EXPECT_EQ(NextWake(now, MakeDate(2022, 3, 26), "Europe/Berlin", std::nullopt), Instant("2022-03-26T23:00:01Z"));
  EXPECT_EQ(NextWake(Instant("2022-03-27T12:00:00Z"), MakeDate(2022, 3, 27), "Europe/Berlin", std::nullopt),
            Instant("2022-03-27T22:00:01Z"));
}

}  // namespace
}  // namespace vekha::runtime
