#include "engine/occurrences.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

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

// The `n`th working day of a month (the last one when the month has fewer).
Date NthWorkingDay(const WorkCalendar& calendar, YearMonth month, int n) {
  Date day = calendar.AddWorkingDays(AddDays(FirstDayOfMonth(month), -1), n);
  Date last = LastDayOfMonth(month);
  while (last < day) day = calendar.AddWorkingDays(day, -1);
  return day;
}

// Where the deadline of a period ending in month `last` falls: in that month, or, for a report,
// in the month after it (or within `report_months` months when no day is named).
void ApplyPeriodicDeadline(const TimingSpec& spec, YearMonth last, const WorkCalendar& calendar, Candidate& candidate) {
  YearMonth month = last;
  if (spec.report) {
    bool day_named = spec.due_day || spec.due_working_day;
    month = AddMonths(last, day_named ? 1 : spec.report_months);
    candidate.occurrence.opens = FirstDayOfMonth(AddMonths(last, 1));
    candidate.occurrence.due = LastDayOfMonth(month);
  }
  if (spec.due_day) candidate.occurrence.due = ClampedDayOfMonth(month, *spec.due_day);
  if (spec.due_working_day) candidate.occurrence.due = NthWorkingDay(calendar, month, *spec.due_working_day);
  if (spec.opens_working_day) candidate.occurrence.opens = NthWorkingDay(calendar, month, *spec.opens_working_day);
}

YearMonth MonthOfDate(const Date& date) { return YearMonth{YearOf(date), MonthOf(date)}; }

// A yearly deadline day («до 10 августа»), opening when the year does or on `start`; for a report
// on the year, the day falls in the next year and the task opens when that year begins.
Candidate ByCandidate(const TimingSpec& spec, int cycle, YearType type, std::string key) {
  YearMonth start = CycleStart(cycle, type);
  Candidate candidate = MonthsCandidate(std::move(key), start, AddMonths(start, 11));
  Date due = ClampedDayOfMonth(PlaceMonth(spec.report ? cycle + 1 : cycle, spec.by->month, type), spec.by->day);
  if (spec.report) {
    candidate.occurrence.opens = FirstDayOfMonth(CycleStart(cycle + 1, type));
  } else if (spec.start) {
    Date opens = ClampedDayOfMonth(PlaceMonth(cycle, spec.start->month, type), spec.start->day);
    if (due < opens) due = ClampedDayOfMonth(PlaceMonth(cycle + 1, spec.by->month, type), spec.by->day);
    candidate.occurrence.opens = opens;
    candidate.period_start = opens;
    candidate.period_end = due;
  }
  candidate.occurrence.due = due;
  return candidate;
}

