// Occurrence expansion: a TimingSpec evaluated against a roadmap period gives dated occurrences
// (docs/timing.md, «The occurrence model»). Pure functions over value types; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/date.h"
#include "engine/timing.h"
#include "engine/work_calendar.h"

namespace vekha {

struct Occurrence {
  std::string key;                    // "2022", "2022/23", "2022-Q3", "2022-08", "once", …
  Date opens;                         // first day the task can be worked on
  std::optional<Date> due;            // last day as written; none for continuous and external
  std::optional<Date> effective_due;  // `due` moved off a non-working day
  bool operator==(const Occurrence&) const = default;
};

struct ExpansionContext {
  Date from;  // the roadmap period, inclusive
  Date to;
  YearType year_type = YearType::kCalendar;
  ShiftPolicy shift = ShiftPolicy::kNext;  // used unless the spec sets its own
  const WorkCalendar* calendar = &WorkCalendar::RussianBuiltin();
};

struct Expansion {
  Repeat kind = Repeat::kOnce;  // never kAuto
  std::vector<Occurrence> occurrences;
  std::vector<std::string> warnings;
  std::vector<int> uncovered_years;  // years of due dates the production calendar lacks
};

// The warning for a due date in a year the production calendar does not cover.
std::string UncoveredYearWarning(int year);

// Whether the period's first and last day fall in different (calendar or academic) years.
bool SpansSeveralYears(const ExpansionContext& context);

// The first and last day of the year an occurrence key names, as yearly occurrences are keyed:
// "2022" is the calendar year, "2022/23" the academic year from 1 September 2022; nullopt for
// any other key ("once", "2022-03", "2022-Q1").
std::optional<std::pair<Date, Date>> YearSpanOfKey(std::string_view key);

// The occurrences of `spec` over the context's period, sorted by opening day. A spec with a
// relative deadline (`after`) needs its predecessor's occurrences; pass them in `predecessor`.
Expansion ExpandTiming(const TimingSpec& spec, const ExpansionContext& context,
                       const std::vector<Occurrence>* predecessor = nullptr);

}  // namespace vekha
