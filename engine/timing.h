// The structured form of an activity's timing (docs/timing.md): what every «Сроки» phrase compiles to,
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
  kEvent,  // dated from an event of the deployment once it is recorded
};

// The kind reported to users (docs/timing.md, «What explain-timing prints»); kAuto resolves to kYearly or kOnce.
std::string_view RepeatName(Repeat repeat);
std::optional<Repeat> ParseRepeat(std::string_view name);
// The kind in Russian words, for people: «ежеквартально», «по мере необходимости».
std::string_view RepeatTitle(Repeat repeat);

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

// A span counted from or back to an event.
enum class OffsetUnit { kDays, kWorkingDays, kWeeks, kMonths, kYears };

std::string_view OffsetUnitKey(OffsetUnit unit);  // "days", "working_days", "weeks", "months", "years"

// A deadline tied to an event of the deployment: `amount` units after it («в течение 30 рабочих
// дней после получения результатов», «через два года после включения ОО в проект») or before it
// («не позднее чем за 2 недели до начала экзаменационного периода»).
struct EventAnchor {
  std::string event;  // the event's id; a phrase's own words until the loader resolves them
  bool before = false;
  int amount = 0;
  OffsetUnit unit = OffsetUnit::kDays;
  bool yearly = true;  // the event happens each year (a task per year) or once (one task)
  bool operator==(const EventAnchor&) const = default;
};

struct TimingSpec {
  Repeat repeat = Repeat::kAuto;

  // Which part of each year (yearly, auto) or of `year` (once). At most one is set; none of them
  // means the whole year.
  std::vector<int> months;            // each month is its own occurrence
  std::optional<MonthWindow> window;  // one window of months
  std::vector<MonthWindow> windows;  // several windows, each its own occurrence («апрель, май – июнь»)
  std::optional<int> quarter;        // 1..4, calendar quarters
  std::optional<int> half;           // 1..2, halves of the calendar or academic year
  std::optional<MonthDay> by;        // a deadline day; the occurrence opens when the year does…
  std::optional<MonthDay> start;     // …or on this day («с 1 февраля до 1 марта»)
  // Yearly parts follow the calendar year even in an academic roadmap («по итогам календарного года»).
  bool calendar_year = false;

  // Once forms: a year to place the part above in, or explicit dates. `opens` defaults to the
  // roadmap's first day when only `due` is given.
  std::optional<int> year;
  std::optional<int> to_year;  // a span of years `year`..`to_year`
  bool school_years = false;   // the span counts academic years in an academic roadmap («2022-23»)
  std::optional<Date> opens;
  std::optional<Date> due;

  // Periodic deadlines: the day of the month the task is due, in the period's last month or, with
  // `report`, in the month after the period (then the task also opens on that month's 1st). A
  // report without a due day may take `report_months` months after its period («в течение
  // календарного года, следующего за отчетным периодом» is 12); a yearly report with `by` is due
  // on that day of the next year («до 15 января следующего года»).
  std::optional<int> due_day;
  bool report = false;
  int report_months = 1;
  // The deadline (and opening) as the Nth working day of the month instead of a calendar day
  // («на 6-10-й рабочий день месяца, следующего за отчетным»).
  std::optional<int> due_working_day;
  std::optional<int> opens_working_day;
  // The first and last periods of a recurrence («Январь 2022 (далее – ежемесячно)», «2022-2024
  // ежемесячно»); `since` also opens a continuous duty («с сентября 2021 года»).
  std::optional<YearMonth> since;
  std::optional<YearMonth> until;
  // Weekly: the day of the week the task falls on, 1 (Monday) to 7 («по понедельникам»).
  std::optional<int> weekday;

  // External timing: the plan or schedule the dates come from, and whether one task is owed per
  // year (else one for the whole roadmap).
  std::string plan;
  bool external_yearly = false;

  // A deadline counted from another activity's completion, or from an event.
  std::optional<RelativeDeadline> after;
  std::optional<EventAnchor> event;
  std::optional<int> lead_days;  // opens this many days before the deadline
  std::optional<ShiftPolicy> shift;

  bool operator==(const TimingSpec&) const = default;
};

}  // namespace vekha
