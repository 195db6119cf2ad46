#include "notifiers/quiet_hours.h"

#include <date/tz.h>

namespace vekha::notifiers {

namespace {

using LocalSeconds = date::local_seconds;

bool InQuietMinutes(const QuietHours& quiet, int minute) {
  if (quiet.from_minute == quiet.to_minute) return false;  // no quiet hours
  if (quiet.from_minute < quiet.to_minute) return minute >= quiet.from_minute && minute < quiet.to_minute;
  return minute >= quiet.from_minute || minute < quiet.to_minute;  // across midnight
}

}  // namespace

Clock::TimePoint NextAllowedInstant(const QuietHours& quiet, const WorkCalendar& calendar, const std::string& time_zone,
                                    Clock::TimePoint instant) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
  }
  LocalSeconds local = zone->to_local(date::sys_seconds{instant.time_since_epoch()});
  LocalSeconds start = local;
  // A year of days off at most; quiet hours never cover a whole day, so this ends.
  for (int step = 0; step < 800; ++step) {
    auto day = date::floor<date::days>(local);
    int minute = static_cast<int>(date::floor<std::chrono::minutes>(local - day).count());
    Date today{std::chrono::sys_days{day.time_since_epoch()}};
    if (quiet.days_off && !calendar.IsWorkingDay(today)) {
      local = day + date::days{1};
      continue;
    }
    if (!InQuietMinutes(quiet, minute)) break;
    // The quiet period ends at `to_minute`: today when it has not passed yet, else tomorrow.
    auto end = day + std::chrono::minutes{quiet.to_minute};
    local = minute < quiet.to_minute ? end : end + date::days{1};
  }
  if (local == start) return instant;
  return Clock::TimePoint{zone->to_sys(local, date::choose::earliest).time_since_epoch()};
}

}  // namespace vekha::notifiers
