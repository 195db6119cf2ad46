#include "engine/occurrences.h"

#include <fmt/format.h>

#include <algorithm>

namespace vekha {

namespace {

// An occurrence with the period its key names, which decides whether it belongs to the roadmap.
struct Candidate {
  Occurrence occurrence;
  Date period_start;
  Date period_end;
};

int AcademicYearOf(const Date& date) { return MonthOf(date) >= 9 ? YearOf(date) : YearOf(date) - 1; }

int CycleOf(const Date& date, YearType type) {
  return type == YearType::kAcademic ? AcademicYearOf(date) : YearOf(date);
}

YearMonth CycleStart(int cycle, YearType type) {
  return type == YearType::kAcademic ? YearMonth{cycle, 9} : YearMonth{cycle, 1};
}

std::string CycleLabel(int cycle, YearType type) {
  if (type == YearType::kAcademic) return fmt::format("{}/{:02}", cycle, (cycle + 1) % 100);
  return fmt::format("{}", cycle);
}

// The calendar month in which month `month` of the given (calendar or academic) year falls.
YearMonth PlaceMonth(int cycle, int month, YearType type) {
  if (type == YearType::kAcademic && month < 9) return YearMonth{cycle + 1, month};
  return YearMonth{cycle, month};
}

std::string MonthKey(YearMonth month) { return FormatYearMonth(month); }

Candidate MonthsCandidate(std::string key, YearMonth first, YearMonth last) {
  Date opens = FirstDayOfMonth(first);
  Date due = LastDayOfMonth(last);
  return Candidate{Occurrence{std::move(key), opens, due, std::nullopt}, opens, due};
}

int QuarterOf(YearMonth month) { return (month.month - 1) / 3 + 1; }

// Where a periodic deadline falls for a period ending in month `last`.
void ApplyPeriodicDeadline(const TimingSpec& spec, YearMonth last, Candidate& candidate) {
  if (spec.report) {
    YearMonth next = AddMonths(last, 1);
    candidate.occurrence.opens = FirstDayOfMonth(next);
    candidate.occurrence.due = ClampedDayOfMonth(next, spec.due_day.value_or(DaysInMonth(next.year, next.month)));
  } else if (spec.due_day) {
    candidate.occurrence.due = ClampedDayOfMonth(last, *spec.due_day);
  }
}

// One year (calendar or academic) of a yearly spec: the part of the year it names.
void AddYearlyParts(const TimingSpec& spec, int cycle, YearType type, bool once,
                    std::vector<Candidate>& out) {
  YearMonth start = CycleStart(cycle, type);
  std::string year_key = once ? "once" : CycleLabel(cycle, type);
  if (!spec.months.empty()) {
    bool single = spec.months.size() == 1;
    for (int month : spec.months) {
      YearMonth placed = PlaceMonth(cycle, month, type);
      out.push_back(MonthsCandidate(once && single ? "once" : MonthKey(placed), placed, placed));
    }
  } else if (spec.window) {
    YearMonth first = PlaceMonth(cycle, spec.window->first, type);
    int length = (spec.window->last - spec.window->first + 12) % 12;
    out.push_back(MonthsCandidate(year_key, first, AddMonths(first, length)));
  } else if (spec.quarter) {
    YearMonth first = PlaceMonth(cycle, *spec.quarter * 3 - 2, type);
    out.push_back(MonthsCandidate(once ? "once" : fmt::format("{}-Q{}", first.year, *spec.quarter),
                                  first, AddMonths(first, 2)));
  } else if (spec.half) {
    YearMonth first = AddMonths(start, (*spec.half - 1) * 6);
    out.push_back(MonthsCandidate(
        once ? "once" : fmt::format("{}-H{}", CycleLabel(cycle, type), *spec.half), first,
        AddMonths(first, 5)));
  } else if (spec.by) {
    YearMonth month = PlaceMonth(cycle, spec.by->month, type);
    Candidate candidate = MonthsCandidate(year_key, start, AddMonths(start, 11));
    candidate.occurrence.due = ClampedDayOfMonth(month, spec.by->day);
    out.push_back(std::move(candidate));
  } else {
    out.push_back(MonthsCandidate(year_key, start, AddMonths(start, 11)));
  }
}

// The months of each period of a half-yearly, quarterly or monthly recurrence.
int PeriodMonths(Repeat repeat) {
  switch (repeat) {
    case Repeat::kHalfYearly:
      return 6;
    case Repeat::kQuarterly:
      return 3;
    default:
      return 1;
  }
}

std::string PeriodKey(Repeat repeat, YearMonth first, int cycle, YearType type) {
  switch (repeat) {
    case Repeat::kHalfYearly: {
      int half = first == CycleStart(cycle, type) ? 1 : 2;
      return fmt::format("{}-H{}", CycleLabel(cycle, type), half);
    }
    case Repeat::kQuarterly:
      return fmt::format("{}-Q{}", first.year, QuarterOf(first));
    default:
      return MonthKey(first);
  }
}

void AddPeriodic(const TimingSpec& spec, const ExpansionContext& context,
                 std::vector<Candidate>& out) {
  // Periods are aligned on the (calendar or academic) year for halves, on calendar quarters and
  // months otherwise; walk from the period containing the day before `from`.
  int step = PeriodMonths(spec.repeat);
  YearType alignment = spec.repeat == Repeat::kHalfYearly ? context.year_type : YearType::kCalendar;
  int cycle = CycleOf(context.from, alignment) - 1;
  YearMonth first = CycleStart(cycle, alignment);
  Date stop = AddDays(context.to, 1);
  for (; DaysBetween(FirstDayOfMonth(first), stop) > 0; first = AddMonths(first, step)) {
    YearMonth last = AddMonths(first, step - 1);
    int period_cycle = CycleOf(FirstDayOfMonth(first), alignment);
    Candidate candidate = MonthsCandidate(PeriodKey(spec.repeat, first, period_cycle, alignment),
                                          first, last);
    ApplyPeriodicDeadline(spec, last, candidate);
    out.push_back(std::move(candidate));
  }
}

void AddWeekly(const ExpansionContext& context, std::vector<Candidate>& out) {
  for (Date monday = IsoWeekMonday(context.from); DaysBetween(monday, context.to) >= 0;
       monday = AddDays(monday, 7)) {
    IsoWeek week = IsoWeekOf(monday);
    Date friday = AddDays(monday, 4);
    out.push_back(Candidate{
        Occurrence{fmt::format("{}-W{:02}", week.year, week.week), monday, friday, std::nullopt},
        monday, AddDays(monday, 6)});
  }
}

void AddOnce(const TimingSpec& spec, const ExpansionContext& context,
             std::vector<Candidate>& out) {
  if (spec.due || spec.opens) {
    Date due = spec.due.value_or(*spec.opens);
    Date opens = spec.opens.value_or(std::min(context.from, due));
    out.push_back(Candidate{Occurrence{"once", opens, due, std::nullopt}, opens, due});
    return;
  }
  int year = spec.year.value_or(YearOf(context.from));
  if (spec.to_year) {
    bool academic = spec.school_years && context.year_type == YearType::kAcademic;
    YearMonth first = academic ? YearMonth{year, 9} : YearMonth{year, 1};
    YearMonth last = academic ? YearMonth{*spec.to_year, 8} : YearMonth{*spec.to_year, 12};
    out.push_back(MonthsCandidate("once", first, last));
    return;
  }
  AddYearlyParts(spec, year, YearType::kCalendar, /*once=*/true, out);
}

bool Overlaps(const Candidate& candidate, const ExpansionContext& context) {
  return DaysBetween(candidate.period_start, context.to) >= 0 &&
         DaysBetween(context.from, candidate.period_end) >= 0;
}

bool StartsBefore(const Candidate& candidate, YearMonth since) {
  return DaysBetween(FirstDayOfMonth(since), candidate.period_start) < 0;
}

Repeat ResolveKind(const TimingSpec& spec, const ExpansionContext& context) {
  if (spec.repeat != Repeat::kAuto) return spec.repeat;
  return SpansSeveralYears(context) ? Repeat::kYearly : Repeat::kOnce;
}

}  // namespace

std::string UncoveredYearWarning(int year) {
  return fmt::format(
      "the production calendar has no data for {}: only Saturdays and Sundays count as days off",
      year);
}

bool SpansSeveralYears(const ExpansionContext& context) {
  return CycleOf(context.from, context.year_type) != CycleOf(context.to, context.year_type);
}

Expansion ExpandTiming(const TimingSpec& spec, const ExpansionContext& context,
                       const std::vector<Occurrence>* predecessor) {
  Expansion result;
  result.kind = ResolveKind(spec, context);
  std::vector<Candidate> candidates;
  bool filter_by_period = true;

  if (spec.after && predecessor != nullptr) {
    for (const Occurrence& before : *predecessor) {
      if (!before.effective_due) continue;
      Date base = *before.effective_due;
      Date due = spec.after->working_days ? context.calendar->AddWorkingDays(base, spec.after->days)
                                          : AddDays(base, spec.after->days);
      candidates.push_back(Candidate{Occurrence{before.key, base, due, std::nullopt}, base, due});
    }
    filter_by_period = false;  // the predecessor's occurrences were already chosen
  } else {
    switch (result.kind) {
      case Repeat::kOnce:
        if (spec.repeat == Repeat::kAuto) {
          AddYearlyParts(spec, CycleOf(context.from, context.year_type), context.year_type,
                         /*once=*/true, candidates);
          if (spec.by) candidates.back().occurrence.opens = context.from;
        } else {
          AddOnce(spec, context, candidates);
        }
        break;
      case Repeat::kYearly: {
        if (spec.repeat == Repeat::kAuto) {
          result.warnings.push_back(
              "no year and no «ежегодно»: taken as yearly because the roadmap period spans several "
              "years; write «ежегодно» or a year");
        }
        int first = CycleOf(context.from, context.year_type) - 1;
        int last = CycleOf(context.to, context.year_type) + 1;
        for (int cycle = first; cycle <= last; ++cycle) {
          AddYearlyParts(spec, cycle, context.year_type, /*once=*/false, candidates);
        }
        break;
      }
      case Repeat::kHalfYearly:
      case Repeat::kQuarterly:
      case Repeat::kMonthly:
        AddPeriodic(spec, context, candidates);
        break;
      case Repeat::kWeekly:
        AddWeekly(context, candidates);
        break;
      case Repeat::kContinuous:
        result.occurrences.push_back(
            Occurrence{"continuous", context.from, std::nullopt, std::nullopt});
        return result;
      case Repeat::kExternal:
        if (spec.external_yearly) {
          for (int cycle = CycleOf(context.from, context.year_type);
               cycle <= CycleOf(context.to, context.year_type); ++cycle) {
            result.occurrences.push_back(
                Occurrence{CycleLabel(cycle, context.year_type),
                           FirstDayOfMonth(CycleStart(cycle, context.year_type)), std::nullopt,
                           std::nullopt});
          }
        } else {
          result.occurrences.push_back(Occurrence{"once", context.from, std::nullopt, std::nullopt});
        }
        return result;
      case Repeat::kOnDemand:
      case Repeat::kAuto:
        return result;
    }
  }

  ShiftPolicy shift = spec.shift.value_or(context.shift);
  std::vector<int>& uncovered_years = result.uncovered_years;
  for (Candidate& candidate : candidates) {
    if (filter_by_period && !Overlaps(candidate, context)) continue;
    if (spec.since && StartsBefore(candidate, *spec.since)) continue;
    Occurrence& occurrence = candidate.occurrence;
    if (spec.lead_days && occurrence.due) occurrence.opens = AddDays(*occurrence.due, -*spec.lead_days);
    if (occurrence.due) {
      occurrence.effective_due = context.calendar->Shift(*occurrence.due, shift);
      int year = YearOf(*occurrence.due);
      if (!context.calendar->Covers(year) &&
          std::find(uncovered_years.begin(), uncovered_years.end(), year) == uncovered_years.end()) {
        uncovered_years.push_back(year);
      }
    }
    result.occurrences.push_back(std::move(occurrence));
  }
  if (result.occurrences.empty() && !candidates.empty()) {
    result.warnings.push_back(fmt::format("no occurrence falls within the roadmap period {} – {}",
                                          FormatIsoDate(context.from), FormatIsoDate(context.to)));
  }
  std::stable_sort(result.occurrences.begin(), result.occurrences.end(),
                   [](const Occurrence& a, const Occurrence& b) {
                     if (a.opens != b.opens) return a.opens < b.opens;
                     return a.due < b.due;
                   });
  return result;
}

}  // namespace vekha
