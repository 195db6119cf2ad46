// WorkCalendar: which days are working days, from production calendars in the xmlcalendar format
// (t="1" day off, t="2" shortened working day, t="3" working weekend day; other Saturdays and
// Sundays are days off). Years the calendar does not cover fall back to "Saturday and Sunday off".
// Also the shift policy that moves a deadline off a non-working day, and working-day arithmetic.
// Built once, then read-only: safe to share between threads for reading.
#pragma once

#include <bitset>
#include <map>
#include <string>
#include <string_view>

#include "engine/date.h"
#include "engine/source_position.h"
#include "engine/status.h"

namespace vekha {

// How a deadline that falls on a non-working day moves (Civil Code art. 193 gives `kNext`).
enum class ShiftPolicy { kNext, kPrevious, kNone };

std::string_view ShiftPolicyName(ShiftPolicy policy);
std::optional<ShiftPolicy> ParseShiftPolicy(std::string_view name);

class WorkCalendar {
 public:
  // The calendar with only weekends off and no years covered.
  WorkCalendar() = default;
  // The Russian production calendar 2013–2027 compiled into the binary.
  static const WorkCalendar& RussianBuiltin();

  // Adds (or replaces) one year from an xmlcalendar document named `source`. On error the
  // calendar is unchanged, and `error_at` (when given) receives the position of the problem.
  Status AddXmlCalendar(std::string_view xml, std::string_view source, SourcePosition* error_at = nullptr);

  bool Covers(int year) const { return years_.contains(year); }
  int FirstCoveredYear() const;  // 0 when nothing is covered
  int LastCoveredYear() const;   // 0 when nothing is covered

  bool IsWorkingDay(const Date& date) const;
  Date Shift(const Date& date, ShiftPolicy policy) const;
  // The date `count` working days after `from` (0 gives the first working day on or after
  // `from`); a negative count goes back from the last working day on or before `from`.
  Date AddWorkingDays(const Date& from, int count) const;
  // Working days in (from, to]: positive when to is after from, negative when before.
  int WorkingDaysBetween(const Date& from, const Date& to) const;

 private:
  // Working days from 1 January of the date's year through the date.
  int WorkingDaysOfYearThrough(const Date& date) const;

  // Bit d is set when day d (0 = 1 January) of the year is a working day.
  std::map<int, std::bitset<366>> years_;
};

}  // namespace vekha