// One year (calendar or academic) of a yearly spec: the part of the year it names.
void AddYearlyParts(const TimingSpec& spec, int cycle, YearType type, bool once, const WorkCalendar& calendar,
                    std::vector<Candidate>& out) {
  YearMonth start = CycleStart(cycle, type);
  std::string year_key = once ? "once" : CycleLabel(cycle, type);
  if (spec.by) {
    out.push_back(ByCandidate(spec, cycle, type, year_key));
    return;
  }
  size_t first_added = out.size();
  if (!spec.months.empty()) {
    bool single = spec.months.size() == 1;
    for (int month : spec.months) {
      YearMonth placed = PlaceMonth(cycle, month, type);
      out.push_back(MonthsCandidate(once && single ? "once" : MonthKey(placed), placed, placed));
    }
  } else if (!spec.windows.empty()) {
    bool single = spec.windows.size() == 1;
    for (const MonthWindow& window : spec.windows) {
      YearMonth first = PlaceMonth(cycle, window.first, type);
      int length = (window.last - window.first + 12) % 12;
      out.push_back(MonthsCandidate(once && single ? "once" : MonthKey(first), first, AddMonths(first, length)));
    }
  } else if (spec.window) {
    YearMonth first = PlaceMonth(cycle, spec.window->first, type);
    int length = (spec.window->last - spec.window->first + 12) % 12;
    out.push_back(MonthsCandidate(year_key, first, AddMonths(first, length)));
  } else if (spec.quarter) {
    YearMonth first = PlaceMonth(cycle, *spec.quarter * 3 - 2, type);
    out.push_back(
        MonthsCandidate(once ? "once" : fmt::format("{}-Q{}", first.year, *spec.quarter), first, AddMonths(first, 2)));
  } else if (spec.half) {
    YearMonth first = AddMonths(start, (*spec.half - 1) * 6);
    out.push_back(MonthsCandidate(once ? "once" : fmt::format("{}-H{}", CycleLabel(cycle, type), *spec.half), first,
                                  AddMonths(first, 5)));
  } else {
    out.push_back(MonthsCandidate(year_key, start, AddMonths(start, 11)));
  }
  if (!spec.report && !spec.due_day && !spec.due_working_day) return;
  for (size_t i = first_added; i < out.size(); ++i) {
    ApplyPeriodicDeadline(spec, MonthOfDate(out[i].period_end), calendar, out[i]);
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

// The year the parts of a spec follow: the roadmap's, unless the spec names the calendar year.
YearType YearTypeOf(const TimingSpec& spec, const ExpansionContext& context) {
  return spec.calendar_year ? YearType::kCalendar : context.year_type;
}

void AddPeriodic(const TimingSpec& spec, const ExpansionContext& context, std::vector<Candidate>& out) {
  // Periods are aligned on the (calendar or academic) year for halves, on calendar quarters and
  // months otherwise; walk from the period containing the day before `from`.
  int step = PeriodMonths(spec.repeat);
  YearType alignment = spec.repeat == Repeat::kHalfYearly ? YearTypeOf(spec, context) : YearType::kCalendar;
  int cycle = CycleOf(context.from, alignment) - 1;
  YearMonth first = CycleStart(cycle, alignment);
  Date stop = AddDays(context.to, 1);
  for (; DaysBetween(FirstDayOfMonth(first), stop) > 0; first = AddMonths(first, step)) {
    YearMonth last = AddMonths(first, step - 1);
    int period_cycle = CycleOf(FirstDayOfMonth(first), alignment);
    Candidate candidate = MonthsCandidate(PeriodKey(spec.repeat, first, period_cycle, alignment), first, last);
    ApplyPeriodicDeadline(spec, last, *context.calendar, candidate);
    out.push_back(std::move(candidate));
  }
}

// ISO weeks, worked Monday to Friday or on one named day.
void AddWeekly(const TimingSpec& spec, const ExpansionContext& context, std::vector<Candidate>& out) {
  for (Date monday = IsoWeekMonday(context.from); DaysBetween(monday, context.to) >= 0; monday = AddDays(monday, 7)) {
    IsoWeek week = IsoWeekOf(monday);
    Date opens = spec.weekday ? AddDays(monday, *spec.weekday - 1) : monday;
    Date due = spec.weekday ? opens : AddDays(monday, 4);
    out.push_back(Candidate{Occurrence{fmt::format("{}-W{:02}", week.year, week.week), opens, due, std::nullopt},
                            monday, AddDays(monday, 6)});
  }
}

void AddOnce(const TimingSpec& spec, const ExpansionContext& context, std::vector<Candidate>& out) {
  if (spec.due || spec.opens) {
    Date due = spec.due.value_or(*spec.opens);
    Date opens = spec.opens.value_or(std::min(context.from, due));
    out.push_back(Candidate{Occurrence{"once", opens, due, std::nullopt}, opens, due});
    return;
  }
  int year = spec.year.value_or(YearOf(context.from));
  if (spec.to_year && spec.report) {
    YearMonth last = YearMonth{*spec.to_year, 12};
    Candidate candidate = MonthsCandidate("once", YearMonth{year, 1}, last);
    ApplyPeriodicDeadline(spec, last, *context.calendar, candidate);
    out.push_back(std::move(candidate));
    return;
  }
  if (spec.to_year) {
    bool academic = spec.school_years && context.year_type == YearType::kAcademic;
    YearMonth first = academic ? YearMonth{year, 9} : YearMonth{year, 1};
    YearMonth last = academic ? YearMonth{*spec.to_year, 8} : YearMonth{*spec.to_year, 12};
    out.push_back(MonthsCandidate("once", first, last));
    return;
  }
  AddYearlyParts(spec, year, YearType::kCalendar, /*once=*/true, *context.calendar, out);
}

bool Overlaps(const Candidate& candidate, const ExpansionContext& context) {
  return DaysBetween(candidate.period_start, context.to) >= 0 && DaysBetween(context.from, candidate.period_end) >= 0;
}

bool StartsBefore(const Candidate& candidate, YearMonth since) {
  return DaysBetween(FirstDayOfMonth(since), candidate.period_start) < 0;
}

bool StartsAfter(const Candidate& candidate, YearMonth until) {
  return DaysBetween(candidate.period_start, LastDayOfMonth(until)) < 0;
}

// A continuous duty opens with the roadmap, or later when it says since when.
Date ContinuousOpening(const TimingSpec& spec, const ExpansionContext& context) {
  Date opens = context.from;
  if (spec.since && opens < FirstDayOfMonth(*spec.since)) opens = FirstDayOfMonth(*spec.since);
  if (spec.opens && opens < *spec.opens) opens = *spec.opens;
  return opens;
}

Repeat ResolveKind(const TimingSpec& spec, const ExpansionContext& context) {
  if (spec.repeat != Repeat::kAuto) return spec.repeat;
  return SpansSeveralYears(context) ? Repeat::kYearly : Repeat::kOnce;
}

}  // namespace

std::string UncoveredYearWarning(int year) {
  return fmt::format("в производственном календаре нет {} года: выходными считаются только субботы и воскресенья",
                     year);
}

std::optional<std::pair<Date, Date>> YearSpanOfKey(std::string_view key) {
  for (YearType type : {YearType::kCalendar, YearType::kAcademic}) {
    int cycle = 0;
    auto [end, error] = std::from_chars(key.data(), key.data() + std::min<size_t>(key.size(), 4), cycle);
    if (error != std::errc() || end != key.data() + 4 || CycleLabel(cycle, type) != key) continue;
    YearMonth first = CycleStart(cycle, type);
    return std::pair{FirstDayOfMonth(first), AddDays(FirstDayOfMonth(CycleStart(cycle + 1, type)), -1)};
  }
  return std::nullopt;
}

bool SpansSeveralYears(const ExpansionContext& context) {
  return CycleOf(context.from, context.year_type) != CycleOf(context.to, context.year_type);
}

namespace {

// After a predecessor: one candidate per occurrence of it, due the given (working) days after its
// deadline; an undated predecessor (dated by a coordinator later, or from an external plan) leaves
// the task waiting for it, undated, dated when it finishes.
void AddAfterPredecessor(const TimingSpec& spec, const std::vector<Occurrence>& predecessor,
                         const WorkCalendar& calendar, std::vector<Candidate>& candidates) {
  for (const Occurrence& before : predecessor) {
    if (!before.effective_due) {
      candidates.push_back(
          Candidate{Occurrence{before.key, before.opens, std::nullopt, std::nullopt}, before.opens, before.opens});
      continue;
    }
    Date base = *before.effective_due;
    Date due =
        spec.after->working_days ? calendar.AddWorkingDays(base, spec.after->days) : AddDays(base, spec.after->days);
    candidates.push_back(Candidate{Occurrence{before.key, base, due, std::nullopt}, base, due});
  }
}

// Undated occurrences, to be dated later (by an event, by a coordinator): one per (calendar or
// academic) year of the period when `yearly`, otherwise one.
std::vector<Occurrence> UndatedPerCycle(bool yearly, const ExpansionContext& context, YearType year_type) {
  if (!yearly) return {Occurrence{"once", context.from, std::nullopt, std::nullopt}};
  std::vector<Occurrence> occurrences;
  for (int cycle = CycleOf(context.from, year_type); cycle <= CycleOf(context.to, year_type); ++cycle) {
    Date opens = std::max(context.from, FirstDayOfMonth(CycleStart(cycle, year_type)));
    occurrences.push_back(Occurrence{CycleLabel(cycle, year_type), opens, std::nullopt, std::nullopt});
  }
  return occurrences;
}

// The candidates that fall within the period (when `filter_by_period`) and the spec's since/until,
// each with its opening lead and its deadline shifted off days off, in order of opening; notes the
// years the calendar does not cover and warns when none fell within the period.
void AddOccurrences(const TimingSpec& spec, const ExpansionContext& context, bool filter_by_period,
                    std::vector<Candidate>& candidates, Expansion& result) {
  ShiftPolicy shift = spec.shift.value_or(context.shift);
  std::vector<int>& uncovered_years = result.uncovered_years;
  for (Candidate& candidate : candidates) {
    if (filter_by_period && !Overlaps(candidate, context)) continue;
    if (spec.since && StartsBefore(candidate, *spec.since)) continue;
    if (spec.until && StartsAfter(candidate, *spec.until)) continue;
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
    result.warnings.push_back(fmt::format("ни один срок не попадает в период дорожной карты {} – {}",
                                          FormatIsoDate(context.from), FormatIsoDate(context.to)));
  }
  std::stable_sort(result.occurrences.begin(), result.occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.opens != b.opens) return a.opens < b.opens;
    return a.due < b.due;
  });
}

}  // namespace

