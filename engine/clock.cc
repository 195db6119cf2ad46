#include "engine/clock.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <cstdio>

namespace vekha {

Clock::TimePoint SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

UtcDayAndTime SplitInstant(Clock::TimePoint instant) {
  auto day = std::chrono::floor<std::chrono::days>(instant);
  return {Date{day}, std::chrono::hh_mm_ss<std::chrono::seconds>{instant - day}};
}

std::string FormatInstant(Clock::TimePoint instant) {
  UtcDayAndTime split = SplitInstant(instant);
  return fmt::format("{}T{:02}:{:02}:{:02}Z", FormatIsoDate(split.day), split.time.hours().count(),
                     split.time.minutes().count(), split.time.seconds().count());
}

std::optional<Clock::TimePoint> ParseInstant(std::string_view text) {
  std::optional<Date> day = ParseIsoDate(text.substr(0, 10));
  if (!day) return std::nullopt;
  Clock::TimePoint instant{std::chrono::sys_days{*day}};
  if (text.size() == 10) return instant;
  std::string rest(text.substr(10));
  int hours = 0, minutes = 0, seconds = 0;
  char zulu = 0;
  if (rest.size() != 10 || rest[0] != 'T' ||
      std::sscanf(rest.c_str() + 1, "%2d:%2d:%2d%c", &hours, &minutes, &seconds, &zulu) != 4 || zulu != 'Z' ||
      hours > 23 || minutes > 59 || seconds > 59) {
    return std::nullopt;
  }
  return instant + std::chrono::hours(hours) + std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

Date LocalToday(const Clock& clock, const std::string& time_zone) { return LocalDateOf(clock.Now(), time_zone); }

Date LocalDateOf(Clock::TimePoint now, const std::string& time_zone) {
  try {
    auto local = date::make_zoned(time_zone, date::sys_seconds{now.time_since_epoch()}).get_local_time();
    date::year_month_day day{date::floor<date::days>(local)};
    return MakeDate(static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
                    static_cast<int>(static_cast<unsigned>(day.day())));
  } catch (const std::exception&) {
    return Date{std::chrono::floor<std::chrono::days>(now)};
  }
}

std::string FormatLocalTime(Clock::TimePoint instant, const std::string& time_zone) {
  try {
    auto local = date::make_zoned(time_zone, date::sys_seconds{instant.time_since_epoch()}).get_local_time();
    return date::format("%Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(local));
  } catch (const std::exception&) {
    UtcDayAndTime split = SplitInstant(instant);
    return fmt::format("{} {:02}:{:02}", FormatIsoDate(split.day), split.time.hours().count(),
                       split.time.minutes().count());
  }
}

std::chrono::sys_seconds StartOfLocalDay(const Date& day, const std::string& time_zone) {
  std::chrono::sys_seconds utc_midnight{std::chrono::sys_days{day}};
  try {
    const date::time_zone* zone = date::locate_zone(time_zone);
    auto local = date::local_seconds{utc_midnight.time_since_epoch()};
    return std::chrono::sys_seconds{zone->to_sys(local, date::choose::earliest).time_since_epoch()};
  } catch (const std::exception&) {
    return utc_midnight;
  }
}

}  // namespace vekha
