#include "engine/clock.h"

#include <date/tz.h>

namespace vekha {

Clock::TimePoint SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

Date LocalToday(const Clock& clock, const std::string& time_zone) {
  std::chrono::sys_seconds now = clock.Now();
  try {
    auto local = date::make_zoned(time_zone, date::sys_seconds{now.time_since_epoch()}).get_local_time();
    date::year_month_day day{date::floor<date::days>(local)};
    return MakeDate(static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
                    static_cast<int>(static_cast<unsigned>(day.day())));
  } catch (const std::exception&) {
    return Date{std::chrono::floor<std::chrono::days>(now)};
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
