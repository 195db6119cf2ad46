// The structured form of an activity's timing (TIMING.md): what every «Сроки» phrase compiles to,
// and what a coordinator can write in YAML directly. A plain value type; see occurrences.h for how
// it becomes dated occurrences.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/work_calendar.h"

namespace vekha {

// How often the timing recurs. kAuto is the bare month or date with neither a year nor
// «ежегодно»: yearly when the roadmap spans several years, once when it lies within one.
enum class Repeat {
  kAuto,
  kOnce,
  kYearly,
  kHalfYearly,
  kQuarterly,
  kMonthly,
  kWeekly,
  kContinuous,
  kOnDemand,
  kExternal,
};

// The kind reported to users (TIMING.md §6); kAuto resolves to kYearly or kOnce.
std::string_view RepeatName(Repeat repeat);
std::optional<Repeat> ParseRepeat(std::string_view name);

enum class YearType { kCalendar, kAcademic };  // academic = 1 September – 31 August

// Months `first`..`last` (1..12) as one window; last < first runs into the next year.
struct MonthWindow {
  int first = 0;
  int last = 0;
  bool operator==(const MonthWindow&) const = default;
};

struct MonthDay {
  int month = 0;
  int day = 0;
  bool operator==(const MonthDay&) const = default;
};

// A deadline relative to the completion of another activity of the same period.
struct RelativeDeadline {
  std::string activity;
  int days = 0;
  bool working_days = false;
  bool operator==(const RelativeDeadline&) const = default;
};

struct TimingSpec {
  Repeat repeat = Repeat::kAuto;

  // Which part of each year (yearly, auto) or of `year` (once). At most one is set; none of them
  // means the whole year.
  std::vector<int> months;            // each month is its own occurrence
  std::optional<MonthWindow> window;  // one window of months
  std::optional<int> quarter;         // 1..4, calendar quarters
  std::optional<int> half;            // 1..2, halves of the calendar or academic year
  std::optional<MonthDay> by;         // a deadline day; the occurrence opens when the year does

  // Once forms: a year to place the part above in, or explicit dates. `opens` defaults to the
  // roadmap's first day when only `due` is given.
  std::optional<int> year;
  std::optional<int> to_year;  // a span of years `year`..`to_year`
  bool school_years = false;   // the span counts academic years in an academic roadmap («2022-23»)
  std::optional<Date> opens;
  std::optional<Date> due;

  // Periodic deadlines: the day of the month the task is due, in the period's last month or, with
  // `report`, in the month after the period (then the task also opens on that month's 1st).
  std::optional<int> due_day;
  bool report = false;
  // The first period of a recurrence («Январь 2022 (далее – ежемесячно)»).
  std::optional<YearMonth> since;

  // External timing: the plan or schedule the dates come from, and whether one task is owed per
  // year (else one for the whole roadmap).
  std::string plan;
  bool external_yearly = false;

  // Structured-only features.
  std::optional<RelativeDeadline> after;
  std::optional<int> lead_days;  // opens this many days before the deadline
  std::optional<ShiftPolicy> shift;

  bool operator==(const TimingSpec&) const = default;
};

}  // namespace vekha