Expansion ExpandTiming(const TimingSpec& spec, const ExpansionContext& context,
                       const std::vector<Occurrence>* predecessor) {
  Expansion result;
  result.kind = ResolveKind(spec, context);
  YearType year_type = YearTypeOf(spec, context);
  std::vector<Candidate> candidates;
  bool filter_by_period = true;

  if (spec.after && predecessor != nullptr) {
    AddAfterPredecessor(spec, *predecessor, *context.calendar, candidates);
    filter_by_period = false;  // the predecessor's occurrences were already chosen
  } else if (spec.event) {
    // Undated until the event is recorded: one task per (calendar or academic) year, or one.
    result.kind = Repeat::kEvent;
    result.occurrences = UndatedPerCycle(spec.event->yearly, context, year_type);
    return result;
  } else {
    switch (result.kind) {
      case Repeat::kOnce:
        if (spec.repeat == Repeat::kAuto) {
          AddYearlyParts(spec, CycleOf(context.from, year_type), year_type, /*once=*/true, *context.calendar,
                         candidates);
          if (spec.by && !spec.start && !spec.report) candidates.back().occurrence.opens = context.from;
        } else {
          AddOnce(spec, context, candidates);
        }
        break;
      case Repeat::kYearly: {
        if (spec.repeat == Repeat::kAuto) {
          result.warnings.push_back(
              "нет ни года, ни «ежегодно»: прочитано как ежегодно, потому что период дорожной карты "
              "охватывает несколько лет; напишите «ежегодно» или год");
        }
        int first = CycleOf(context.from, year_type) - 1;
        int last = CycleOf(context.to, year_type) + 1;
        for (int cycle = first; cycle <= last; ++cycle) {
          AddYearlyParts(spec, cycle, year_type, /*once=*/false, *context.calendar, candidates);
        }
        break;
      }
      case Repeat::kHalfYearly:
      case Repeat::kQuarterly:
      case Repeat::kMonthly:
        AddPeriodic(spec, context, candidates);
        break;
      case Repeat::kWeekly:
        AddWeekly(spec, context, candidates);
        break;
      case Repeat::kContinuous:
        result.occurrences.push_back(
            Occurrence{"continuous", ContinuousOpening(spec, context), std::nullopt, std::nullopt});
        return result;
      case Repeat::kExternal:
        if (spec.external_yearly) {
          for (int cycle = CycleOf(context.from, context.year_type); cycle <= CycleOf(context.to, context.year_type);
               ++cycle) {
            result.occurrences.push_back(Occurrence{CycleLabel(cycle, context.year_type),
                                                    FirstDayOfMonth(CycleStart(cycle, context.year_type)), std::nullopt,
                                                    std::nullopt});
          }
        } else {
          result.occurrences.push_back(Occurrence{"once", context.from, std::nullopt, std::nullopt});
        }
        return result;
      case Repeat::kOnDemand:
      case Repeat::kAuto:
      case Repeat::kEvent:  // an event timing without its anchor: nothing to date from
        return result;
    }
  }

  AddOccurrences(spec, context, filter_by_period, candidates, result);
  return result;
}

}  // namespace vekha
