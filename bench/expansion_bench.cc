// Occurrence expansion rate (target ≥ 1,000,000 occurrences/s), beside a baseline that only walks
// the same number of month ends in the same run; and four recurrences both Vekha and iCalendar
// express, expanded by Vekha and by libical (Debian libical-dev) in the same run (Vekha
// ≥ 5× libical; bench/peers/rrule runs rrule.js on the same four).
#include <benchmark/benchmark.h>
#include <libical/ical.h>

#include "engine/occurrences.h"
#include "workflows/timing_phrase.h"

namespace vekha {
namespace {

// Timing phrases of the seeds, one of each shape.
const char* const kPhrases[] = {"Ежегодно январь, май",
                                "Июнь-август ежегодно",
                                "Ежегодно III квартал",
                                "Ежемесячно",
                                "ежеквартально (до 15 числа месяца, следующего за отчетным периодом)",
                                "Два раза в год",
                                "Ежегодно, в срок до 10 августа",
                                "Сентябрь, декабрь 2021 года, ежегодно",
                                "Еженедельно",
                                "Январь 2022 ( далее – ежемесячно)",
                                "Октябрь 2021 - июль 2022",
                                "До 31.03. 2022 года"};

std::vector<TimingSpec> Specs() {
  std::vector<TimingSpec> specs;
  for (const char* phrase : kPhrases) specs.push_back(ParseTimingPhrase(phrase).spec);
  return specs;
}

ExpansionContext TenYears() {
  ExpansionContext context;
  context.from = MakeDate(2016, 1, 1);
  context.to = MakeDate(2025, 12, 31);
  return context;
}

// Expands every spec over ten years per iteration; reports occurrences per second.
void ExpandEach(benchmark::State& state, const std::vector<TimingSpec>& specs) {
  ExpansionContext context = TenYears();
  int64_t occurrences = 0;
  for (auto _ : state) {
    for (const TimingSpec& spec : specs) {
      Expansion expansion = ExpandTiming(spec, context);
      occurrences += static_cast<int64_t>(expansion.occurrences.size());
      benchmark::DoNotOptimize(expansion);
    }
  }
  state.counters["occurrences_per_second"] =
      benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kIsRate);
}

void BM_ExpandSeedTimingsOverTenYears(benchmark::State& state) { ExpandEach(state, Specs()); }
BENCHMARK(BM_ExpandSeedTimingsOverTenYears);

// Baseline: one month end and one calendar look-up per occurrence, no keys, no strings.
void BM_BaselineMonthEndsWithCalendarLookup(benchmark::State& state) {
  const WorkCalendar& calendar = WorkCalendar::RussianBuiltin();
  int64_t produced = 0;
  for (auto _ : state) {
    for (YearMonth month{2016, 1}; month.year < 2026; month = AddMonths(month, 1)) {
      Date due = calendar.Shift(LastDayOfMonth(month), ShiftPolicy::kNext);
      benchmark::DoNotOptimize(due);
      ++produced;
    }
  }
  state.counters["occurrences_per_second"] =
      benchmark::Counter(static_cast<double>(produced), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselineMonthEndsWithCalendarLookup);

// The same four recurrences as bench/peers/rrule/bench.js, as «Сроки» phrases and as RRULEs.
const char* const kEquivalentPhrases[] = {"Ежемесячно", "Ежегодно январь, май",
                                          "ежеквартально (до 15 числа месяца, следующего за отчетным периодом)",
                                          "Еженедельно"};
const char* const kEquivalentRules[] = {
    "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20251231", "FREQ=YEARLY;BYMONTH=1,5;BYMONTHDAY=-1;UNTIL=20251231",
    "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15;UNTIL=20251231", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20251231"};

void BM_ExpandEquivalentRecurrences(benchmark::State& state) {
  std::vector<TimingSpec> specs;
  for (const char* phrase : kEquivalentPhrases) specs.push_back(ParseTimingPhrase(phrase).spec);
  ExpandEach(state, specs);
}
BENCHMARK(BM_ExpandEquivalentRecurrences);

void BM_LibicalEquivalentRecurrences(benchmark::State& state) {
  icaltimetype start = icaltime_from_string("20160101");
  int64_t occurrences = 0;
  for (auto _ : state) {
    for (const char* text : kEquivalentRules) {
      icalrecurrencetype recurrence = icalrecurrencetype_from_string(text);
      icalrecur_iterator* iterator = icalrecur_iterator_new(recurrence, start);
      for (icaltimetype next = icalrecur_iterator_next(iterator); !icaltime_is_null_time(next);
           next = icalrecur_iterator_next(iterator)) {
        ++occurrences;
      }
      icalrecur_iterator_free(iterator);
    }
  }
  state.counters["occurrences_per_second"] =
      benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LibicalEquivalentRecurrences);

}  // namespace
}  // namespace vekha
